"""Batched, idempotent writes of crawled pages, faults and runs to the corpus database."""

from __future__ import annotations

import hashlib
import logging
import zlib
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm
from sqlalchemy.dialects import postgresql, sqlite

from storage.models import Capture, CrawlRun, Document, Fault, Portal, ReportCell, utc_now

logger = logging.getLogger(__name__)

DOCUMENT_FIELDS: tuple[str, ...] = (
    "portal_code", "url", "title", "index_number", "issuing_body", "publish_date",
    "written_date", "doc_number", "topic", "is_annual_report", "report_year", "region_code",
    "region_name", "body_type", "encoding", "encoding_declared", "encoding_confidence", "text",
    "text_normalized", "script", "mojibake_score", "content_hash", "stats_format", "stats_checks",
    "stats_failed",
)
"""Columns of `documents` that each fetch overwrites with its latest values."""

CAPTURE_FIELDS: tuple[str, ...] = (
    "url", "status", "fetched_at", "headers", "encoding", "encoding_declared", "encoding_evidence",
)
ZLIB_LEVEL = 6


def doc_id_for(canonical_url: str) -> str:
    """The stable public id of a document: derived from its canonical URL alone."""
    return hashlib.sha1(canonical_url.encode("utf-8")).hexdigest()[:16]


def _insert(conn: sa.Connection, table: sa.Table) -> Any:
    """An INSERT that supports ON CONFLICT on both SQLite and PostgreSQL."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


class CorpusWriter:
    """Buffers pages and faults and writes them in batches, one transaction per batch.

    A batch that fails to write stays in the buffer and is retried on the next flush, so a
    passing database fault loses nothing.
    """

    def __init__(self, engine: sa.Engine, batch_size: int = 200):
        self.engine = engine
        self.batch_size = max(1, batch_size)
        self.pages: list[dict[str, Any]] = []
        self.faults: list[dict[str, Any]] = []
        self.run_id: int | None = None

    def start_run(self, registry: str | None = None) -> int:
        """Open a crawl run and return its id; pages and faults written later belong to it."""
        with self.engine.begin() as conn:
            run_id = conn.execute(
                sa.insert(CrawlRun).values(
                    started_at=utc_now(), registry_file=registry, status="running", stats={}
                ).returning(CrawlRun.id)
            ).scalar_one()
        self.run_id = run_id
        return run_id

    def upsert_portals(self, rows: Iterable[dict[str, str]]) -> None:
        """Store the registry's portals, replacing what an earlier run recorded of them."""
        values = [_portal_values(row) for row in rows]
        if not values:
            return
        with self.engine.begin() as conn:
            stmt = _insert(conn, Portal.__table__)
            stmt = stmt.on_conflict_do_update(
                index_elements=["region_code"],
                set_={c: stmt.excluded[c] for c in values[0] if c != "region_code"},
            )
            conn.execute(stmt, values)

    def add_page(self, page: dict[str, Any]) -> None:
        """Buffer one fetched page; flushes when the batch is full."""
        self.pages.append(page)
        if len(self.pages) >= self.batch_size:
            self.flush()

    def add_fault(self, fault: dict[str, Any]) -> None:
        """Buffer one fault; flushes when the batch is full."""
        self.faults.append({**fault, "run_id": fault.get("run_id", self.run_id)})
        if len(self.faults) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Write everything buffered in one transaction; on failure keep it for the next try."""
        if not self.pages and not self.faults:
            return
        pages, faults = list(self.pages), list(self.faults)
        with self.engine.begin() as conn:
            if pages:
                self._write_pages(conn, pages)
            if faults:
                conn.execute(sa.insert(Fault), [_fault_values(f) for f in faults])
        del self.pages[: len(pages)]
        del self.faults[: len(faults)]

    def finish_run(self, run_id: int, stats: dict[str, Any], status: str = "finished") -> None:
        """Flush and close the run with its counts."""
        self.flush()
        with self.engine.begin() as conn:
            conn.execute(
                sa.update(CrawlRun)
                .where(CrawlRun.id == run_id)
                .values(finished_at=utc_now(), status=status, stats=stats)
            )

    def close(self) -> None:
        """Release the engine's connections."""
        self.engine.dispose()

    def _write_pages(self, conn: sa.Connection, pages: Sequence[dict[str, Any]]) -> None:
        latest = {page["canonical_url"]: page for page in pages}  # one upsert per document
        ids = self._upsert_documents(conn, list(latest.values()))
        self._mark_duplicates(conn, {p.get("content_hash") for p in latest.values()} - {None})
        self._replace_cells(conn, latest.values(), ids)
        conn.execute(
            sa.insert(Capture),
            [_capture_values(page, ids[page["canonical_url"]], self.run_id) for page in pages],
        )

    def _upsert_documents(
        self, conn: sa.Connection, pages: Sequence[dict[str, Any]]
    ) -> dict[str, int]:
        values = [self._document_values(page) for page in pages]
        stmt = _insert(conn, Document.__table__)
        updated = [*DOCUMENT_FIELDS, "last_seen", "last_run_id"]
        stmt = stmt.on_conflict_do_update(
            index_elements=["canonical_url"], set_={c: stmt.excluded[c] for c in updated}
        )
        conn.execute(stmt, values)
        urls = [v["canonical_url"] for v in values]
        rows = conn.execute(
            sa.select(Document.canonical_url, Document.id).where(Document.canonical_url.in_(urls))
        )
        return dict(rows.all())

    def _document_values(self, page: dict[str, Any]) -> dict[str, Any]:
        fetched: datetime = page["fetched_at"]
        checks = page.get("stats_checks")
        return {
            **{name: page.get(name) for name in DOCUMENT_FIELDS},
            "stats_failed": None if checks is None else sum(not c["ok"] for c in checks),
            "is_annual_report": bool(page.get("is_annual_report")),
            "doc_id": doc_id_for(page["canonical_url"]),
            "canonical_url": page["canonical_url"],
            "first_seen": fetched,
            "last_seen": fetched,
            "last_run_id": self.run_id,
        }

    @staticmethod
    def _replace_cells(conn: sa.Connection, pages: Iterable[dict[str, Any]],
                       ids: dict[str, int]) -> None:
        """Each report's statistics cells as parsed from its latest fetch."""
        reports = [p for p in pages if p.get("is_annual_report")]
        if not reports:
            return
        conn.execute(sa.delete(ReportCell).where(
            ReportCell.document_id.in_([ids[p["canonical_url"]] for p in reports])
        ))
        cells = [{**cell, "document_id": ids[p["canonical_url"]]}
                 for p in reports for cell in p.get("stats_cells") or ()]
        if cells:
            conn.execute(sa.insert(ReportCell), cells)

    @staticmethod
    def _mark_duplicates(conn: sa.Connection, hashes: set[str]) -> None:
        """Point each document with one of these text hashes at the earliest such document."""
        if not hashes:
            return
        earlier = sa.orm.aliased(Document)
        first_id = (
            sa.select(sa.func.min(earlier.id))
            .where(earlier.content_hash == Document.content_hash, earlier.id < Document.id)
            .scalar_subquery()
        )
        conn.execute(
            sa.update(Document)
            .where(Document.content_hash.in_(hashes))
            .values(duplicate_of=first_id)
            .execution_options(synchronize_session=False)
        )


def _portal_values(row: dict[str, str]) -> dict[str, Any]:
    hints = dict(part.split("=", 1) for part in filter(None, row.get("hints", "").split(";")))
    return {
        "region_code": row["region_code"],
        "name": row["name"],
        "level": row.get("level"),
        "start_urls": row.get("start_urls", "").split(),
        "allowed_domains": row.get("allowed_domains", "").split(),
        "hints": hints,
        "updated_at": utc_now(),
    }


def _capture_values(page: dict[str, Any], document_id: int, run_id: int | None) -> dict[str, Any]:
    body: bytes = page.get("body") or b""
    return {
        **{name: page.get(name) for name in CAPTURE_FIELDS},
        "headers": page.get("headers") or {},
        "encoding_evidence": page.get("encoding_evidence") or {},
        "document_id": document_id,
        "run_id": run_id,
        "body_zlib": zlib.compress(body, ZLIB_LEVEL),
        "body_sha256": hashlib.sha256(body).hexdigest(),
        "body_size": len(body),
    }


def _fault_values(fault: dict[str, Any]) -> dict[str, Any]:
    names = ("run_id", "portal_code", "url", "kind", "detail", "status", "fetched_at")
    return {name: fault.get(name) for name in names}
