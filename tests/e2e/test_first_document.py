"""A portal's first document goes ahead of its column's second list page
(crawler/spiders/portal.py FIRST_DOCUMENT_PRIORITY): on a night bound by the crawling process, a
portal's next turn can come minutes after its first, and it should bring a document. A real HTTP
server on loopback logs the order of the paths asked for, one request at a time."""

from __future__ import annotations

from pathlib import Path

from tests.loopback import TITLES, ReportPortal, column_page, crawl_portals, loopback_portal, serve

ONE_AT_A_TIME = ("--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False",
                 "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=1")
FIRST_PAGE, SECOND_PAGE = list(TITLES)[:2], list(TITLES)[2:]


class _TwoPageColumn(ReportPortal):
    def answer(self, path: str) -> None:
        if path == "/index.html":
            self.send(200, column_page(FIRST_PAGE, '<a href="/index_1.html">下一页</a>'))
        elif path == "/index_1.html":
            self.send(200, column_page(SECOND_PAGE, '<a href="/index.html">上一页</a>'))
        else:
            super().answer(path)


def test_the_first_document_is_asked_for_before_the_second_list_page(tmp_path: Path) -> None:
    handler = type("Handler", (_TwoPageColumn,), {"asked": []})
    with serve(handler) as base:
        result = crawl_portals(tmp_path, [loopback_portal(base)],
                               f"sqlite:///{tmp_path / 'corpus.db'}", *ONE_AT_A_TIME)
    assert result.returncode == 0, result.stderr[-2000:]
    asked = [path for path in handler.asked if path != "/robots.txt"]
    assert sorted(asked) == sorted(["/index.html", "/index_1.html", *TITLES])  # all, once
    assert asked[0] == "/index.html"
    assert asked[1] in FIRST_PAGE  # a document of the first page, then the second page
    assert asked.index("/index_1.html") < asked.index(SECOND_PAGE[0])
