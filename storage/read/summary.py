"""What the corpus holds and what one crawl run did, as plain numbers."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from govcorpus.fault_kinds import LIST_INCOMPLETE, WAF_KINDS
from storage.models import Capture, CrawlRun, Document, Fault, Portal

INCREMENTAL_KEYS = ("new", "changed", "unchanged", "gone", "not_modified", "not_due")
"""Per-run document counts kept in crawl_runs.stats (storage/write/history.py); 304s as
not_modified,
listed documents not due for a recheck (crawler/incremental/revisit.py) as not_due."""


def corpus_summary(engine: sa.Engine, run_id: int | None = None) -> dict[str, Any]:
    """Counts for the summary table: the corpus as a whole and, given a run, that run."""
    with engine.connect() as conn:
        summary: dict[str, Any] = {
            "portals": _count(conn, sa.select(sa.func.count()).select_from(Portal)),
            "documents": _count(conn, sa.select(sa.func.count()).select_from(Document)),
            "annual reports": _count(
                conn, sa.select(sa.func.count()).where(Document.is_annual_report.is_(True))
            ),
            "reports per report year": _reports_per_year(conn),
            "non-reports": _count(
                conn, sa.select(sa.func.count()).where(Document.is_annual_report.is_(False))
            ),
            "duplicates (same text)": _count(conn, sa.select(sa.func.count()).where(
                Document.duplicate_of.is_not(None),
                sa.or_(Document.duplicate_kind.is_(None), Document.duplicate_kind != "near"),
            )),
            "near-duplicates": _count(
                conn, sa.select(sa.func.count()).where(Document.duplicate_kind == "near")
            ),
            "gone (404/410, redirected home, unlisted)": _count(
                conn, sa.select(sa.func.count()).where(Document.gone_since.is_not(None))
            ),
        }
        if run_id is not None:
            summary.update(_run_summary(conn, run_id))
    return summary


def _run_summary(conn: sa.Connection, run_id: int) -> dict[str, Any]:
    run = conn.execute(sa.select(CrawlRun).where(CrawlRun.id == run_id)).one_or_none()
    pages = _count(conn, sa.select(sa.func.count()).where(Capture.run_id == run_id))
    new = _count(conn, sa.select(sa.func.count()).where(
        Document.last_run_id == run_id, Document.first_seen == Document.last_seen
    ))
    faults = conn.execute(
        sa.select(Fault.kind, sa.func.count()).where(Fault.run_id == run_id).group_by(Fault.kind)
    ).all()
    stats = run.stats if run is not None else {}
    return {
        "run": f"#{run_id} ({run.status})" if run is not None else f"#{run_id}",
        "requests": stats.get("requests", 0),
        "pages fetched": pages,
        "new documents": new,
        "faults": dict(faults) or 0,
        "portals blocked (WAF, backed off)": _blocked_portals(conn, run_id) or 0,
        "this run": {key.replace("_", " "): stats.get(key, 0) for key in INCREMENTAL_KEYS},
        "list columns": _columns(stats, dict(faults).get(LIST_INCOMPLETE, 0)),
    }


def _columns(stats: dict[str, Any], short: int) -> dict[str, int] | int:
    """How the run's list columns were read and what they gave (crawler/listing/tallies.py)."""
    if not stats.get("columns"):
        return 0
    read_by = {f"read by {key.removeprefix('columns/read_by/')}": value
               for key, value in stats.items() if key.startswith("columns/read_by/")}
    return {
        "columns": stats["columns"], **read_by,
        "announced (where a count is given)": stats.get("columns/announced", 0),
        "documents listed": stats.get("columns/listed", 0),
        "documents fetched": stats.get("columns/fetched", 0),
        "read short (list_incomplete)": short,
        "columns without a count": stats.get("columns/uncounted", 0),
    }


def _blocked_portals(conn: sa.Connection, run_id: int) -> str:
    """The portals a WAF challenge blocked in this run, by region code."""
    codes = conn.execute(
        sa.select(Fault.portal_code).distinct()
        .where(Fault.run_id == run_id, Fault.kind.in_(WAF_KINDS))
        .order_by(Fault.portal_code)
    ).scalars().all()
    return " ".join(c for c in codes if c)


def _reports_per_year(conn: sa.Connection) -> dict[Any, int]:
    rows = conn.execute(
        sa.select(Document.report_year, sa.func.count())
        .where(Document.is_annual_report.is_(True))
        .group_by(Document.report_year)
        .order_by(Document.report_year)
    ).all()
    return {year if year is not None else "unknown": n for year, n in rows}


def _count(conn: sa.Connection, stmt: sa.Select) -> int:
    return int(conn.execute(stmt).scalar_one())
