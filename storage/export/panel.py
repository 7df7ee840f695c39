"""The panel export: one row per government (or department) and year, as CSV, JSONL or Parquet,
with its datasheet."""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import sqlalchemy as sa

from govcorpus.codes import CODE_HISTORY
from storage.export.tables import CELL_KEYS
from storage.models import Document, ReportCell
from storage.read.panel import RULES, STATUSES, PanelRow

PANEL_FORMATS = ("csv", "jsonl", "parquet")
ROW_COLUMNS: tuple[tuple[str, str], ...] = (
    ("region_code", "the registry government's current GB/T 2260 code"),
    ("region_name", "its name in the registry"),
    ("body", "department panel: the issuing body (empty in the government panel)"),
    ("report_year", "the year reported on"),
    ("region_code_in_force", "the division's code in the report year (code history)"),
    ("region_name_in_force", "its name in the report year"),
    ("status", " / ".join(STATUSES) + " (rules below)"),
    ("hole", "publication (missing, department_only), crawl (portal_failing, not_crawled), "
             "else empty"),
    ("deadline", "article 49 deadline of the report year"),
    ("candidates", "reports the choice was made among"),
    ("choice", "how the report was chosen (rules below)"),
    ("doc_id", "the chosen document"),
    ("portal_code", "the portal it was found on"),
    ("url", "its URL"),
    ("title", "its title"),
    ("issuing_body", "its issuing body"),
    ("publish_date", "its publish date"),
    ("field_sources", "where its metadata came from (JSON text; a string in Parquet too)"),
    ("stats_format", "2021 or 2019: the statistics table template read, else empty"),
    ("checks_run", "cross-checks of its tables run"),
    ("checks_failed", "cross-checks failed (the source's own inconsistencies)"),
)
PANEL_COLUMNS: tuple[str, ...] = tuple(name for name, _ in ROW_COLUMNS) + CELL_KEYS
INTEGERS = frozenset({"report_year", "candidates", "checks_run", "checks_failed"})


def panel_records(engine: sa.Engine, rows: list[PanelRow]) -> list[dict[str, Any]]:
    """The rows as flat records, with the chosen documents' fields and statistics."""
    ids = [row.chosen.id for row in rows if row.chosen]
    with engine.connect() as conn:
        docs = _documents(conn, ids)
        cells = _cells(conn, ids)
    return [_record(row, docs, cells) for row in rows]


def _documents(conn: sa.Connection, ids: list[int]) -> dict[int, sa.RowMapping]:
    found = {}
    for start in range(0, len(ids), 500):
        stmt = sa.select(Document.id, Document.url, Document.title, Document.issuing_body,
                         Document.publish_date, Document.field_sources, Document.stats_format,
                         Document.stats_checks).where(Document.id.in_(ids[start:start + 500]))
        found.update({row.id: row._mapping for row in conn.execute(stmt)})
    return found


def _cells(conn: sa.Connection, ids: list[int]) -> dict[int, dict[str, float | None]]:
    found: dict[int, dict[str, float | None]] = {}
    for start in range(0, len(ids), 500):
        stmt = sa.select(ReportCell.document_id, ReportCell.key, ReportCell.value).where(
            ReportCell.document_id.in_(ids[start:start + 500]))
        for document_id, key, value in conn.execute(stmt):
            found.setdefault(document_id, {})[key] = value
    return found


def _record(row: PanelRow, docs: dict, cells: dict) -> dict[str, Any]:
    record: dict[str, Any] = dict.fromkeys(PANEL_COLUMNS)
    record.update(region_code=row.region_code, region_name=row.region_name, body=row.body,
                  report_year=row.report_year, status=row.status, hole=row.hole,
                  deadline=row.deadline, candidates=row.candidates, choice=row.choice,
                  **row.extra)
    if row.chosen is None:
        return record
    doc = docs[row.chosen.id]
    checks = doc["stats_checks"] or []
    record.update(
        doc_id=row.chosen.doc_id, portal_code=row.chosen.portal_code, url=doc["url"],
        title=doc["title"], issuing_body=doc["issuing_body"], publish_date=doc["publish_date"],
        field_sources=json.dumps(doc["field_sources"], ensure_ascii=False)
        if doc["field_sources"] else None,
        stats_format=doc["stats_format"], checks_run=len(checks),
        checks_failed=sum(not check["ok"] for check in checks),
    )
    for key, value in cells.get(row.chosen.id, {}).items():
        if key in record:
            record[key] = int(value) if value is not None and float(value).is_integer() else value
    return record


def write_panel(records: list[dict[str, Any]], fmt: str, out: Path) -> None:
    """Write the records as CSV, JSON lines or one Parquet file."""
    if fmt == "csv":
        with out.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=PANEL_COLUMNS)
            writer.writeheader()
            writer.writerows(records)
    elif fmt == "jsonl":
        with out.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "parquet":
        pq.write_table(pa.Table.from_pylist(records, schema=panel_schema()), out)
    else:
        raise ValueError(f"panel format {fmt!r}: use one of {', '.join(PANEL_FORMATS)}")


def panel_schema() -> pa.Schema:
    """Text for the row columns, integers for counts, floats for the cells."""
    fields = [pa.field(name, pa.int64() if name in INTEGERS else pa.string())
              for name, _ in ROW_COLUMNS]
    return pa.schema(fields + [pa.field(key, pa.float64()) for key in CELL_KEYS])


def panel_datasheet(records: list[dict[str, Any]], registry: str, bodies: str) -> str:
    """The datasheet: counts, the rules, the columns, the code table and registry used."""
    statuses = Counter(record["status"] for record in records)
    years = sorted({record["report_year"] for record in records})
    span = f"{years[0]}–{years[-1]}" if years else "none"
    return "\n".join([
        f"# govcorpus panel ({bodies})",
        "",
        f"- generated: {datetime.now(timezone.utc).isoformat(timespec='seconds')}",
        f"- rows: {len(records)}; report years {span}",
        f"- registry: {registry}",
        f"- code table: {CODE_HISTORY.name} (GB/T 2260 codes since 1981, shipped with "
        "govcorpus; govcorpus/data/registry/SOURCES.md)",
        "- statuses: " + ", ".join(f"{s} {statuses[s]}" for s in STATUSES),
        "",
        "## Rules",
        "",
        RULES,
        "## Columns",
        "",
        "| column | meaning |",
        "|---|---|",
        *(f"| `{name}` | {meaning} |" for name, meaning in ROW_COLUMNS),
        "| `s…` cells | the chosen report's statistics cells, in govcorpus/tables/COLUMNS.md "
        "order (empty where not read) |",
        "",
    ])
