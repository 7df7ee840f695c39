"""The corpus schema: portals, crawl runs, documents and their history, captures and faults."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from govcorpus.contract import DOCUMENT_FIELDS, Field

JsonType = sa.JSON().with_variant(JSONB(), "postgresql")
"""JSON on SQLite (as text), JSONB on PostgreSQL."""


class UtcDateTime(sa.types.TypeDecorator):
    """A timestamp stored as UTC and always read back as an aware UTC datetime."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> Any:
        if value is None:
            return None
        value = as_utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> Any:
        return None if value is None else as_utc(value)


def as_utc(value: datetime) -> datetime:
    """An aware UTC datetime; a naive one is taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(timezone.utc)


NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every corpus table."""

    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


class Portal(Base):
    """A government portal from the registry, keyed by its GB/T 2260 region code."""

    __tablename__ = "portals"

    region_code: Mapped[str] = mapped_column(sa.String(12), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String)
    level: Mapped[str | None] = mapped_column(sa.String(16))
    start_urls: Mapped[list[str]] = mapped_column(JsonType, default=list)
    allowed_domains: Mapped[list[str]] = mapped_column(JsonType, default=list)
    hints: Mapped[dict[str, str]] = mapped_column(JsonType, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class CrawlRun(Base):
    """One crawl: when it ran, from which registry, how it ended and its counts."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    registry_file: Mapped[str | None] = mapped_column("registry", sa.Text)
    status: Mapped[str] = mapped_column(sa.String(16), default="running")
    stats: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)


COLUMN_TYPES: dict[str, Any] = {
    "url": sa.Text, "text": sa.Text, "string": sa.String, "code": sa.String(12),
    "short": sa.String(16), "tiny": sa.String(8), "int": sa.Integer, "float": sa.Float,
    "flag": sa.Boolean, "json": JsonType, "sources": JsonType,
}
"""The column type of each kind of document field (govcorpus/contract.py)."""


def _field_column(field: Field) -> Any:
    if field.kind == "portal":
        return mapped_column(sa.ForeignKey("portals.region_code"), index=True, nullable=False)
    return mapped_column(COLUMN_TYPES[field.kind], index=field.index or None,
                         nullable=not (field.required or field.kind == "flag"),
                         default=False if field.kind == "flag" else None)


DocumentFieldColumns = type("DocumentFieldColumns", (), {
    "__doc__": "The columns of the contract's document fields, set by every fetch.",
    **{field.name: _field_column(field) for field in DOCUMENT_FIELDS},
})


class Document(DocumentFieldColumns, Base):
    """One document per canonical URL, holding the fields of its latest successful fetch."""

    __tablename__ = "documents"
    __table_args__ = (
        sa.Index("ix_documents_report_year", "is_annual_report", "report_year"),
        # what a night asks at its end (migration 0018): answered from the index alone
        sa.Index("ix_documents_listed", "last_listed_run_id", "portal_code", "parent_url",
                 "is_annual_report"),
        sa.Index("ix_documents_unlisted", "gone_since", "parent_url", "portal_code",
                 "last_listed_run_id"),
        sa.Index("ix_documents_duplicate", "duplicate_of", "duplicate_kind"),
        sa.Index("ix_documents_duplicate_kind", "duplicate_kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_id: Mapped[str] = mapped_column(sa.String(16), unique=True)
    canonical_url: Mapped[str] = mapped_column(sa.Text, unique=True)
    duplicate_of: Mapped[int | None] = mapped_column(sa.ForeignKey("documents.id"))
    first_seen: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen: Mapped[datetime] = mapped_column(UtcDateTime)
    last_run_id: Mapped[int | None] = mapped_column(sa.ForeignKey("crawl_runs.id"), index=True)
    # history (0003): validators of the latest fetch, versions, listing and takedowns
    etag: Mapped[str | None] = mapped_column(sa.Text)
    last_modified: Mapped[str | None] = mapped_column(sa.Text)
    body_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    version: Mapped[int] = mapped_column(sa.Integer, default=1, server_default="1")
    gone_since: Mapped[datetime | None] = mapped_column(UtcDateTime)
    gone_reason: Mapped[str | None] = mapped_column(sa.String(32))
    missing_runs: Mapped[int] = mapped_column(sa.Integer, default=0, server_default="0")
    last_listed_run_id: Mapped[int | None] = mapped_column(sa.Integer)
    duplicate_kind: Mapped[str | None] = mapped_column(sa.String(8))  # "exact" or "near"


class DocumentVersion(Base):
    """One text of a document: a new version only when its normalised text changes."""

    __tablename__ = "document_versions"
    __table_args__ = (sa.UniqueConstraint("document_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(sa.ForeignKey("documents.id"))
    version: Mapped[int] = mapped_column(sa.Integer)
    content_hash: Mapped[str | None] = mapped_column(sa.String)
    title: Mapped[str | None] = mapped_column(sa.Text)
    text_normalized: Mapped[str | None] = mapped_column(sa.Text)
    fetched_at: Mapped[datetime] = mapped_column(UtcDateTime)
    run_id: Mapped[int | None] = mapped_column(sa.ForeignKey("crawl_runs.id"), index=True)
    capture_id: Mapped[int | None] = mapped_column(sa.ForeignKey("captures.id"))


class DocumentSignature(Base):
    """The MinHash signature of a document's normalised text (storage/write/neardup.py)."""

    __tablename__ = "document_signatures"

    document_id: Mapped[int] = mapped_column(sa.ForeignKey("documents.id"), primary_key=True)
    signature: Mapped[bytes] = mapped_column(sa.LargeBinary)


class DocumentBand(Base):
    """One LSH band hash of a document's signature; documents sharing one are candidates."""

    __tablename__ = "document_bands"
    __table_args__ = (
        sa.Index("ix_document_bands_band_hash", "band", "hash"),
        sa.Index("ix_document_bands_document_id", "document_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(sa.ForeignKey("documents.id"))
    band: Mapped[int] = mapped_column(sa.SmallInteger)
    hash: Mapped[int] = mapped_column(sa.BigInteger)


class ReportCell(Base):
    """One number of an annual report's statistics tables (keys: govcorpus/tables/COLUMNS.md)."""

    __tablename__ = "report_cells"
    __table_args__ = (sa.UniqueConstraint("document_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(sa.ForeignKey("documents.id"))
    key: Mapped[str] = mapped_column(sa.String(64))
    section: Mapped[str] = mapped_column(sa.String(8))
    row: Mapped[str] = mapped_column(sa.String(64))
    column: Mapped[str] = mapped_column(sa.String(64))
    value: Mapped[float | None] = mapped_column(sa.Float)
    raw: Mapped[str | None] = mapped_column(sa.Text)


class Capture(Base):
    """One fetch of a URL, with its headers and the raw body kept exactly (zlib-compressed)."""

    __tablename__ = "captures"
    __table_args__ = (
        sa.Index("ix_captures_document_fetched", "document_id", "fetched_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int | None] = mapped_column(sa.ForeignKey("documents.id"))
    run_id: Mapped[int | None] = mapped_column(sa.ForeignKey("crawl_runs.id"), index=True)
    url: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[int] = mapped_column(sa.Integer)
    fetched_at: Mapped[datetime] = mapped_column(UtcDateTime)
    headers: Mapped[dict[str, str]] = mapped_column(JsonType, default=dict)
    body_zlib: Mapped[bytes] = mapped_column(sa.LargeBinary)
    body_sha256: Mapped[str] = mapped_column(sa.String(64))
    body_size: Mapped[int] = mapped_column(sa.Integer)
    encoding: Mapped[str | None] = mapped_column(sa.String)
    encoding_declared: Mapped[str | None] = mapped_column(sa.String)
    encoding_evidence: Mapped[dict[str, Any]] = mapped_column(JsonType, default=dict)


class Fault(Base):
    """A request that failed, recorded rather than dropped."""

    __tablename__ = "faults"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int | None] = mapped_column(sa.ForeignKey("crawl_runs.id"), index=True)
    portal_code: Mapped[str | None] = mapped_column(sa.String, index=True)
    url: Mapped[str] = mapped_column(sa.Text)
    kind: Mapped[str] = mapped_column(sa.String)
    detail: Mapped[str | None] = mapped_column(sa.Text)
    status: Mapped[int | None] = mapped_column(sa.Integer)
    fetched_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ListColumn(Base):
    """What one list column gave in one run: how it was read, what it announced, what came."""

    __tablename__ = "list_columns"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int | None] = mapped_column(sa.ForeignKey("crawl_runs.id"), index=True)
    portal_code: Mapped[str | None] = mapped_column(sa.String, index=True)
    url: Mapped[str] = mapped_column(sa.Text)  # the column's first page
    read_by: Mapped[str] = mapped_column(sa.String)  # static, or "static+<adapter>"
    announced: Mapped[int | None] = mapped_column(sa.Integer)  # recordCount, total, 共N条 …
    listed: Mapped[int] = mapped_column(sa.Integer)
    fetched: Mapped[int] = mapped_column(sa.Integer)
    pages_announced: Mapped[int | None] = mapped_column(sa.Integer)  # createPageHTML's count
    pages_read: Mapped[int] = mapped_column(sa.Integer)
    # False: the column announced no count at all (announced unknown), nothing to check against
    counted: Mapped[bool] = mapped_column(sa.Boolean, default=True, server_default=sa.true())


class PortalColumn(Base):
    """A 年报 column of a portal, remembered across nights: how it was found and whether it
    still answers. Later nights start from the active ones (`moved_to` null) and skip the walk
    from the home page; a column failing GOVCORPUS_REDISCOVER_AFTER nights is walked to again."""

    __tablename__ = "portal_columns"
    __table_args__ = (sa.UniqueConstraint("portal_code", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    portal_code: Mapped[str] = mapped_column(sa.String(12), index=True)
    url: Mapped[str] = mapped_column(sa.Text)  # the column's first page
    how: Mapped[str] = mapped_column(sa.String(16))  # crawler/listing/discovery.py FOUND_BY
    path: Mapped[list[list[str]]] = mapped_column(JsonType, default=list)  # [url, link text]…
    found_at: Mapped[datetime] = mapped_column(UtcDateTime)
    found_run_id: Mapped[int | None] = mapped_column(sa.Integer)
    last_ok_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    failed_nights: Mapped[int] = mapped_column(sa.Integer, default=0, server_default="0")
    last_failure: Mapped[str | None] = mapped_column(sa.Text)
    moved_to: Mapped[str | None] = mapped_column(sa.Text)
    moved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # the XHR a script-built column's list comes from, asked for directly on later nights
    list_call_method: Mapped[str | None] = mapped_column(sa.String(8))
    list_call_url: Mapped[str | None] = mapped_column(sa.Text)
    list_call_form: Mapped[str | None] = mapped_column(sa.Text)  # URL-encoded
    list_call_page_field: Mapped[str | None] = mapped_column(sa.String(64))
    size: Mapped[int | None] = mapped_column(sa.Integer)  # documents it listed when last read


class RobotsTxt(Base):
    """A host's robots.txt as last answered: a crawl within GOVCORPUS_ROBOTS_MAX_AGE_HOURS of
    it obeys these bytes instead of asking again."""

    __tablename__ = "robots_txt"

    host: Mapped[str] = mapped_column(sa.String(255), primary_key=True)  # netloc: name[:port]
    status: Mapped[int] = mapped_column(sa.Integer)
    body: Mapped[bytes] = mapped_column(sa.LargeBinary)
    fetched_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RememberedListPage(Base):
    """A list page as last read: its validators, its digest and what the spider read from it
    (crawler/listing/reading.py), so a night that gets a 304 or the same bytes replays the
    reading instead of parsing the page again, and a column whose first page is unchanged
    replays its further pages asked within GOVCORPUS_LIST_PAGES_TRUSTED_DAYS without asking."""

    __tablename__ = "list_pages"

    url: Mapped[str] = mapped_column(sa.Text, primary_key=True)  # canonical URL
    portal_code: Mapped[str] = mapped_column(sa.String(12), index=True)
    etag: Mapped[str | None] = mapped_column(sa.Text)
    last_modified: Mapped[str | None] = mapped_column(sa.Text)
    body_sha256: Mapped[str] = mapped_column(sa.String(64))
    reading: Mapped[dict[str, Any]] = mapped_column(JsonType)
    read_at: Mapped[datetime] = mapped_column(UtcDateTime)  # parsed: the reading made
    asked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # last asked for (200 or 304)


class PortalHealth(Base):
    """What one portal yielded and failed in one run, and the status derived that morning."""

    __tablename__ = "portal_health"

    run_id: Mapped[int] = mapped_column(sa.ForeignKey("crawl_runs.id"), primary_key=True)
    portal_code: Mapped[str] = mapped_column(sa.String(12), primary_key=True, index=True)
    requests: Mapped[int] = mapped_column(sa.Integer, default=0, server_default="0")
    pages: Mapped[int] = mapped_column(sa.Integer, default=0, server_default="0")  # captures
    listed: Mapped[int] = mapped_column(sa.Integer, default=0, server_default="0")
    new: Mapped[int] = mapped_column(sa.Integer, default=0, server_default="0")
    changed: Mapped[int] = mapped_column(sa.Integer, default=0, server_default="0")
    gone: Mapped[int] = mapped_column(sa.Integer, default=0, server_default="0")
    reports: Mapped[int] = mapped_column(sa.Integer, default=0, server_default="0")
    faults: Mapped[dict[str, int]] = mapped_column(JsonType, default=dict)  # kind -> count
    errors: Mapped[int] = mapped_column(sa.Integer, default=0, server_default="0")
    lists_incomplete: Mapped[int] = mapped_column(sa.Integer, default=0, server_default="0")
    blocked: Mapped[bool] = mapped_column(sa.Boolean, default=False, server_default=sa.false())
    status: Mapped[str] = mapped_column(sa.String(16))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
