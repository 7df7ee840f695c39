"""Statistics exports: one row per annual report, one column per cell of the standard tables."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import sqlalchemy as sa

from govcorpus.tables import CELLS
from storage.export.records import EXPORT_BATCH, Selection
from storage.models import Document, ReportCell

DOCUMENT_COLUMNS: tuple[str, ...] = (
    "doc_id", "region_code", "region_name", "portal_code", "report_year", "issuing_body",
    "title", "url", "publish_date", "stats_format",
)
REPORT_COLUMNS: tuple[str, ...] = (
    *DOCUMENT_COLUMNS, "checks_run", "checks_failed", "failed_checks",
)
"""Columns before the cells; the cells follow in govcorpus/tables/COLUMNS.md order."""
CELL_KEYS: tuple[str, ...] = tuple(spec.key for spec in CELLS)
STATS_COLUMNS: tuple[str, ...] = REPORT_COLUMNS + CELL_KEYS


def iter_stats_rows(engine: sa.Engine, selection: Selection | None = None
                    ) -> Iterator[dict[str, Any]]:
    """Every selected report whose tables were read, as one flat row."""
    selection = selection or Selection()
    columns = (getattr(Document, name) for name in DOCUMENT_COLUMNS)
    stmt = selection.where(
        sa.select(Document.id, *columns, Document.stats_checks)
        .where(Document.is_annual_report, Document.stats_format.is_not(None))
        .order_by(Document.id)
    )
    with engine.connect() as conn:
        rows = conn.execution_options(yield_per=EXPORT_BATCH).execute(stmt)
        while batch := list(islice(rows, EXPORT_BATCH)):
            cells = _cells_of(conn, [row.id for row in batch])
            for row in batch:
                yield _stats_row(row._mapping, cells.get(row.id, {}))


def _cells_of(conn: sa.Connection, ids: list[int]) -> dict[int, dict[str, float | None]]:
    found: dict[int, dict[str, float | None]] = {}
    query = sa.select(ReportCell.document_id, ReportCell.key, ReportCell.value).where(
        ReportCell.document_id.in_(ids)
    )
    for document_id, key, value in conn.execute(query):
        found.setdefault(document_id, {})[key] = value
    return found


def _stats_row(values: sa.RowMapping, cells: dict[str, float | None]) -> dict[str, Any]:
    checks = values["stats_checks"] or []
    row: dict[str, Any] = {name: values.get(name) for name in REPORT_COLUMNS}
    row["checks_run"] = len(checks)
    row["checks_failed"] = sum(not check["ok"] for check in checks)
    row["failed_checks"] = "; ".join(c["name"] for c in checks if not c["ok"]) or None
    for key in CELL_KEYS:
        value = cells.get(key)
        row[key] = int(value) if value is not None and float(value).is_integer() else value
    return row


def write_stats(engine: sa.Engine, fmt: str, out: Path, selection: Selection | None = None,
                progress: Callable[[int], None] | None = None) -> int:
    """Write the statistics table as CSV or a single Parquet file; returns the reports."""
    rows = iter_stats_rows(engine, selection)
    report = progress or (lambda _n: None)
    if fmt == "csv":
        return _write_csv(rows, out, report)
    if fmt == "parquet":
        return _write_parquet(rows, out, report)
    raise ValueError(f"statistics export format {fmt!r}: use csv or parquet")


def _write_csv(rows: Iterator[dict[str, Any]], out: Path, progress: Callable) -> int:
    count = 0
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=STATS_COLUMNS)
        writer.writeheader()
        for count, row in enumerate(rows, start=1):
            writer.writerow(row)
            if count % EXPORT_BATCH == 0:
                progress(count)
    progress(count)
    return count


def stats_schema() -> pa.Schema:
    """Parquet types: text for the report columns, integers for counts, floats for cells."""
    text = {"doc_id", "region_code", "region_name", "portal_code", "issuing_body", "title",
            "url", "publish_date", "stats_format", "failed_checks"}
    fields = [pa.field(c, pa.string() if c in text else pa.int64()) for c in REPORT_COLUMNS]
    return pa.schema(fields + [pa.field(key, pa.float64()) for key in CELL_KEYS])


def _write_parquet(rows: Iterator[dict[str, Any]], out: Path, progress: Callable) -> int:
    schema, count = stats_schema(), 0
    with pq.ParquetWriter(out, schema) as writer:
        while chunk := list(islice(rows, EXPORT_BATCH)):
            writer.write_batch(pa.RecordBatch.from_pylist(chunk, schema=schema))
            count += len(chunk)
            progress(count)
    return count
