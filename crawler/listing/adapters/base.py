"""What a CMS list adapter is: pure functions from a column page or an API answer to links.

An adapter recognises its CMS from the column page itself (`detect`), reads the documents the
page carries and the API calls that bring the rest (`read_page`), and reads each API answer
the same way (`read_answer`). It never fetches: the spider turns `ApiCall`s into requests and
`Listed` entries into document requests. An answer that is not what the adapter expects raises
`AdapterError`, which the spider records as a `list_api_error` fault.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Protocol
from urllib.parse import urlsplit

from parsel import Selector


class AdapterError(ValueError):
    """An API answer or page configuration the adapter cannot read; the message says why."""


@dataclass(frozen=True)
class Listed:
    """One document a column lists: absolute URL, title and the date shown, if any."""

    url: str
    title: str
    date: str | None = None


@dataclass(frozen=True)
class ApiCall:
    """A further list request: GET with a query in `url`, or POST with a form. `fallback` is
    the call to make instead when this one fails (an HTTP error or an answer the adapter
    cannot read): the same page by another path."""

    url: str
    method: str = "GET"
    form: tuple[tuple[str, str], ...] = ()
    fallback: ApiCall | None = None


@dataclass
class ColumnRead:
    """What one page or answer of a column gave."""

    adapter: str
    announced: int | None = None  # items the column says it holds (recordCount, total …)
    pages: int | None = None  # list pages it says it has (an API answer's pageCount)
    listed: list[Listed] = field(default_factory=list)
    calls: list[ApiCall] = field(default_factory=list)


class ListAdapter(Protocol):
    name: str

    def detect(self, page: Selector) -> bool:
        """True when the column page is served by this adapter's CMS."""

    def read_page(self, page: Selector) -> ColumnRead:
        """The documents on the column page itself and the calls that bring the others."""

    def read_answer(self, body: bytes, call: ApiCall) -> ColumnRead:
        """The documents in one API answer (and any further calls); AdapterError if unreadable."""


class Guarded:
    """An adapter whose reads hold only web URLs and fail only with AdapterError.

    Pages and answers come from portals nobody vetted: a `<base href="file:///">` or an entry
    whose URL is `javascript:` must not become a request, and markup lxml refuses (control
    characters in a name) is an unreadable answer like any other."""

    def __init__(self, adapter: ListAdapter) -> None:
        self.adapter = adapter
        self.name = adapter.name

    def detect(self, page: Selector) -> bool:
        return self.adapter.detect(page)

    def read_page(self, page: Selector) -> ColumnRead:
        return _guarded(lambda: self.adapter.read_page(page))

    def read_answer(self, body: bytes, call: ApiCall) -> ColumnRead:
        return _guarded(lambda: self.adapter.read_answer(body, call))


def json_answer(body: bytes) -> Any:
    """A list API's answer as JSON (UTF-8, a BOM allowed); AdapterError when it is none."""
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise AdapterError(f"answer is not JSON ({body[:40]!r}…): {exc}") from exc


def _guarded(read: Callable[[], ColumnRead]) -> ColumnRead:
    try:
        result = read()
    except AdapterError:
        raise
    except (ValueError, TypeError, KeyError, IndexError) as exc:  # lxml, json, int() …
        raise AdapterError(f"unreadable: {type(exc).__name__}: {exc}"[:300]) from exc
    return replace(result, listed=[i for i in result.listed if is_web_url(i.url)],
                   calls=[c for c in result.calls if is_web_url(c.url)])


def is_web_url(url: str) -> bool:
    """An absolute http(s) URL with a host."""
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # a broken IPv6 host
        return False
