"""Items the spider yields: one per fetched page, one per fault."""

from __future__ import annotations

from dataclasses import dataclass, field, make_dataclass
from datetime import datetime
from typing import Any

from govcorpus.contract import ITEM_FIELDS


def _default(kind: str, value: Any) -> Any:
    return field(default_factory=dict) if kind == "sources" else field(default=value)


DocumentFields = make_dataclass(
    "DocumentFields",
    [(f.name, f.type) if f.required else (f.name, f.type, _default(f.kind, f.default))
     for f in ITEM_FIELDS],
    kw_only=True,
)
DocumentFields.__module__ = __name__
DocumentFields.__doc__ = "The fields of a stored document (govcorpus/contract.py), by keyword."


@dataclass
class PageItem(DocumentFields):
    """A fetched page: the crawler sets what it fetched, the pipelines fill the document fields
    and the working fields below."""

    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    referer: str | None = None
    html: str | None = None
    encoding_evidence: dict[str, Any] = field(default_factory=dict)
    stats_cells: list[dict[str, Any]] | None = None  # key, section, row, column, value, raw
    canonical_url: str | None = None
    packed: dict[str, Any] | None = None  # the body compressed for storage, once analysed
    unchanged: bool = False  # 304 or the stored bytes again: no analysis, no new capture
    listed: bool = True  # False when fetched to recheck a document its list no longer shows
    body_sha256: str | None = None
    signature: bytes | None = None  # MinHash of the normalised text (storage/write/neardup.py)
    errors: list[str] = field(default_factory=list)  # stage failures, stored as faults
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage


@dataclass
class FaultItem:
    """A request that failed: recorded, never dropped."""

    portal_code: str
    url: str
    kind: str
    detail: str
    fetched_at: datetime
    status: int | None = None


@dataclass
class GoneItem:
    """A known document that answered 404/410 or redirected to a home page."""

    portal_code: str
    url: str
    canonical_url: str
    reason: str
    fetched_at: datetime
    status: int | None = None


@dataclass
class ColumnMemoryItem:
    """What a night learned of a portal's 年报 column, for the next nights (portal_columns):
    `found` by walking to it (how, and the path of links), `ok` or `failed` when a remembered
    column was read, `moved` when a walk found another column in place of a failing one,
    `list_call` when a render showed the XHR its list comes from (or none any more)."""

    portal_code: str
    url: str  # the column's first page
    event: str  # found, ok, failed, moved, list_call
    how: str | None = None  # found: crawler/listing/discovery.py FOUND_BY
    path: list[tuple[str, str]] = field(default_factory=list)  # found: (URL, link text) walked
    detail: str | None = None  # failed: why; moved: the new column's URL
    size: int | None = None  # found, ok: documents the column lists (list_region.column_size)
    at: datetime | None = None
    list_call: dict[str, str | None] | None = None
    """list_call: method, url, form (URL-encoded) and page_field of the call; None: forgotten."""


@dataclass
class ListedItem:
    """Stored documents a list answer still shows that are not due for a recheck: seen, not
    fetched; and the list pages it asked for that answered 304 or their stored bytes again,
    with when (their stored readings were replayed; only `list_pages.asked_at` changes). One
    item per list answer, its pages replayed without asking included: a night lists
    thousands of documents on thousands of unchanged pages. The answer's column events
    (a remembered column read ok or failed, a column found) ride along: every item costs
    the spider middlewares, the pipelines and item_scraped's receivers."""

    portal_code: str
    documents: list[tuple[str, str | None]]  # (canonical URL, list title)
    not_due: bool = True  # False: asked for, but the portal gave no document (a fault)
    pages_asked: list[tuple[str, datetime]] = field(default_factory=list)  # (canonical, when)
    column_events: list[ColumnMemoryItem] = field(default_factory=list)


@dataclass
class ColumnItem:
    """What one list column gave this run: how it was read, what it announced, what came."""

    portal_code: str
    url: str  # the column's first page
    read_by: str  # "static", or the adapters that read it ("static+trs_search")
    announced: int | None  # items the column says it holds (recordCount, totalrecord, total)
    listed: int  # distinct documents its pages and API answers gave
    fetched: int  # of those, answered this run (a page, a 304, a gone document)
    pages_announced: int | None = None  # list pages createPageHTML announced
    pages_read: int = 0
    counted: bool = True  # False: it announced no count at all, its completeness is unknown


@dataclass
class ColumnReportItem:
    """What every list column gave this run, in one item at the end of the crawl."""

    columns: list[ColumnItem]


@dataclass
class ListPageItem:
    """A list page read anew: its validators, digest and reading (crawler/listing/reading.py),
    kept so a later night that finds it unchanged replays the reading instead of parsing."""

    portal_code: str
    url: str  # canonical
    etag: str | None
    last_modified: str | None
    body_sha256: str
    reading: dict[str, Any]
    read_at: datetime
    asked_at: datetime  # the same as read_at: parsed from tonight's answer
