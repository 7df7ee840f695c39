"""Finding each portal's 年报 columns once, and remembering them.

The first night walks home → 政务公开/政府信息公开 hub → 年报 column and the store remembers
every column it reached (`portal_columns`): the links walked, the date, and how the column was
recognised (`FOUND_BY`). Later nights start from the remembered columns and skip the walk. A
remembered column that answers 404/410, redirects home or lists nothing for
GOVCORPUS_REDISCOVER_AFTER nights in a row is walked to again from the home page that same
night; a new column found so replaces it, and a `column_moved` fault names both. A
`report_columns` hint in the registry always wins: such a portal starts from its hints.

A column whose list its scripts build is remembered with the XHR that brings the list, once a
render showed it (crawler/listing/adapters/xhr_json.py): later nights ask for that call
directly instead of rendering the column.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import parse_qsl, urlencode

from crawler.faults import fault_item
from crawler.items import ColumnMemoryItem
from crawler.listing.adapters.xhr_json import XhrCall
from govcorpus.fault_kinds import COLUMN_MOVED

HINT = "hint"
LINK_TEXT = "link_text"
URL_SHAPE = "url_shape"
FOUND_BY = (HINT, LINK_TEXT, URL_SHAPE, "column_name", "title", "report_titles")
"""How a column was recognised: a registry hint, the text or URL of the link to it, or the page
itself (its ColumnName meta, its title, a list of report titles: is_report_column)."""

Path = list[tuple[str, str]]
"""The pages walked to a column: (URL, the text of the link followed to it)."""


@dataclass
class Discovery:
    """One night's view of the remembered columns, and what it learns of them."""

    remembered: dict[str, list[str]]  # portal → active column URLs
    failed_before: dict[tuple[str, str], int]  # (portal, column) → nights failed so far
    rediscover_after: int
    rediscovering: dict[str, list[str]] = field(default_factory=dict)  # portal → failing
    found: dict[str, set[str]] = field(default_factory=dict)  # portal → columns found tonight
    judged: set[tuple[str, str]] = field(default_factory=set)  # columns judged tonight
    list_calls: dict[tuple[str, str], XhrCall] = field(default_factory=dict)  # remembered XHRs
    sizes: dict[str, int] = field(default_factory=dict)  # portal → documents its columns list

    @classmethod
    def from_known(cls, known: dict[str, list[Any]], rediscover_after: int) -> Discovery:
        """From storage's remembered columns (storage/read/columns.py)."""
        return cls(
            {code: [c.url for c in columns] for code, columns in known.items()},
            {(code, c.url): c.failed_nights for code, columns in known.items() for c in columns},
            max(1, rediscover_after),
            list_calls={(code, c.url): call for code, columns in known.items() for c in columns
                        if (call := _call(c)) is not None},
            sizes={code: sum(c.size or 0 for c in columns) for code, columns in known.items()},
        )

    def largest_first(self, codes: Iterable[str], silent: Collection[str] = frozenset()
                      ) -> list[str]:
        """Portals in the order a night starts them: those `silent` last night first (their
        one request waits out a timeout, best waited while the others are crawled), then the
        largest remembered columns (they take longest at a polite pace), the rest as given."""
        return sorted(codes, key=lambda code: (code not in silent, -self.sizes.get(code, 0)))

    def list_call(self, code: str, url: str) -> XhrCall | None:
        """The XHR a remembered column's list comes from, if a render showed one."""
        return self.list_calls.get((code, url))

    def list_call_seen(self, code: str, url: str, call: XhrCall | None
                       ) -> Iterator[ColumnMemoryItem]:
        """A render showed the column's list call (None: no call brought its list): remembered
        when it differs from the one remembered."""
        if self.list_calls.get((code, url)) == call:
            return
        if call is None:
            self.list_calls.pop((code, url), None)
            yield ColumnMemoryItem(code, url, "list_call", at=_now())
            return
        self.list_calls[(code, url)] = call
        stored = {"method": call.method, "url": call.url, "form": urlencode(call.form),
                  "page_field": call.page_field}
        yield ColumnMemoryItem(code, url, "list_call", list_call=stored, at=_now())

    def start_columns(self, code: str) -> list[str]:
        """The columns a portal starts from tonight instead of its home page."""
        return self.remembered.get(code, [])

    def is_remembered(self, code: str, url: str) -> bool:
        return url in self.remembered.get(code, ())

    def column_ok(self, code: str, url: str, size: int | None = None
                  ) -> Iterator[ColumnMemoryItem]:
        """A remembered column read fine tonight (listing `size` documents, if known)."""
        if self._judge(code, url):
            yield ColumnMemoryItem(code, url, "ok", size=size, at=_now())

    def column_failed(self, code: str, url: str, reason: str) -> tuple[list[Any], bool]:
        """A remembered column failed tonight: its item, and whether to walk from the home page
        now (its nights of failure reached GOVCORPUS_REDISCOVER_AFTER; once per portal)."""
        if not self._judge(code, url):
            return [], False
        items: list[Any] = [ColumnMemoryItem(code, url, "failed", detail=reason, at=_now())]
        nights = self.failed_before.get((code, url), 0) + 1
        if nights < self.rediscover_after:
            return items, False
        walk = code not in self.rediscovering
        self.rediscovering.setdefault(code, []).append(url)
        return items, walk

    def column_found(self, code: str, url: str, how: str, path: Path, size: int | None = None
                     ) -> Iterator[Any]:
        """A walk reached a column (listing `size` documents, if known): remembered; if it
        replaces failing columns, they moved."""
        if url in self.found.setdefault(code, set()):
            return
        self.found[code].add(url)
        yield ColumnMemoryItem(code, url, "found", how=how, path=list(path), size=size,
                               at=_now())
        failing = self.rediscovering.get(code, [])
        if url in failing:  # the walk led back to it: it is fine again
            failing.remove(url)
        moved, failing[:] = list(failing), []
        for old in moved:
            yield ColumnMemoryItem(code, old, "moved", detail=url, at=_now())
            yield fault_item(code, old, COLUMN_MOVED,
                             f"the 年报 column {old} failed; walking from the home page found "
                             f"{url}", None)

    def _judge(self, code: str, url: str) -> bool:
        """True the first time tonight a remembered column is judged."""
        key = (code, url)
        if key in self.judged or not self.is_remembered(code, url):
            return False
        self.judged.add(key)
        return True


def _call(column: Any) -> XhrCall | None:
    """A remembered column's list call (storage's KnownColumn), if it has one."""
    if not column.list_call_url:
        return None
    form = tuple(parse_qsl(column.list_call_form or "", keep_blank_values=True))
    return XhrCall(column.list_call_url, column.list_call_method or "GET", form,
                   page_field=column.list_call_page_field)


def _now() -> datetime:
    return datetime.now(timezone.utc)
