"""What the corpus holds and what one crawl run did, as plain numbers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from govcorpus.fault_kinds import LIST_INCOMPLETE, WAF_KINDS
from storage.models import Capture, CrawlRun, Document, Fault, Portal

INCREMENTAL_KEYS = ("new", "changed", "unchanged", "gone", "not_modified", "not_due")
"""Per-run document counts kept in crawl_runs.stats (storage/write/history.py); 304s as
not_modified,
listed documents not due for a recheck (crawler/incremental/revisit.py) as not_due."""


def corpus_summary(engine: sa.Engine, run_id: int | Sequence[int] | None = None
                   ) -> dict[str, Any]:
    """Counts for the summary table: the corpus as a whole and, given a run (or the runs of
    one night's crawling processes), what it did."""
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
        run_ids = [run_id] if isinstance(run_id, int) else list(run_id or ())
        if run_ids:
            summary.update(_run_summary(conn, run_ids))
    return summary


def _run_summary(conn: sa.Connection, run_ids: list[int]) -> dict[str, Any]:
    runs = {run.id: run for run in conn.execute(
        sa.select(CrawlRun).where(CrawlRun.id.in_(run_ids))).all()}
    pages = _count(conn, sa.select(sa.func.count()).where(Capture.run_id.in_(run_ids)))
    new = _count(conn, sa.select(sa.func.count()).where(
        Document.last_run_id.in_(run_ids), Document.first_seen == Document.last_seen
    ))
    faults = conn.execute(
        sa.select(Fault.kind, sa.func.count()).where(Fault.run_id.in_(run_ids))
        .group_by(Fault.kind)
    ).all()
    stats = _added_counts(run.stats for run in runs.values())
    return {
        "run": ", ".join(f"#{i} ({runs[i].status})" if i in runs else f"#{i}" for i in run_ids),
        "requests": stats.get("requests", 0),
        "pages fetched": pages,
        "new documents": new,
        "faults": dict(faults) or 0,
        "portals blocked (WAF, backed off)": _blocked_portals(conn, run_ids) or 0,
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


def _added_counts(stats: Any) -> dict[str, Any]:
    """The runs' stats added up, key by key (numbers only)."""
    total: Counter[str] = Counter()
    for one in stats:
        total.update({k: v for k, v in (one or {}).items()
                      if isinstance(v, int | float) and not isinstance(v, bool)})
    return dict(total)


def _blocked_portals(conn: sa.Connection, run_ids: list[int]) -> str:
    """The portals a WAF challenge blocked in these runs, by region code."""
    codes = conn.execute(
        sa.select(Fault.portal_code).distinct()
        .where(Fault.run_id.in_(run_ids), Fault.kind.in_(WAF_KINDS))
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
