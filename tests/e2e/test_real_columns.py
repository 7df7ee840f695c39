"""Crawls of real columns replayed over loopback: the real 平潭 动静结合 column (its real list
page, its search API answering in the documented shape) and a Jiangxi-platform column whose
document URLs match no article pattern."""

from __future__ import annotations

import json
import re
from pathlib import Path

import sqlalchemy as sa

from crawler.listing.links import DETAIL_URL
from tests.conftest import fetch_all, govcorpus
from tests.paths import REPLAY

PINGTAN = REPLAY / "pingtan"
JIANGXI = REPLAY / "jiangxi"
COLUMN = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/"
LETTER = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/201412/t20141210_80787.htm"
SEARCH_API = "https://www.pingtan.gov.cn/fjdzapp/search"
JIANGXI_COLUMN = "http://www.wanzai.gov.cn/wzxrmzf/zfxxgknb/list.shtml"
JIANGXI_DOCUMENTS = {  # the five rows of the column's two list pages, read by eye
    "http://www.wanzai.gov.cn/wzxrmzf/zfxxgknb/202403/5c1f0e9a7b2d4c8e9f3a6b1d2e4f7a80.shtml",
    "http://www.wanzai.gov.cn/wzxrmzf/zfxxgknb/202303/a7d94e2b61f04c3a8e5b9d1f2c6a3e47.shtml",
    "http://www.wanzai.gov.cn/wzxrmzf/zfxxgknb/202301/0b8e3f6d2a9c4e1f7d5a8b3c6e9f1a24.shtml",
    "http://www.wanzai.gov.cn/wzxrmzf/zfxxgknb/202203/e4c7a1b9d3f6408e2a5c7b9d1e3f5a68.shtml",
    "http://www.wanzai.gov.cn/wzxrmzf/zfxxgknb/201705/293911fc8a9f4cc69cd4bf535c0b579b.shtml",
}


def _index_urls() -> set[str]:
    """The column's 20 documents as the archive's INDEX.md lists them."""
    return set(re.findall(r"\| (https://www\.pingtan\.gov\.cn/\S+\.htm) \|",
                          (PINGTAN / "INDEX.md").read_text("utf-8")))


def _registry(tmp_path: Path, row: str) -> Path:
    registry = tmp_path / "registry.csv"
    registry.write_text("region_code,name,level,start_urls,allowed_domains,hints\n" + row + "\n",
                        encoding="utf-8")
    return registry


def _crawl(tmp_path: Path, row: str, archive: Path, db_url: str | None = None) -> str:
    db_url = db_url or f"sqlite:///{tmp_path / 'corpus.db'}"
    result = govcorpus("crawl", "--registry", str(_registry(tmp_path, row)), "--db", db_url,
                       "--workers", "0", "--replay", str(archive))
    assert result.returncode == 0, result.stderr[-3000:]
    return db_url


def _documents(db_url: str) -> dict[str, bool]:
    rows = fetch_all(db_url, sa.text("select canonical_url, is_annual_report from documents"))
    return {url: bool(report) for url, report in rows}


def _faults(db_url: str, kind: str) -> list[tuple[str, str]]:
    stmt = sa.text("select url, detail from faults where kind = :kind").bindparams(kind=kind)
    return [tuple(row) for row in fetch_all(db_url, stmt)]


def _columns(db_url: str) -> list[tuple]:
    stmt = sa.text("select url, read_by, announced, listed, fetched from list_columns")
    return [tuple(row) for row in fetch_all(db_url, stmt)]


def _run_stats(db_url: str) -> dict:
    stats = fetch_all(db_url, sa.text("select stats from crawl_runs order by id desc"))[0][0]
    return json.loads(stats) if isinstance(stats, str) else stats


def _archive_with_answer(tmp_path: Path, answer: bytes) -> Path:
    """The 平潭 archive with another search API answer; every other file stays in place."""
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "answer.json").write_bytes(answer)
    lines = []
    for line in (PINGTAN / "replay.jsonl").read_text("utf-8").splitlines():
        entry = json.loads(line)
        entry["file"] = ("answer.json" if entry["url"] == SEARCH_API
                         else str((PINGTAN / entry["file"]).resolve()))
        lines.append(json.dumps(entry, ensure_ascii=False))
    (folder / "replay.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


PINGTAN_HINTED = ("350128,平潭综合实验区,county,https://www.pingtan.gov.cn/,pingtan.gov.cn,"
                  f"report_columns={COLUMN}")


def test_the_real_pingtan_column_gives_all_twenty_documents(tmp_path: Path, db_url: str) -> None:
    _crawl(tmp_path, PINGTAN_HINTED, PINGTAN, db_url)
    documents = _documents(db_url)
    assert set(documents) == _index_urls()
    assert len(documents) == 20
    assert documents[LETTER] is False  # the letter is no report, whatever its column
    assert documents[COLUMN + "202403/t20240308_87885.htm"] is True
    stats = _run_stats(db_url)
    assert stats["columns/read_by/static+trs_search"] == 1
    assert (stats["columns/announced"], stats["columns/listed"], stats["columns/fetched"]) == (
        20, 20, 20)
    assert _faults(db_url, "list_incomplete") == []
    assert _columns(db_url) == [(COLUMN, "static+trs_search", 20, 20, 20)]


def test_a_registry_row_whose_start_url_is_the_column_reads_it(tmp_path: Path) -> None:
    row = f"350128,平潭综合实验区,county,{COLUMN},pingtan.gov.cn,"
    assert set(_documents(_crawl(tmp_path, row, PINGTAN))) == _index_urls()


def test_a_second_night_starts_the_real_column_it_remembered_with_its_size(
        tmp_path: Path) -> None:
    row = f"350128,平潭综合实验区,county,{COLUMN},pingtan.gov.cn,"
    db_url = _crawl(tmp_path, row, PINGTAN)
    sizes = fetch_all(db_url, sa.text("select url, size from portal_columns"))
    assert [tuple(size) for size in sizes] == [(COLUMN, 20)]  # the column's 20 documents
    _crawl(tmp_path, row, PINGTAN, db_url)  # its first request carries the size to the queue
    stats = _run_stats(db_url)
    assert stats["columns/started_remembered"] == 1
    assert stats["columns/listed"] == 20
    assert set(_documents(db_url)) == _index_urls()
    assert _faults(db_url, "list_incomplete") == []


def test_a_column_hint_equal_to_the_start_url_reads_the_column(tmp_path: Path) -> None:
    row = f"350128,平潭综合实验区,county,{COLUMN},pingtan.gov.cn,report_columns={COLUMN}"
    assert set(_documents(_crawl(tmp_path, row, PINGTAN))) == _index_urls()


def test_a_column_that_gives_fewer_documents_than_announced_is_a_fault(tmp_path: Path) -> None:
    answer = json.loads((PINGTAN / "api" / "search_page2_shape.json").read_bytes())
    answer["data"] = answer["data"][:7]  # three documents lost by the API
    archive = _archive_with_answer(tmp_path, json.dumps(answer).encode())
    db_url = _crawl(tmp_path, PINGTAN_HINTED, archive)
    assert len(_documents(db_url)) == 17
    [(url, detail)] = _faults(db_url, "list_incomplete")
    assert url == COLUMN
    assert "announced 20 documents, listed 17, fetched 17" in detail
    assert _columns(db_url) == [(COLUMN, "static+trs_search", 20, 17, 17)]
    report = tmp_path / "coverage.html"
    result = govcorpus("coverage", "--db", db_url, "--out", str(report))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "list_incomplete" in report.read_text("utf-8")


def test_an_api_answer_out_of_shape_is_a_fault_not_a_crash(tmp_path: Path) -> None:
    archive = _archive_with_answer(tmp_path, "<html><body>系统维护中</body></html>".encode())
    db_url = _crawl(tmp_path, PINGTAN_HINTED, archive)
    assert len(_documents(db_url)) == 10  # the static page's
    # the page names no API path: the search path's HTML sends the crawl to the data path,
    # which the replay does not answer; the fault says both
    assert _faults(db_url, "list_api_error") == []
    [(url, detail)] = [fault for fault in _faults(db_url, "http_404") if "/fjdzapp/" in fault[0]]
    assert url.startswith("https://www.pingtan.gov.cn/fjdzapp/data?channelid=200210&")
    assert f"after {SEARCH_API}: trs_search: not JSON" in detail
    assert len(_faults(db_url, "list_incomplete")) == 1


WANZAI_HINTED = (f"360922,万载县,county,http://www.wanzai.gov.cn/wzxrmzf/index.shtml,"
                 f"wanzai.gov.cn,report_columns={JIANGXI_COLUMN}")


def test_a_jiangxi_platform_column_is_read_whole_from_its_rows(tmp_path: Path) -> None:
    assert not any(DETAIL_URL.search(url) for url in JIANGXI_DOCUMENTS)  # no URL pattern helps
    row = WANZAI_HINTED
    db_url = _crawl(tmp_path, row, JIANGXI)
    documents = _documents(db_url)
    assert set(documents) == JIANGXI_DOCUMENTS
    assert sum(documents.values()) == 4  # the 统计公报 is listed there too, and is no report
    assert _faults(db_url, "list_incomplete") == []


def test_two_crawling_processes_read_the_real_pingtan_column_and_another_whole(
        tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'corpus.db'}"
    registry = _registry(tmp_path, PINGTAN_HINTED + "\n" + WANZAI_HINTED)
    result = govcorpus("crawl", "--registry", str(registry), "--db", db_url, "--workers", "0",
                       "--processes", "2", "--replay", str(PINGTAN), "--replay", str(JIANGXI))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "in 2 processes: 1, 1 portals" in result.stdout
    assert set(_documents(db_url)) == _index_urls() | JIANGXI_DOCUMENTS
    runs = fetch_all(db_url, sa.text("select status from crawl_runs"))
    assert [status for (status,) in runs] == ["finished", "finished"]
    assert _faults(db_url, "list_incomplete") == []
