"""A column page read by its structure: the list region of repeated rows, whatever the URLs.

A list is a run of sibling rows (`<li>`, `<tr>`, `<dl>`, `<div>` …) under one container, each
holding one link (the title) and usually a date. Navigation, pagers, hubs and footer link
farms are sibling rows of links too, but without dates: a group of rows is a list when most of
its rows show a date beside their link. Document URL shapes (crawler/listing/links.py DETAIL_URL)
are only a hint on top of this, and a link whose text is a report title is a document wherever it
appears.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cached_property

from lxml.html import HtmlElement
from parsel import Selector

from crawler.listing.links import (
    ATTACHMENT_EXT,
    DETAIL_URL,
    REPORT_COLUMN_TEXT,
    REPORT_TITLE,
    Link,
    clean_text,
    followable_url,
    js_pagination_urls,
    page_links,
    report_title_links,
)
from crawler.listing.pagers import announced_page_count

ROW_DATE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
ENDING_DATE = re.compile(ROW_DATE.pattern + r"日?\s*[\])】]?$")
Row = tuple[HtmlElement, Link]  # a row element and its link
MIN_TITLE_CHARS = 6  # a single dated row counts only with a title this long
TITLE_SEPARATORS = re.compile(r"[_|\-—–]")
ANNOUNCED_ITEMS = (
    re.compile(r"共\s*(\d+)\s*条"),  # a pager's "共128条"
    # a count in a script or config object: `recordCount: '18'`, `totalRecord = 27` …
    re.compile(r"\b(?:recordCount|totalRecords?|totalCount)['\"]?\s*[:=]\s*['\"]?(\d+)", re.I),
)
DATA_REQUEST = re.compile(r"XMLHttpRequest|\bfetch\s*\(|\$\.(?:ajax|post|get|getJSON)\s*\(|"
                          r"\baxios\b")
"""A script that asks the server for data: how a list built in the browser gets its rows."""


def list_region_links(selector: Selector, page_url: str) -> list[Link]:
    """The links of a page's list regions, in page order."""
    anchors = _anchors(selector.root, page_url)
    urls_under = _urls_under(anchors)
    groups: dict[tuple[HtmlElement, str], dict[HtmlElement, Row]] = defaultdict(dict)
    for anchor, link in anchors:
        row = _row_of(anchor, urls_under)
        parent = row.getparent()
        if parent is None or link.url == page_url:
            continue
        rows = groups[(parent, row.tag)]
        known = rows.get(row)  # a row may link its document twice (image and title)
        if known is None or len(link.text) > len(known[1].text):
            rows[row] = (row, link)
    found: list[Link] = []
    for rows in groups.values():
        if _is_list(list(rows.values())):
            found += [link for _, link in rows.values()]
    return _unique([link for link in found if not ATTACHMENT_EXT.search(link.url)])


class ListPage:
    """One page's links, list regions and counts, read once: a home page that is itself a
    report column is asked both whether it is one and which documents it lists, and each pass
    walks every link of the page; a column page's counts serve its tally and its size."""

    def __init__(self, selector: Selector, page_url: str) -> None:
        self.selector = selector
        self.url = page_url

    @cached_property
    def links(self) -> list[Link]:
        return page_links(self.selector, self.url)

    @cached_property
    def region_links(self) -> list[Link]:
        return list_region_links(self.selector, self.url)

    @cached_property
    def announced(self) -> int | None:
        return announced_items(self.selector)

    @cached_property
    def announced_page_count(self) -> int | None:
        return announced_page_count(self.selector)

    @cached_property
    def script_pages(self) -> list[str]:
        """The pages TRS `createPageHTML` announces, the first included."""
        return js_pagination_urls(self.selector, self.url)


def document_links(selector: Selector, links: list[Link], page_url: str,
                   page: ListPage | None = None) -> list[Link]:
    """The documents a column page lists: its list regions, report titles and article URLs.

    `links` are the page's links the caller keeps (in scope); only they are returned. `page`
    is the page's reading, if the caller holds one."""
    kept = {link.url for link in links}
    page = page or ListPage(selector, page_url)
    region = [link for link in page.region_links if link.url in kept]
    by_shape = [link for link in links
                if DETAIL_URL.search(link.url) and not ATTACHMENT_EXT.search(link.url)]
    return _unique(region + report_title_links(links) + by_shape)


def is_report_column(selector: Selector, page_url: str, page: ListPage | None = None
                     ) -> str | None:
    """How a page shows it is itself a report column, None if it does not: its ColumnName meta
    ("column_name"), its title ("title"), or a list of report titles ("report_titles")."""
    column_name = selector.xpath('//meta[@name="ColumnName"]/@content').get() or ""
    if column_name and REPORT_COLUMN_TEXT.search(column_name.strip()):
        return "column_name"
    title = (selector.xpath("//title/text()").get() or "").strip()
    first = TITLE_SEPARATORS.split(title, maxsplit=1)[0].strip()
    if first and REPORT_COLUMN_TEXT.search(first) and not REPORT_TITLE.search(first):
        return "title"
    listed = (page or ListPage(selector, page_url)).region_links
    return "report_titles" if len(report_title_links(listed)) >= 2 else None


def announced_items(selector: Selector) -> int | None:
    """The number of documents a list page says its column holds, if it says one number: in
    its visible pager ("共128条") or in a script or config object (`recordCount: '18'`, where
    the pager is a template filled by script: `<em ms-text="recordCount"></em>条`)."""
    counts = {int(number) for text in selector.root.itertext() for pattern in ANNOUNCED_ITEMS
              for number in pattern.findall(text)}
    return counts.pop() if len(counts) == 1 else None


def column_size(page: ListPage, documents: list) -> int:
    """How many documents a column page says its column lists: its announced count, else its
    announced pages (in its pager or TRS `createPageHTML`) times the rows of this page, else
    this page's rows. A night starts the portals with the largest columns first."""
    if page.announced is not None:
        return page.announced
    return max(page.announced_page_count or 1, len(page.script_pages)) * len(documents)


def builds_list_by_script(selector: Selector) -> bool:
    """Whether a page's scripts fetch data (its list is built in the browser)."""
    return any(DATA_REQUEST.search(script) for script in selector.xpath("//script/text()").getall())


def _anchors(root: HtmlElement, page_url: str) -> list[Row]:
    anchors = []
    for anchor in root.iter("a"):
        url = followable_url(page_url, anchor.get("href"))
        if url is None:
            continue
        text = clean_text(_visible_text(anchor)) or clean_text(anchor.get("title", ""))
        anchors.append((anchor, Link(url, text)))
    return anchors


def _urls_under(anchors: list[Row]) -> dict[HtmlElement, set[str]]:
    """For every element above a link: the distinct link URLs it holds.

    Keyed by the elements themselves: lxml gives a node the same proxy only while one is
    referenced, so ids of proxies let go of are reused."""
    under: dict[HtmlElement, set[str]] = defaultdict(set)
    for anchor, link in anchors:
        node = anchor
        while node is not None:
            under[node].add(link.url)
            node = node.getparent()
    return under


def _row_of(anchor: HtmlElement, urls_under: dict[HtmlElement, set[str]]) -> HtmlElement:
    """The largest element around a link that holds no other link: its row."""
    row = anchor
    parent = row.getparent()
    while parent is not None and len(urls_under[parent]) == 1:
        row, parent = parent, parent.getparent()
    return row


def _is_list(rows: list[Row]) -> bool:
    dated = sum(1 for row, link in rows if _has_date(row, link.text))
    if len(rows) == 1:
        return dated == 1 and len(rows[0][1].text) >= MIN_TITLE_CHARS
    return dated >= 2 and dated * 2 >= len(rows)


def _has_date(row: HtmlElement, title: str) -> bool:
    """A date in the row beside the link, or closing the link's text (rows that are one
    link: `<a><span>title</span><span>date</span></a>`); a title may hold a date of its own."""
    if ROW_DATE.search(clean_text(row.text_content()).replace(title, "", 1)):
        return True
    ending = ENDING_DATE.search(title)  # and a title before it: calendar links are dates only
    return ending is not None and len(title[: ending.start()].strip()) >= MIN_TITLE_CHARS


def _unique(links: list[Link]) -> list[Link]:
    seen: set[str] = set()
    kept = []
    for link in links:
        if link.url not in seen:
            seen.add(link.url)
            kept.append(link)
    return kept


def _visible_text(element: HtmlElement) -> str:
    """The element's text without what its scripts and styles hold (no "document.write(…" in
    a title)."""
    return "".join(element.xpath(".//text()[not(ancestor::script or ancestor::style)]"))
