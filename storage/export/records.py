"""Exports of the corpus: one record per document, in the shared record contract."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm

from govcorpus.contract import EXPORT_FIELDS
from storage.models import Document

EXPORT_BATCH = 500
Progress = Callable[[int], None]


@dataclass(frozen=True)
class Selection:
    """Which documents an export takes; the default takes them all."""

    reports_only: bool = False
    years: tuple[int, ...] = ()
    region: str | None = None  # a GB/T 2260 code or prefix ("35" = Fujian, "3501" = Fuzhou)
    since: date | None = None  # documents seen on or after this day

    def where(self, stmt: sa.Select) -> sa.Select:
        """Add this selection's conditions to a query over documents."""
        if self.reports_only:
            stmt = stmt.where(Document.is_annual_report.is_(True))
        if self.years:
            stmt = stmt.where(Document.report_year.in_(self.years))
        if self.region:
            prefix = self.region.rstrip("0") or self.region
            stmt = stmt.where(
                sa.or_(
                    Document.portal_code.startswith(prefix),
                    Document.region_code.startswith(prefix),
                )
            )
        if self.since:
            start = datetime(self.since.year, self.since.month, self.since.day, tzinfo=timezone.utc)
            stmt = stmt.where(Document.last_seen >= start)
        return stmt


def iter_records(engine: sa.Engine, selection: Selection | None = None) -> Iterator[dict[str, Any]]:
    """Every selected document as an export record, oldest first, streamed in batches."""
    original = sa.orm.aliased(Document)
    stmt = (
        sa.select(Document.__table__, original.doc_id.label("duplicate_doc_id"))
        .outerjoin(original, Document.duplicate_of == original.id)
        .order_by(Document.id)
    )
    stmt = (selection or Selection()).where(stmt)
    with engine.connect() as conn:
        for row in conn.execution_options(yield_per=EXPORT_BATCH).execute(stmt):
            yield _record(row._mapping)


def _record(values: sa.RowMapping) -> dict[str, Any]:
    record = {name: values.get(name) for name in EXPORT_FIELDS}
    record["duplicate_of"] = values["duplicate_doc_id"]
    record["fetched_at"] = values["last_seen"]
    for name in ("first_seen", "last_seen", "fetched_at", "gone_since"):
        if record[name] is not None:
            record[name] = record[name].isoformat()
    return record


def write_jsonl(records: Iterator[dict[str, Any]], out: Path, progress: Progress) -> int:
    """One JSON object per line, UTF-8, Chinese kept as is."""
    with out.open("w", encoding="utf-8") as handle:
        return _drain(records, lambda r: handle.write(json.dumps(r, ensure_ascii=False) + "\n"),
                      progress)


def write_csv(records: Iterator[dict[str, Any]], out: Path, progress: Progress) -> int:
    """A CSV with a header row of the export fields; empty cells for nulls."""
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=EXPORT_FIELDS)
        writer.writeheader()
        return _drain(records, lambda r: writer.writerow(_flat(r)), progress)


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    """A record for one CSV row: `field_sources` as JSON text."""
    sources = record.get("field_sources")
    if sources is None:
        return record
    return {**record, "field_sources": json.dumps(sources, ensure_ascii=False, sort_keys=True)}


def _drain(records: Iterator[dict[str, Any]], write: Callable, progress: Progress) -> int:
    count = 0
    for count, record in enumerate(records, start=1):
        write(record)
        if count % EXPORT_BATCH == 0:
            progress(count)
    progress(count)
    return count


def export_records(
    engine: sa.Engine,
    fmt: str,
    out: Path,
    selection: Selection | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the selected documents to `out` in a format of FORMATS; returns the count."""
    from storage.export.parquet import write_parquet

    writers = {"jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(writers)}")
    records = iter_records(engine, selection)
    return writers[fmt](records, out, progress or (lambda _n: None))
