"""Query-string pagers (`page=`, `pageNo=`, `pageNum=`, `cur_page=` …) and `index_N` pages.

A pager either links its pages (`list.jsp?cat=3&pageNo=2`, the next/number links that
`crawler.listing.links.pagination_links` follows) or only announces how many there are ("共 5 页",
`totalPage = 5`) and moves with script (`javascript:goPage(2)`), as Sichuan's
`/info/iList.jsp?node_id=…&cat_id=…&cur_page=N` does. For the second kind, `announced_pages`
writes every page's URL: the page URL with its page parameter set to 1…N.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from parsel import Selector

PAGE_KEYS = frozenset({"page", "pageno", "pagenum", "pageindex", "cur_page", "curpage", "p",
                       "pn"})
COLUMN_PAGE = re.compile(r"(index|list|default)([_-]\d+)?\.(s|j)?html?")
KEY_IN_TEXT = re.compile(r"[?&](page|pageNo|pageNum|pageIndex|cur_page|curPage)=", re.I)
TOTAL_PAGES = (
    re.compile(r"共\s*(\d{1,4})\s*页"),
    re.compile(r"\d+\s*/\s*(\d{1,4})\s*页"),  # 当前第 1/5 页
    re.compile(r"\b(?:totalPages?|pageCount|countPage|page_count)['\"]?\s*[:=]\s*['\"]?(\d{1,4})",
               re.I),
)
MAX_ANNOUNCED = 500  # a bigger number is not a page count; the list budget caps the rest


def without_page(query: str) -> set[tuple[str, str]]:
    """A query's fields other than its page number."""
    return {(k, v) for k, v in parse_qsl(query) if k.lower() not in PAGE_KEYS}


def is_column_page(name: str) -> bool:
    """Whether a path's last part names a column page: "", index.html, list_2.shtml …"""
    return name == "" or COLUMN_PAGE.fullmatch(name) is not None


def announced_pages(selector: Selector, page_url: str) -> list[str]:
    """Pages 2… of a list whose pager announces a page count, by its page parameter.

    Page 1 is where the column was entered (often without the parameter), so it is left out:
    writing it again would fetch the first page twice.
    """
    text = " ".join(selector.root.itertext())
    pages = _page_count(text)
    if pages is None or pages < 2:
        return []
    key = _page_key(page_url, selector)
    if key is None:
        return []
    parts = urlsplit(page_url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    current = dict(query).get(key, "")
    fields = [(k, v) for k, v in query if k != key]
    return [urlunsplit(parts._replace(query=urlencode([*fields, (key, n)]), fragment=""))
            for n in range(2, pages + 1) if str(n) != current]


def announced_page_count(selector: Selector) -> int | None:
    """How many list pages a page says its column has ("共 5 页", `countPage = 5`), if any."""
    return _page_count(" ".join(selector.root.itertext()))


def _page_count(text: str) -> int | None:
    for pattern in TOTAL_PAGES:
        match = pattern.search(text)
        if match and 0 < int(match.group(1)) <= MAX_ANNOUNCED:
            return int(match.group(1))
    return None


def _page_key(page_url: str, selector: Selector) -> str | None:
    """The page parameter: in the page URL, else in the pager's links, forms or scripts."""
    for key, _ in parse_qsl(urlsplit(page_url).query):
        if key.lower() in PAGE_KEYS:
            return key
    for name in selector.css("input::attr(name)").getall():
        if name.lower() in PAGE_KEYS - {"p", "pn"}:
            return name
    sources = selector.css("a::attr(href)").getall() + selector.css("script::text").getall()
    for source in sources:
        match = KEY_IN_TEXT.search(source)
        if match:
            return match.group(1)
    return None
