"""Crawls of the other TRS list variants replayed over loopback: a 莆田-shaped wasdoc column
(15 documents in the page, 3 by the search API), the real 三明 /fjdzapp/data answer with dotted
dates, and columns that announce no count."""

from __future__ import annotations

import json
from pathlib import Path

import sqlalchemy as sa

from tests.conftest import fetch_all, govcorpus
from tests.paths import REPLAY

PUTIAN = REPLAY / "putian_shape"
PUTIAN_COLUMN = "https://czj.putian.gov.cn/zwgk/zfxxgknb/"
PUTIAN_SEARCH = "https://czj.putian.gov.cn/fjdzapp/search"
PUTIAN_ROW = ("350300,莆田市财政局,county,https://czj.putian.gov.cn/,czj.putian.gov.cn,"
              f"report_columns={PUTIAN_COLUMN}")
SANMING = REPLAY / "sanming"
SANMING_COLUMN = "https://www.sm.gov.cn/smsrmzfbgs/smsrmzf/zfxxgkndbg/"
SANMING_ROW = ("350400,三明市,prefecture,https://www.sm.gov.cn/,sm.gov.cn,"
               f"report_columns={SANMING_COLUMN}")
PINGTAN = REPLAY / "pingtan"
PINGTAN_COLUMN = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/"
PINGTAN_ROW = ("350128,平潭综合实验区,county,https://www.pingtan.gov.cn/,pingtan.gov.cn,"
               f"report_columns={PINGTAN_COLUMN}")
JIANGXI = REPLAY / "jiangxi"
JIANGXI_COLUMN = "http://www.wanzai.gov.cn/wzxrmzf/zfxxgknb/list.shtml"
JIANGXI_ROW = (f"360922,万载县,county,http://www.wanzai.gov.cn/wzxrmzf/index.shtml,wanzai.gov.cn,"
               f"report_columns={JIANGXI_COLUMN}")


def _crawl(tmp_path: Path, row: str, archive: Path) -> tuple[str, str]:
    """The crawl's database URL and what it printed."""
    registry = tmp_path / "registry.csv"
    registry.write_text("region_code,name,level,start_urls,allowed_domains,hints\n" + row + "\n",
                        encoding="utf-8")
    db_url = f"sqlite:///{tmp_path / 'corpus.db'}"
    result = govcorpus("crawl", "--registry", str(registry), "--db", db_url, "--workers", "0",
                       "--replay", str(archive))
    assert result.returncode == 0, result.stderr[-3000:]
    return db_url, result.stdout


def _manifest(archive: Path) -> list[dict]:
    lines = (archive / "replay.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _documents_of(archive: Path) -> set[str]:
    return {entry["url"] for entry in _manifest(archive) if entry["file"].startswith("docs/")}


def _archive_with(tmp_path: Path, archive: Path, replace: dict[str, bytes]) -> Path:
    """A copy of a replay's manifest with some files' bytes replaced (by their manifest name)."""
    folder = tmp_path / "archive"
    folder.mkdir()
    lines = []
    for entry in _manifest(archive):
        if entry["file"] in replace:
            name = entry["file"].replace("/", "_")
            (folder / name).write_bytes(replace[entry["file"]])
            entry["file"] = name
        else:
            entry["file"] = str((archive / entry["file"]).resolve())
        lines.append(json.dumps(entry, ensure_ascii=False))
    (folder / "replay.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _stored(db_url: str) -> set[str]:
    return {url for (url,) in fetch_all(db_url, sa.text("select canonical_url from documents"))}


def _faults(db_url: str, kind: str) -> list[tuple[str, str]]:
    stmt = sa.text("select url, detail from faults where kind = :kind").bindparams(kind=kind)
    return [tuple(row) for row in fetch_all(db_url, stmt)]


def _columns(db_url: str) -> list[tuple]:
    stmt = sa.text("select url, read_by, announced, listed, fetched, counted from list_columns")
    return [(*row[:5], bool(row[5])) for row in fetch_all(db_url, stmt)]


def _run_stats(db_url: str) -> dict:
    stats = fetch_all(db_url, sa.text("select stats from crawl_runs order by id desc"))[0][0]
    return json.loads(stats) if isinstance(stats, str) else stats


def test_the_wasdoc_column_is_read_whole_through_the_search_api(tmp_path: Path) -> None:
    db_url, _ = _crawl(tmp_path, PUTIAN_ROW, PUTIAN)
    documents = _documents_of(PUTIAN)
    assert len(documents) == 18
    assert _stored(db_url) == documents
    assert _columns(db_url) == [(PUTIAN_COLUMN, "static+trs_search", 18, 18, 18, True)]
    assert _faults(db_url, "list_incomplete") == []


def test_the_wasdoc_column_whose_api_answers_an_error_is_read_short_and_said_so(
        tmp_path: Path) -> None:
    error = '{"error": "系统繁忙，请稍后再试", "data": []}'.encode()
    archive = _archive_with(tmp_path, PUTIAN, {"api/search_page2_built_to_shape.json": error})
    db_url, _ = _crawl(tmp_path, PUTIAN_ROW, archive)
    assert len(_stored(db_url)) == 15  # the page's own
    [(url, detail)] = _faults(db_url, "list_incomplete")
    assert url == PUTIAN_COLUMN
    assert "announced 18 documents, listed 15" in detail
    assert _columns(db_url) == [(PUTIAN_COLUMN, "static+trs_search", 18, 15, 15, True)]
    # the search path failed, so the data path was asked for the same page (the replay has none)
    [(url, detail)] = [fault for fault in _faults(db_url, "http_404") if "/fjdzapp/" in fault[0]]
    assert url.startswith("https://czj.putian.gov.cn/fjdzapp/data?channelid=210831&")
    assert f"after {PUTIAN_SEARCH}: trs_search: the API answered an error" in detail


def test_the_real_sanming_answer_is_read_by_the_path_the_page_names(tmp_path: Path) -> None:
    db_url, _ = _crawl(tmp_path, SANMING_ROW, SANMING)
    documents = _documents_of(SANMING)
    assert len(documents) == 13
    assert _stored(db_url) == documents
    assert _columns(db_url) == [(SANMING_COLUMN, "static+trs_search", 13, 13, 13, True)]
    assert _faults(db_url, "list_incomplete") == [] and _faults(db_url, "list_api_error") == []


def test_a_page_naming_no_path_falls_back_from_search_to_data(tmp_path: Path) -> None:
    page = "pages/zfxxgkndbg_index_built_to_shape.html"
    html = (SANMING / page).read_text("utf-8")
    unnamed = (html.replace('        listApi: "/fjdzapp/data",\n', "")
               .replace("                url: SiteInfo.listApi || '/fjdzapp/data',\n", ""))
    assert "/fjdzapp/" not in unnamed
    archive = _archive_with(tmp_path, SANMING, {page: unnamed.encode()})
    db_url, _ = _crawl(tmp_path, SANMING_ROW, archive)
    assert len(_stored(db_url)) == 13  # POST /fjdzapp/search is not answered; GET data is
    assert _faults(db_url, "list_incomplete") == []


def test_columns_without_any_count_are_marked_and_counted_in_the_summary(tmp_path: Path) -> None:
    counted = tmp_path / "counted"
    counted.mkdir()
    db_url, printed = _crawl(counted, JIANGXI_ROW, JIANGXI)  # 共5条 第1/2页
    assert _columns(db_url)[0][-1] is True
    assert _run_stats(db_url).get("columns/uncounted", 0) == 0
    assert "columns without a count: 0" in printed
    pager = {name: (JIANGXI / name).read_text("utf-8") for name in
             ("pages/list_shape.html", "pages/list_2_shape.html")}
    for name, html in pager.items():
        assert "<span>共5条 第" in html
        pager[name] = html.replace("<span>共5条 第1/2页</span>", "").replace(
            "<span>共5条 第2/2页</span>", "").encode()
    uncounted = tmp_path / "uncounted"
    uncounted.mkdir()
    db_url, printed = _crawl(uncounted, JIANGXI_ROW, _archive_with(uncounted, JIANGXI, pager))
    [(url, _, announced, listed, _, is_counted)] = _columns(db_url)
    assert (url, announced, listed, is_counted) == (JIANGXI_COLUMN, None, 5, False)
    assert _run_stats(db_url)["columns/uncounted"] == 1
    assert "columns without a count: 1" in printed
    assert _faults(db_url, "list_incomplete") == []  # nothing to check against


def test_a_list_script_the_adapter_cannot_read_is_a_fault_and_the_page_is_read(
        tmp_path: Path) -> None:
    # the real 平潭 page, its listModel pointed at `SiteInfo.was4doc`, which the page's SiteInfo
    # has commented out: no channel to ask for
    page = "pages/zfxxgknb_index.html"
    html = (PINGTAN / page).read_text("utf-8")
    assert "//was4doc: 290792" in html
    broken = html.replace("channelid: SiteInfo.searchId", "channelid: SiteInfo.was4doc")
    archive = _archive_with(tmp_path, PINGTAN, {page: broken.encode()})
    db_url, _ = _crawl(tmp_path, PINGTAN_ROW, archive)
    assert len(_stored(db_url)) == 10  # the static page's documents
    faults = _faults(db_url, "list_api_error")
    assert faults and {url for url, _ in faults} == {PINGTAN_COLUMN}
    assert all(detail == "trs_search: listModel names no channelid" for _, detail in faults)
    [(_, detail)] = _faults(db_url, "list_incomplete")
    assert "announced 20 documents, listed 10" in detail
