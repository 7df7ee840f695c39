"""Lists a column's scripts fetch as JSON: the XHR remembered from a render, asked for directly.

A column whose list its scripts build is rendered in the browser once (crawler/browser.py); of
the XHR and fetch calls its scripts made, the one whose JSON answer holds the rows the rendered
page links to is its list call (`list_call`): method, URL, form, and which form or query field
numbers the pages (the field whose value changed between the calls the script pager made, else
one named like a page number). The store remembers it with the column (`portal_columns`), and
later nights ask for it over the plain downloader, page by page, reading each answer with
`read_json_rows`: the largest list of objects that carry a link-like and a title-like field,
and the total a field such as total/totalCount/recordCount announces. No CMS is assumed: such a
call is a candidate for a plain list API adapter of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from parsel import Selector
from w3lib.url import canonicalize_url

from crawler.listing.adapters.base import (
    AdapterError,
    ApiCall,
    ColumnRead,
    Listed,
    json_answer,
)
from crawler.listing.links import clean_text

NAME = "xhr_json"
LINK_KEYS = re.compile(r"url|href|link|path", re.I)
PAGE_LINK_KEYS = ("url", "href", "link", "docurl", "linkurl", "docpuburl", "pageurl")
NOT_A_PAGE = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp|svg|ico|css|js)$", re.I)
TITLE_KEYS = re.compile(r"title|^name$|^subject$|^bt$|^topic$", re.I)
TOTAL_KEYS = ("total", "totalcount", "recordcount", "totalrecord", "totalrecords",
              "totalnum", "totalsize", "totalelements", "count")
PAGE_NAMES = ("page", "pageno", "pagenum", "pagenumber", "pageindex", "currentpage", "curpage",
              "current", "pn", "p", "page_no", "page_num", "page_index")
DATE = re.compile(r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}")
WHOLE = re.compile(r"[0-9]+")
MAX_DEPTH = 6


@dataclass(frozen=True)
class XhrCall(ApiCall):
    """A remembered list call; its later pages are the same call with `page_field` counted up.
    `listed_before`: rows the earlier pages gave; `first_row`: the first row's URL of the page
    before (an API that ignores the page field answers the same page again: the end)."""

    page_field: str | None = None
    listed_before: int = 0
    first_row: str = ""

    @property
    def fields(self) -> list[tuple[str, str]]:
        """The form of a POST, the query of a GET: where the page field is."""
        return list(self.form) if self.method == "POST" else _query(self.url)

    @property
    def page(self) -> int | None:
        value = dict(self.fields).get(self.page_field or "")
        return _whole(value)

    def next_page(self, listed: int, first_row: str) -> XhrCall:
        fields = [(k, str(self.page + 1) if k == self.page_field else v) for k, v in self.fields]
        if self.method == "POST":
            return replace(self, form=tuple(fields), listed_before=listed, first_row=first_row)
        parts = urlsplit(self.url)
        url = urlunsplit(parts._replace(query=urlencode(fields)))
        return replace(self, url=url, listed_before=listed, first_row=first_row)


@dataclass
class JsonRows:
    """The rows of a JSON list answer and the total it announces."""

    listed: list[Listed]
    total: int | None


def read_json_rows(body: bytes, base_url: str) -> JsonRows:
    """The list rows in a JSON answer (none when it holds no list of linked, titled objects);
    AdapterError when it is not JSON."""
    answer = json_answer(body)
    lists = [(rows, holders) for rows, holders in _lists(answer, [], 0) if rows]
    if not lists:
        return JsonRows([], _total([answer]) if isinstance(answer, dict) else None)
    rows, holders = max(lists, key=lambda found: len(found[0]))
    listed = [row for row in (_listed(row, base_url) for row in rows) if row is not None]
    return JsonRows(listed, _total(holders))


def _lists(value: Any, holders: list[dict], depth: int
           ) -> Iterator[tuple[list[dict], list[dict]]]:
    """Every list of row objects in the answer, with the objects that hold it (nearest first)."""
    if depth > MAX_DEPTH:
        return
    if isinstance(value, list):
        yield [item for item in value if isinstance(item, dict) and _is_row(item)], holders
        for item in value:
            if isinstance(item, (dict, list)):
                yield from _lists(item, holders, depth + 1)
    elif isinstance(value, dict):
        for item in value.values():
            if isinstance(item, (dict, list)):
                yield from _lists(item, [value, *holders], depth + 1)


def _is_row(row: dict) -> bool:
    return bool(_link(row)) and bool(_title(row))


def _link(row: dict) -> str:
    """The row's link: a field named url/href/link first, never an image's."""
    found = [(key.lower() not in PAGE_LINK_KEYS, value.strip()) for key, value in row.items()
             if LINK_KEYS.search(key) and isinstance(value, str) and value.strip()
             and not NOT_A_PAGE.search(value.strip().split("?")[0])]
    return min(found, key=lambda pair: pair[0])[1] if found else ""


def _title(row: dict) -> str:
    for key, value in row.items():
        if TITLE_KEYS.search(key) and isinstance(value, str) and value.strip():
            return clean_text(_untagged(value))
    return ""


def _untagged(text: str) -> str:
    return " ".join(Selector(text=f"<div>{text}</div>").css("div ::text").getall()) \
        if "<" in text else text


def _listed(row: dict, base_url: str) -> Listed | None:
    """The row as a listed document; None when its link is no URL (a broken IPv6 host)."""
    dates = [v for v in row.values() if isinstance(v, str) and DATE.match(v.strip())]
    try:
        url = urljoin(base_url, _link(row)).split("#")[0]
    except ValueError:
        return None
    return Listed(url, _title(row), dates[0].strip()[:10] if dates else None)


def _total(holders: Iterable[dict]) -> int | None:
    """The count the objects holding the list announce (nearest first, then their children)."""
    for holder in holders:
        for nested in (holder, *(v for v in holder.values() if isinstance(v, dict))):
            by_name = {key.lower(): value for key, value in nested.items()}
            for name in TOTAL_KEYS:
                if _number(by_name.get(name)) is not None:
                    return _number(by_name[name])
    return None


def _number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    return _whole(value.strip()) if isinstance(value, str) else None


def _whole(value: str | None) -> int | None:
    """A whole number written in ASCII digits, else None."""
    return int(value) if value is not None and WHOLE.fullmatch(value) else None


class XhrListAdapter:
    """Reads a remembered list call's answers; it recognises no page (nothing to detect)."""

    name = NAME

    def detect(self, page: Selector) -> bool:
        return False

    def read_page(self, page: Selector) -> ColumnRead:
        return ColumnRead(self.name)

    def read_answer(self, body: bytes, call: ApiCall) -> ColumnRead:
        rows = read_json_rows(body, call.url)
        read = ColumnRead(self.name, announced=rows.total, listed=rows.listed)
        if isinstance(call, XhrCall) and call.page is not None and rows.listed:
            listed = call.listed_before + len(rows.listed)
            first = rows.listed[0].url
            more = rows.total is None or listed < rows.total
            if more and first != call.first_row:
                read.calls.append(call.next_page(listed, first))
        return read


def list_call(xhrs: Iterable[Any], page_urls: Iterable[str]) -> XhrCall | None:
    """The call whose JSON answers hold the rows the rendered page links to (at least half of
    an answer's rows among `page_urls`), as its first page was asked; None if no call did.
    `xhrs`: crawler/browser.py `Xhr`s (method, url, form, body)."""
    links = {_canonical(url) for url in page_urls}
    groups: dict[tuple[str, str], list[tuple[Any, int]]] = {}
    for xhr in xhrs:
        matched = _matched_rows(xhr, links)
        if matched and _fields(xhr) is not None:
            key = (xhr.method, xhr.url.split("?")[0] if xhr.method == "GET" else xhr.url)
            groups.setdefault(key, []).append((xhr, matched))
    if not groups:
        return None
    calls = [xhr for xhr, _ in max(groups.values(), key=lambda g: sum(m for _, m in g))]
    field = _page_field([_fields(xhr) or [] for xhr in calls])
    first = min(calls, key=lambda xhr: _page_value(xhr, field))
    form = tuple(_fields(first) or ()) if first.method == "POST" else ()
    return XhrCall(first.url, first.method, form, page_field=field)


def _matched_rows(xhr: Any, links: set[str]) -> int:
    if xhr.method not in ("GET", "POST"):
        return 0
    try:
        rows = read_json_rows(xhr.body, xhr.url).listed
    except (AdapterError, ValueError, TypeError):  # not JSON; markup lxml refuses in a title
        return 0
    matched = sum(_canonical(row.url) in links for row in rows)
    return matched if matched * 2 >= len(rows) else 0


def _canonical(url: str) -> str | None:
    try:
        return canonicalize_url(url)
    except ValueError:
        return None


def _fields(xhr: Any) -> list[tuple[str, str]] | None:
    """A POST's form (None for a body that is no form, such as JSON), a GET's query."""
    if xhr.method == "GET":
        return _query(xhr.url)
    body = xhr.form.strip()
    if body[:1] in ("{", "[") or any("=" not in part for part in body.split("&") if part):
        return None
    return parse_qsl(body, keep_blank_values=True)


def _page_field(calls: list[list[tuple[str, str]]]) -> str | None:
    """The field whose whole-number value differs between the calls (one named like a page
    first: a cache-busting timestamp differs too), else one named like a page."""
    values: dict[str, set[str]] = {}
    for fields in calls:
        for key, value in fields:
            values.setdefault(key, set()).add(value)
    numbered = {key: seen for key, seen in values.items()
                if all(_whole(value) is not None and len(value) < 6 for value in seen)}
    ranked = sorted(numbered, key=lambda key: (len(numbered[key]) < 2,
                                               key.lower() not in PAGE_NAMES))
    for key in ranked:
        if len(numbered[key]) > 1 or key.lower() in PAGE_NAMES:
            return key
    return None


def _page_value(xhr: Any, field: str | None) -> int:
    value = dict(_fields(xhr) or ()).get(field or "", "")
    return _whole(value) or 0


def _query(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)
