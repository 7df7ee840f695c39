"""Batched, idempotent writes of crawled pages, faults and runs to the corpus database."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm

from govcorpus import contract
from govcorpus.fault_kinds import SOFT_BLOCK
from govcorpus.identity import doc_id_for
from govcorpus.registry import Portal as RegistryPortal
from govcorpus.soft_blocks import text_collapsed
from storage.engine import upsert, upsert_replacing, write_transaction
from storage.models import (
    Capture,
    CrawlRun,
    Document,
    Fault,
    ListColumn,
    Portal,
    ReportCell,
    utc_now,
)
from storage.write import history, neardup
from storage.write.attachments import inherit_from_parents, keep_parent
from storage.write.columns import note_list_pages_asked, remember_columns, remember_list_pages
from storage.write.packing import pack_body

logger = logging.getLogger(__name__)

DOCUMENT_FIELDS: tuple[str, ...] = tuple(f.name for f in contract.DOCUMENT_FIELDS)
"""Columns of `documents` that each fetch overwrites with its latest values."""

CAPTURE_FIELDS: tuple[str, ...] = (
    "url", "status", "fetched_at", "headers", "encoding", "encoding_declared", "encoding_evidence",
)


class CorpusWriter:
    """Buffers pages and faults and writes them in batches, one transaction per batch.

    A batch that fails to write stays in the buffer and is retried on the next flush, so a
    passing database fault loses nothing. The batch size is GOVCORPUS_BATCH_SIZE's.
    """

    def __init__(self, engine: sa.Engine, batch_size: int, text_share: float = 0.2,
                 min_stored_chars: int = 200):
        self.engine = engine
        self.batch_size = max(1, batch_size)
        self.text_share = text_share  # a text shorter than this share of the stored one…
        self.min_stored_chars = min_stored_chars  # …of at least this length is a soft block
        self.pages: list[dict[str, Any]] = []
        self.faults: list[dict[str, Any]] = []
        self.unchanged: list[dict[str, Any]] = []  # fetched, same bytes or 304: no new body
        self.gone: list[dict[str, Any]] = []  # 404/410 or redirected home
        self.listed: list[dict[str, Any]] = []  # on their lists, not due for a recheck
        self.columns: list[dict[str, Any]] = []  # what each list column gave this run
        self.column_events: list[dict[str, Any]] = []  # 年报 columns found, read, moved
        self.list_pages: list[dict[str, Any]] = []  # list pages read anew, to replay later
        self.list_pages_asked: list[dict[str, Any]] = []  # list pages answered unchanged
        self.counts: dict[str, int] = dict.fromkeys(
            ("new", "changed", "unchanged", "gone", "not_due"), 0)
        self.run_id: int | None = None
        self.listing_closed = False

    def start_run(self, registry: str | None = None) -> int:
        """Open a crawl run and return its id; pages and faults written later belong to it."""
        with write_transaction(self.engine) as conn:
            run_id = conn.execute(
                sa.insert(CrawlRun).values(
                    started_at=utc_now(), registry_file=registry, status="running", stats={}
                ).returning(CrawlRun.id)
            ).scalar_one()
        self.run_id = run_id
        return run_id

    def upsert_portals(self, portals: Iterable[RegistryPortal]) -> None:
        """Store the registry's portals, replacing what an earlier run recorded of them."""
        values = [_portal_values(portal) for portal in portals]
        if not values:
            return
        with write_transaction(self.engine) as conn:
            replaced = [c for c in values[0] if c != "region_code"]
            conn.execute(upsert_replacing(conn, Portal.__table__, "region_code", replaced),
                         values)

    def add_page(self, page: dict[str, Any]) -> None:
        """Buffer one fetched page until the next flush."""
        (self.unchanged if page.get("unchanged") else self.pages).append(page)

    def add_gone(self, gone: dict[str, Any]) -> None:
        """Buffer a document found gone: canonical_url, fetched_at, reason."""
        self.gone.append(gone)

    def add_listed(self, listed: dict[str, Any]) -> None:
        """Buffer a document seen on its list and not fetched: canonical_url, list_title."""
        self.listed.append(listed)

    def add_fault(self, fault: dict[str, Any]) -> None:
        """Buffer one fault until the next flush."""
        self.faults.append({**fault, "run_id": fault.get("run_id", self.run_id)})

    def add_column(self, column: dict[str, Any]) -> None:
        """Buffer one list column's figures (crawler/listing/tallies.py) until the next flush."""
        self.columns.append({**column, "run_id": column.get("run_id", self.run_id)})

    def add_column_event(self, event: dict[str, Any]) -> None:
        """Buffer what the night learned of a remembered 年报 column (storage/write/columns.py)."""
        self.column_events.append({**event, "run_id": event.get("run_id", self.run_id)})

    def add_list_page(self, page: dict[str, Any]) -> None:
        """Buffer a list page read anew: its validators, digest and reading (list_pages)."""
        self.list_pages.append(page)

    def add_list_page_asked(self, page: dict[str, Any]) -> None:
        """Buffer a list page answered unchanged tonight: url and asked_at (list_pages)."""
        self.list_pages_asked.append(page)

    @property
    def full(self) -> bool:
        """Whether a batch's worth is buffered: time to flush."""
        buffered = len(self.pages) + len(self.faults) + len(self.gone)
        light = (len(self.unchanged) + len(self.listed) + len(self.list_pages)
                 + len(self.list_pages_asked))
        return buffered + light // 4 >= self.batch_size

    def flush(self) -> None:
        """Write everything buffered in one transaction; on failure keep it for the next try."""
        if not (self.pages or self.faults or self.unchanged or self.gone or self.listed
                or self.columns or self.column_events or self.list_pages
                or self.list_pages_asked):
            return
        pages, faults, columns = list(self.pages), list(self.faults), list(self.columns)
        events, list_pages = list(self.column_events), list(self.list_pages)
        list_pages_asked = list(self.list_pages_asked)
        unchanged, gone, listed = list(self.unchanged), list(self.gone), list(self.listed)
        written: dict[str, int] = {}
        with write_transaction(self.engine) as conn:
            if pages:
                written = self._write_pages(conn, pages)
            if faults:
                conn.execute(sa.insert(Fault), [_fault_values(f) for f in faults])
            if columns:
                conn.execute(sa.insert(ListColumn), [_column_values(c) for c in columns])
            remember_columns(conn, events)
            remember_list_pages(conn, list_pages)
            note_list_pages_asked(conn, list_pages_asked)
            touched = history.touch_unchanged(conn, unchanged, self.run_id)
            vanished = history.mark_gone(conn, gone)
            history.touch_listed(conn, listed, self.run_id)
        for key, count in {**written, "gone": vanished}.items():  # counted once committed
            self.counts[key] += count
        self.counts["unchanged"] += touched
        self.counts["not_due"] += sum(item.get("not_due", True) for item in listed)
        del self.pages[: len(pages)]
        del self.faults[: len(faults)]
        del self.columns[: len(columns)]
        del self.column_events[: len(events)]
        del self.list_pages[: len(list_pages)]
        del self.list_pages_asked[: len(list_pages_asked)]
        del self.unchanged[: len(unchanged)]
        del self.gone[: len(gone)]
        del self.listed[: len(listed)]

    def close_listing(self, gone_after_runs: int) -> None:
        """After a complete run: documents missing from their lists N runs in a row are gone.

        Once per run: a retried close does not count the run twice.
        """
        self.flush()
        if self.listing_closed or gone_after_runs <= 0:  # 0: listing not judged this run
            return
        with write_transaction(self.engine) as conn:
            self.counts["gone"] += history.close_listing(
                conn, self.run_id, gone_after_runs, utc_now()
            )
        self.listing_closed = True

    def finish_run(self, run_id: int, stats: dict[str, Any], status: str = "finished") -> None:
        """Flush and close the run with its counts."""
        self.flush()
        with write_transaction(self.engine) as conn:
            conn.execute(
                sa.update(CrawlRun)
                .where(CrawlRun.id == run_id)
                .values(finished_at=utc_now(), status=status, stats=stats)
            )

    def close(self) -> None:
        """Release the engine's connections."""
        self.engine.dispose()

    def _write_pages(self, conn: sa.Connection, pages: Sequence[dict[str, Any]]
                     ) -> dict[str, int]:
        latest = {page["canonical_url"]: page for page in pages}  # one upsert per document
        previous = history.previous_state(conn, list(latest))
        collapsed = {url for url, page in latest.items()
                     if self._collapsed(page, previous.get(url))}
        if collapsed:
            self._record_soft_blocks(conn, [latest.pop(url) for url in collapsed])
            pages = [page for page in pages if page["canonical_url"] not in collapsed]
            if not latest:
                return {}
        ids = self._upsert_documents(conn, list(latest.values()))
        inherit_from_parents(conn, latest.keys())
        self._mark_duplicates(conn, {p.get("content_hash") for p in latest.values()} - {None})
        self._replace_cells(conn, latest.values(), ids)
        captures = conn.execute(
            sa.insert(Capture).returning(Capture.id, sort_by_parameter_order=True),
            [_capture_values(page, ids[page["canonical_url"]], self.run_id) for page in pages],
        ).scalars().all()
        capture_ids = {p["canonical_url"]: cid for p, cid in zip(pages, captures, strict=True)}
        new, changed = history.add_versions(
            conn, latest.values(), previous, ids, capture_ids, self.run_id
        )
        texts = {ids[url]: p.get("signature") or p.get("text_normalized") or p.get("text")
                 for url, p in latest.items()}
        neardup.update_near_duplicates(conn, [(i, texts[i]) for i in (*new, *changed)])
        return {"new": len(new), "changed": len(changed),
                "unchanged": len(latest) - len(new) - len(changed)}

    def _collapsed(self, page: dict[str, Any], before: history.Previous | None) -> bool:
        """Whether a fetch's text collapsed against the stored one: no text, or a small share.

        Such an answer is a soft block (a throttled or challenged request), not a new version.
        """
        text = page.get("text_normalized") or page.get("text") or ""
        return text_collapsed(len(text), before.chars if before else None, self.text_share,
                              self.min_stored_chars)

    def _record_soft_blocks(self, conn: sa.Connection, pages: Sequence[dict[str, Any]]) -> None:
        """A `soft_block` fault per page; the document keeps its text, hashes and last_seen
        (so it is due again), and a listed one stays listed this run."""
        conn.execute(sa.insert(Fault), [_fault_values({
            "run_id": self.run_id, "portal_code": page["portal_code"], "url": page["url"],
            "kind": SOFT_BLOCK, "status": page.get("status"), "fetched_at": page["fetched_at"],
            "detail": f"text of {len(page.get('text_normalized') or page.get('text') or '')} "
                      "characters against the stored version's; stored text kept",
        }) for page in pages])
        history.touch_listed(conn, [p for p in pages if p.get("listed", True)], self.run_id)

    def _upsert_documents(
        self, conn: sa.Connection, pages: Sequence[dict[str, Any]]
    ) -> dict[str, int]:
        values = [self._document_values(page) for page in pages]
        stmt = upsert(conn, Document.__table__)
        updated = [*DOCUMENT_FIELDS, "last_seen", "last_run_id"]
        stmt = stmt.on_conflict_do_update(
            index_elements=["canonical_url"],
            set_={**{c: stmt.excluded[c] for c in updated}, **history.upsert_set(stmt.excluded),
                  **keep_parent(stmt.excluded)},
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
            **history.validator_values(page, self.run_id),
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
        """Point each document with one of these text hashes at the earliest such document.

        A document with no earlier exact copy keeps a near-duplicate link
        (storage/write/neardup.py).
        """
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
            .values(
                duplicate_of=sa.func.coalesce(first_id, sa.case(
                    (Document.duplicate_kind == "near", Document.duplicate_of)
                )),
                duplicate_kind=sa.case(
                    (first_id.is_not(None), "exact"),
                    (Document.duplicate_kind == "near", "near"),
                ),
            )
            .execution_options(synchronize_session=False)
        )


def _portal_values(portal: RegistryPortal) -> dict[str, Any]:
    return {
        "region_code": portal.region_code,
        "name": portal.name,
        "level": portal.level,
        "start_urls": list(portal.start_urls),
        "allowed_domains": list(portal.allowed_domains),
        "hints": dict(portal.hints),
        "updated_at": utc_now(),
    }


def _capture_values(page: dict[str, Any], document_id: int, run_id: int | None) -> dict[str, Any]:
    packed = page.get("packed") or pack_body(page.get("body") or b"")
    return {
        **{name: page.get(name) for name in CAPTURE_FIELDS},
        "headers": page.get("headers") or {},
        "encoding_evidence": page.get("encoding_evidence") or {},
        "document_id": document_id,
        "run_id": run_id,
        **packed,
    }


def _fault_values(fault: dict[str, Any]) -> dict[str, Any]:
    names = ("run_id", "portal_code", "url", "kind", "detail", "status", "fetched_at")
    return {name: fault.get(name) for name in names}


def _column_values(column: dict[str, Any]) -> dict[str, Any]:
    names = ("run_id", "portal_code", "url", "read_by", "announced", "listed", "fetched",
             "pages_announced", "pages_read", "counted")
    return {name: column.get(name) for name in names}
