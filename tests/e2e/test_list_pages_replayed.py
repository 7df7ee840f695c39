"""A list page that has not changed since it was last read is not parsed again: it is asked
for with its stored validators, and on a 304 (or its stored bytes again) its stored reading is
replayed, so the night lists the same documents and follows the same pages
(crawler/listing/reading.py). A real HTTP server on loopback serves a two-page column with
ETags and logs what it answered; the real 平潭 column is replayed from its captured page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from crawler.listing.reading import READER
from govcorpus.registry import Portal
from tests.conftest import fetch_all
from tests.e2e.test_real_columns import COLUMN, PINGTAN, PINGTAN_HINTED, _crawl, _index_urls
from tests.loopback import LOOPBACK, REPORT, TITLES, ReportPortal, column_page, crawl_portals, serve

FIRST_PAGE, SECOND_PAGE = list(TITLES)[:2], list(TITLES)[2:]
NEW_REPORT = "/content/report_2024.html"
ALL_TITLES = {**TITLES, NEW_REPORT: "平潭县2024年政府信息公开工作年度报告"}
LIST_PAGES = ("/index.html", "/index_1.html")
COLUMN_FIGURES = sa.text("select read_by, announced, listed from list_columns order by id")


class _TwoPageColumnWithETags(ReportPortal):
    """A home page linking the column, whose two pages carry ETags and answer 304 to a
    matching If-None-Match; `answers` logs (path, status) of the list pages, `first_page` is
    the first page's report paths."""

    first_page: list[str] = FIRST_PAGE

    def answer(self, path: str) -> None:
        if path == "/home.html":
            self.send(200, '<html><body><a href="/index.html">政府信息公开年报</a></body></html>'
                      .encode())
        elif path == NEW_REPORT:
            self.send(200, REPORT.format(title=ALL_TITLES[path]).encode())
        elif path == "/index.html":
            pager = '<a href="/index_1.html">下一页</a>'
            self.send_tagged(path, column_page(self.first_page, pager, ALL_TITLES))
        elif path == "/index_1.html":
            self.send_tagged(path, column_page(SECOND_PAGE, '<a href="/index.html">上一页</a>'))
        else:
            super().answer(path)


def _portal(base: str) -> Portal:
    return Portal("350128", "平潭县", "county", (f"{base}/home.html",), ("127.0.0.1",), LOOPBACK)


def _execute(db_url: str, statement: str) -> None:
    from storage import make_engine

    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(sa.text(statement))
    engine.dispose()


def _stats(db_url: str) -> dict:
    stats = fetch_all(db_url, sa.text("select stats from crawl_runs order by id desc"))[0][0]
    return json.loads(stats) if isinstance(stats, str) else stats


def _listed_in_last_run(db_url: str) -> set[str]:
    rows = fetch_all(db_url, sa.text(
        "select url from documents where last_listed_run_id = (select max(id) from crawl_runs)"))
    return {url.rsplit("/", 2)[-2] + "/" + url.rsplit("/", 1)[-1] for (url,) in rows}


def _column_rows(db_url: str) -> list[tuple[int, int]]:
    return [tuple(row) for row in fetch_all(db_url, sa.text(
        "select listed, pages_read from list_columns order by id"))]


def test_an_unchanged_column_is_replayed_from_its_304s_and_still_lists_its_documents(
        tmp_path: Path, db_url: str) -> None:
    handler = type("Handler", (_TwoPageColumnWithETags,), {"asked": [], "answers": []})
    with serve(handler) as base:
        portals = [_portal(base)]
        first = crawl_portals(tmp_path, portals, db_url)
        assert first.returncode == 0, first.stderr[-2000:]
        assert handler.answers == [(path, 200) for path in LIST_PAGES]
        handler.answers.clear()

        second = crawl_portals(tmp_path, portals, db_url)
        assert second.returncode == 0, second.stderr[-2000:]
        # the first page asked for with its ETag; the second, found through the first's
        # replay and asked for last night, replayed without asking (incremental/trusted.py)
        assert handler.answers == [("/index.html", 304)]
        stats = _stats(db_url)
        assert (stats["lists/replayed"], stats["lists/not_modified"]) == (2, 1)
        assert stats["lists/not_asked"] == 1
        assert stats["not_modified"] == stats["unchanged"]  # documents' 304s only
        # every document is listed tonight, as if the pages had been parsed
        assert _listed_in_last_run(db_url) == {p.removeprefix("/") for p in TITLES}
        assert _column_rows(db_url)[-1] == (3, 2)
        handler.answers.clear()

        handler.first_page = [NEW_REPORT, *FIRST_PAGE]  # a report is published: page 1 changes
        third = crawl_portals(tmp_path, portals, db_url)
        assert third.returncode == 0, third.stderr[-2000:]
    assert sorted(handler.answers) == [("/index.html", 200), ("/index_1.html", 304)]
    assert handler.asked.count(NEW_REPORT) == 1  # read from the changed page, then fetched
    assert "content/report_2024.html" in _listed_in_last_run(db_url)
    assert _column_rows(db_url)[-1] == (4, 2)


@pytest.mark.parametrize("forget", [
    "delete from list_pages",
    "update list_pages set reading = json_set(reading, '$.reader', 'older code')",
])
def test_a_page_without_a_current_stored_reading_is_parsed_again(tmp_path: Path, forget: str
                                                                 ) -> None:
    """Without stored readings, or with readings of older listing code, the same server
    answers 200 again: the 304s above come from current readings kept by the first night."""
    handler = type("Handler", (_TwoPageColumnWithETags,), {"asked": [], "answers": []})
    db_url = f"sqlite:///{tmp_path / 'corpus.db'}"
    with serve(handler) as base:
        portals = [_portal(base)]
        assert crawl_portals(tmp_path, portals, db_url).returncode == 0
        _execute(db_url, forget)
        handler.answers.clear()
        assert crawl_portals(tmp_path, portals, db_url).returncode == 0
    assert handler.answers == [(path, 200) for path in LIST_PAGES]
    assert "lists/replayed" not in _stats(db_url)
    readers = fetch_all(db_url, sa.text("select json_extract(reading, '$.reader') from list_pages"))
    assert readers == [(READER,)] * 2  # read again, kept again


def test_the_real_pingtan_column_replayed_gives_the_same_documents_and_api_calls(
        tmp_path: Path) -> None:
    """The real page answers its stored bytes again (the replay archive sends no validators):
    its reading, the static rows and the search API's calls, is replayed, not parsed."""
    db_url = _crawl(tmp_path, PINGTAN_HINTED, PINGTAN)
    first_columns = fetch_all(db_url, COLUMN_FIGURES)
    _crawl(tmp_path, PINGTAN_HINTED, PINGTAN, db_url)
    stats = _stats(db_url)
    assert stats["lists/replayed"] == 1
    assert "lists/not_modified" not in stats
    rows = fetch_all(db_url, COLUMN_FIGURES)
    assert [tuple(row) for row in rows] == [("static+trs_search", 20, 20)] * 2
    assert [tuple(row) for row in first_columns] == [("static+trs_search", 20, 20)]
    listed = fetch_all(db_url, sa.text(
        "select canonical_url from documents where last_listed_run_id = "
        "(select max(id) from crawl_runs)"))
    assert {url for (url,) in listed} == _index_urls()
    [(url,)] = fetch_all(db_url, sa.text("select url from list_pages"))
    assert url == COLUMN


def test_replay_turned_off_parses_every_list_page_and_keeps_no_reading(tmp_path: Path) -> None:
    handler = type("Handler", (_TwoPageColumnWithETags,), {"asked": [], "answers": []})
    db_url = f"sqlite:///{tmp_path / 'corpus.db'}"
    off = ("--set", "GOVCORPUS_REPLAY_LISTS=False")
    with serve(handler) as base:
        for _ in range(2):
            assert crawl_portals(tmp_path, [_portal(base)], db_url, *off).returncode == 0
    assert handler.answers == [(path, 200) for path in LIST_PAGES] * 2
    assert fetch_all(db_url, sa.text("select url from list_pages")) == []
