"""Items the spider yields: one per fetched page, one per fault."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class PageItem:
    """A fetched page; later stages fill the fields below the divider."""

    portal_code: str
    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    referer: str | None = None
    list_title: str | None = None
    parent_url: str | None = None  # an attachment: the page that links the file
    # filled by pipelines
    html: str | None = None
    encoding: str | None = None
    encoding_declared: str | None = None
    encoding_evidence: dict[str, Any] = field(default_factory=dict)
    encoding_confidence: float | None = None
    title: str | None = None
    index_number: str | None = None
    issuing_body: str | None = None
    publish_date: str | None = None
    written_date: str | None = None
    doc_number: str | None = None
    topic: str | None = None
    text: str | None = None
    text_normalized: str | None = None
    script: str | None = None
    mojibake_score: float | None = None
    is_annual_report: bool = False
    report_year: int | None = None
    region_code: str | None = None
    region_name: str | None = None
    body_type: str | None = None
    content_type: str | None = None  # the file type sniffed from the bytes: html, pdf, docx…
    attachment_status: str | None = None  # ok, scanned, unsupported, corrupt, too_large, empty
    attachment_detail: str | None = None
    stats_format: str | None = None  # "2021" / "2019" when the statistics tables were read
    stats_cells: list[dict[str, Any]] | None = None  # key, section, row, column, value, raw
    stats_checks: list[dict[str, Any]] | None = None
    canonical_url: str | None = None
    content_hash: str | None = None
    packed: dict[str, Any] | None = None  # the body compressed for storage, once analysed
    unchanged: bool = False  # 304 or the stored bytes again: no analysis, no new capture
    listed: bool = True  # False when fetched to recheck a document its list no longer shows
    body_sha256: str | None = None
    signature: bytes | None = None  # MinHash of the normalised text (storage/neardup.py)
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
class ListedItem:
    """Stored documents a list page still shows that are not due for a recheck: seen, not
    fetched. One item per list page, not per document: a night lists thousands of them."""

    portal_code: str
    documents: list[tuple[str, str | None]]  # (canonical URL, list title)


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
