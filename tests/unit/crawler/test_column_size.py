"""How many documents a column page says its column lists, and the order a night starts the
portals in (largest remembered columns first)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from parsel import Selector

from crawler.listing.discovery import Discovery
from crawler.listing.list_region import ListPage, column_size, document_links
from storage.read.columns import KnownColumn

PINGTAN = Path(__file__).parents[2] / "files" / "replay" / "pingtan" / "pages"
T0 = datetime(2026, 3, 10, tzinfo=timezone.utc)


def _size(html: str, url: str = "http://www.pingtan.gov.cn/zfxxgknb/index.html") -> int:
    selector = Selector(text=html)
    page = ListPage(selector, url)
    return column_size(page, document_links(selector, page.links, url, page))


def test_the_real_pingtan_column_announces_its_twenty_reports():
    # the real page lists 10 reports and its pager says the column holds 20 (INDEX.md: 20)
    html = (PINGTAN / "zfxxgknb_index.html").read_text("utf-8")
    assert _size(html) == 20


ROWS = "".join(f'<li><a href="/zfxxgknb/t2024{n:04d}_{n}.html">平潭综合实验区{2010 + n}年'
               f"政府信息公开工作年度报告</a><span>2024-01-{n + 1:02d}</span></li>"
               for n in range(5))


def test_pages_announced_times_the_rows_of_this_page():
    assert _size(f'<ul class="list">{ROWS}</ul><div class="page">共 4 页</div>') == 20


def test_trs_create_page_html_pages_times_the_rows_of_this_page():
    script = '<script>createPageHTML(12, 0, "index", "html");</script>'
    assert _size(f'<ul class="list">{ROWS}</ul><div class="page">{script}</div>') == 60


def test_without_a_count_the_rows_of_this_page():
    assert _size(f'<ul class="list">{ROWS}</ul>') == 5


def _column(code: str, url: str, size: int | None) -> KnownColumn:
    return KnownColumn(code, url, "link_text", (), T0, T0, 0, None, None, size=size)


def test_a_night_starts_the_portals_with_the_largest_columns_first():
    known = {"350128": [_column("350128", "http://a/1", 20)],
             "520275": [_column("520275", "http://b/1", 90), _column("520275", "http://b/2", 40)],
             "110101": [_column("110101", "http://c/1", None)]}
    discovery = Discovery.from_known(known, rediscover_after=2)
    order = ["110101", "350128", "999999", "520275"]  # 999999: nothing remembered
    assert discovery.largest_first(order) == ["520275", "350128", "110101", "999999"]


def test_portals_silent_last_night_start_before_the_largest():
    known = {"350128": [_column("350128", "http://a/1", 20)],
             "520275": [_column("520275", "http://b/1", 90)]}
    discovery = Discovery.from_known(known, rediscover_after=2)
    order = ["350128", "999999", "520275", "888888"]  # 999999, 888888: nothing remembered
    assert discovery.largest_first(order, silent={"888888", "350128"}) == [
        "350128", "888888", "520275", "999999"]
