"""Crawls over replays of Hanweb, gkmlpt and query-string-pager columns: every listed document
is asked for and stored, and an API answer the adapter cannot read is a recorded fault."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from govcorpus.identity import canonical_url
from tests.conftest import fetch_all, govcorpus
from tests.paths import REPLAY

HW = "https://www.hanweb-shape.gov.cn"
GK = "https://www.gkmlpt-shape.gov.cn"
QP = "https://www.pager-shape.gov.cn"


def manifest_documents(folder: str, marker: str = "") -> set[str]:
    """The document URLs a replay holds (its `docs/` answers), optionally one column's."""
    lines = (REPLAY / folder / "replay.jsonl").read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines if line.strip()]
    return {canonical_url(e["url"]) for e in entries
            if e["file"].startswith("docs/") and marker in e["url"]}


def crawl(tmp_path: Path, folder: str, code: str, host: str, columns: list[str],
          *options: str) -> str:
    registry = tmp_path / "registry.csv"
    registry.write_text(
        "region_code,name,level,start_urls,allowed_domains,hints\n"
        f"{code},样例县,county,{host}/,{host.split('//')[1]},report_columns={' '.join(columns)}\n",
        encoding="utf-8",
    )
    db_url = f"sqlite:///{tmp_path / 'corpus.db'}"
    source = () if "--replay" in options else ("--replay", str(REPLAY / folder))
    result = govcorpus("crawl", "--registry", str(registry), "--db", db_url, "--workers", "0",
                       *source, *options)
    assert result.returncode == 0, result.stderr[-3000:]
    return db_url


def stored(db_url: str) -> set[str]:
    return {url for (url,) in fetch_all(db_url, sa.text("select canonical_url from documents"))}


def read_short(db_url: str) -> list[str]:
    query = sa.text("select url from faults where kind = 'list_incomplete'")
    return [url for (url,) in fetch_all(db_url, query)]


def api_faults(db_url: str) -> list[tuple[str, str]]:
    query = sa.text("select url, detail from faults where kind = 'list_api_error'")
    return [tuple(row) for row in fetch_all(db_url, query)]


@pytest.fixture(scope="module")
def hanweb_crawl(tmp_path_factory) -> str:
    columns = [f"{HW}/col/col{n}/index.html" for n in (1229612345, 1229612346, 1229612347)]
    return crawl(tmp_path_factory.mktemp("hanweb"), "hanweb", "330799", HW, columns)


def test_hanweb_columns_are_read_from_their_datastores_and_dataproxy(hanweb_crawl: str) -> None:
    documents = stored(hanweb_crawl)
    column_a = manifest_documents("hanweb", "art_1229612345_")
    assert len(column_a) == 27  # its totalrecord
    assert column_a <= documents
    assert len(manifest_documents("hanweb", "art_1229612346_")) == 8  # the raw(…) answers
    assert manifest_documents("hanweb") == documents


def test_an_html_error_page_from_dataproxy_is_a_list_api_error(hanweb_crawl: str) -> None:
    [(url, detail)] = api_faults(hanweb_crawl)
    assert url.startswith(f"{HW}/module/web/jpage/dataproxy.jsp?startrecord=6")
    assert "hanweb" in detail and "datastore" in detail
    assert manifest_documents("hanweb", "art_1229612347_") <= stored(hanweb_crawl)  # inline 5
    assert read_short(hanweb_crawl) == [f"{HW}/col/col1229612347/index.html"]  # announced 7


def test_gkmlpt_catalogues_are_read_through_their_list_api(tmp_path: Path) -> None:
    db_url = crawl(tmp_path, "gkmlpt", "440799", GK,
                   [f"{GK}/gkmlpt/index#2811", f"{GK}/bm/gkmlpt/index#2812"])
    documents = manifest_documents("gkmlpt")
    assert len(documents) == 23  # the API's total
    assert stored(db_url) == documents and read_short(db_url) == []
    [(url, detail)] = api_faults(db_url)
    assert url == f"{GK}/bm/gkmlpt/api/all/2812?page=1&sid=440998"
    assert "not JSON" in detail


def test_query_string_pagers_are_read_to_their_last_page(tmp_path: Path) -> None:
    db_url = crawl(tmp_path, "query_pager", "510799", QP,
                   [f"{QP}/info/iList.jsp?node_id=GKcy&cat_id=15971", f"{QP}/zwgk/list.do?cid=9"])
    assert len(manifest_documents("query_pager", "cur_page")) == 0
    assert len(manifest_documents("query_pager", "content.jsp")) == 23  # 共 23 条, 3 pages
    assert len(manifest_documents("query_pager", "detail.do")) == 12  # pageNo= next links
    assert stored(db_url) == manifest_documents("query_pager")
    assert api_faults(db_url) == [] and read_short(db_url) == []


def test_a_recorded_night_of_dataproxy_posts_replays_to_the_same_documents(tmp_path: Path) -> None:
    columns = [f"{HW}/col/col1229612345/index.html"]
    night = tmp_path / "night"
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    first = crawl(tmp_path / "first", "hanweb", "330799", HW, columns, "--record", str(night))
    second = crawl(tmp_path / "second", "hanweb", "330799", HW, columns, "--replay", str(night))
    assert len(stored(first)) == 27
    assert stored(second) == stored(first)
