"""The datasheet written beside every export: fields, sources, crawl window, counts, gaps."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from govcorpus.contract import EXPORT_FIELDS, FIELD_DOCS
from govcorpus.reports.provinces import province_code
from storage.export.records import Selection
from storage.models import CrawlRun, Document, Fault, Portal


def datasheet_path(out: Path, fmt: str) -> Path:
    """Where the datasheet of an export goes: beside the file, or inside a Parquet folder under
    a `_` name, which Arrow's dataset discovery (pandas, pyarrow) skips."""
    return out / "_DATASHEET.md" if fmt == "parquet" else out.with_name(out.name + ".datasheet.md")


def write_datasheet(
    engine: sa.Engine, path: Path, fmt: str, selection: Selection, records: int
) -> Path:
    """Describe an export in Markdown and return the file written."""
    with engine.connect() as conn:
        facts = _facts(conn, selection)
    lines = [
        "# govcorpus export datasheet",
        "",
        f"- generated: {datetime.now(timezone.utc).isoformat(timespec='seconds')}",
        f"- format: {fmt}" + (" (hive partitions report_year=…/province=…, `unknown` where"
                              " a record has none)" if fmt == "parquet" else ""),
        f"- selection: {_describe(selection)}",
        f"- records: {records}",
        f"- crawl window: {facts['window']}",
        "",
        "## Counts",
        "",
        f"- annual reports: {facts['reports']}; other documents: {facts['others']}",
        f"- reports per report year: {_pairs(facts['per_year'])}",
        f"- documents per province: {_pairs(facts['per_province'])}",
        f"- duplicates of an earlier document (same text): {facts['duplicates']}",
        "",
        "## Sources",
        "",
        f"- portals in the registry: {len(facts['portals'])}",
        f"- crawl runs: {facts['runs']}",
        "",
        "## Known gaps",
        "",
        *facts["gaps"],
        "",
        "## Fields",
        "",
        "| field | meaning |",
        "|---|---|",
        *(f"| `{name}` | {FIELD_DOCS.get(name, '')} |" for name in EXPORT_FIELDS),
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _facts(conn: sa.Connection, selection: Selection) -> dict[str, Any]:
    def grouped(column: Any, *conditions: Any) -> dict[Any, int]:
        stmt = sa.select(column, sa.func.count()).where(*conditions).group_by(column)
        return dict(conn.execute(selection.where(stmt)).all())

    def counted(*conditions: Any) -> int:
        stmt = sa.select(sa.func.count()).select_from(Document).where(*conditions)
        return conn.execute(selection.where(stmt)).scalar_one()

    window = conn.execute(selection.where(
        sa.select(sa.func.min(Document.first_seen), sa.func.max(Document.last_seen))
    )).one()
    portals = dict(conn.execute(sa.select(Portal.region_code, Portal.name)).all())
    per_portal = grouped(Document.portal_code)
    reports = counted(Document.is_annual_report)
    return {
        "reports": reports,
        "others": counted(Document.is_annual_report.is_(False)),
        "per_year": grouped(Document.report_year, Document.is_annual_report),
        "per_province": _by_province(per_portal),
        "duplicates": counted(Document.duplicate_of.is_not(None)),
        "window": f"{_iso(window[0])} to {_iso(window[1])}" if window[0] else "no documents",
        "portals": portals,
        "runs": conn.execute(sa.select(sa.func.count()).select_from(CrawlRun)).scalar_one(),
        "gaps": _gaps(conn, portals, per_portal, counted(
            Document.is_annual_report, Document.report_year.is_(None))),
    }


def _gaps(conn: sa.Connection, portals: dict[str, str], per_portal: dict[str, int],
          unknown_year: int) -> list[str]:
    empty = [f"{code} {name}" for code, name in sorted(portals.items()) if code not in per_portal]
    faults = dict(conn.execute(sa.select(Fault.kind, sa.func.count()).group_by(Fault.kind)).all())
    return [
        f"- portals with no document in this export: {len(empty)}"
        + (f" ({', '.join(empty[:20])}{' …' if len(empty) > 20 else ''})" if empty else ""),
        f"- annual reports whose report year is unknown: {unknown_year}",
        f"- failed requests recorded (all runs): {_pairs(faults) if faults else 'none'}",
        "- pages the crawler never reached (report columns it did not find, attachments) are "
        "not in the corpus; compare the registry with the counts above before drawing "
        "conclusions.",
    ]


def _by_province(per_portal: dict[str, int]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for code, count in per_portal.items():
        province = province_code(code)
        totals[province] = totals.get(province, 0) + count
    return totals


def _describe(selection: Selection) -> str:
    parts = ["annual reports only" if selection.reports_only else "all documents"]
    if selection.years:
        parts.append("report years " + ", ".join(map(str, selection.years)))
    if selection.region:
        parts.append(f"region {selection.region}")
    if selection.since:
        parts.append(f"seen since {selection.since.isoformat()}")
    return "; ".join(parts)


def _pairs(values: dict[Any, int]) -> str:
    if not values:
        return "none"
    return ", ".join(f"{'unknown' if k is None else k}: {v}"
                     for k, v in sorted(values.items(), key=lambda kv: str(kv[0])))


def _iso(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value else "?"
