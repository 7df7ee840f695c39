"""Portal health across nights: what each portal yielded and failed per run, and its status.

Everything but the requests is read back from what the run stored (captures, versions, the
listing, takedowns and faults), once the run is closed; the status compares a night with the
portal's recent nights.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from govcorpus.fault_kinds import (
    CHALLENGE_FAILED,
    CHALLENGE_PASSED,
    COLUMN_MOVED,
    LIST_INCOMPLETE,
    LIST_PAGE_LIMIT,
    NO_ANSWER_KINDS,
    ROBOTS_FORBIDDEN,
    TAKEDOWN_KINDS,
    WAF_KINDS,
)
from storage.engine import write_transaction
from storage.models import (
    Capture,
    CrawlRun,
    Document,
    DocumentVersion,
    Fault,
    Portal,
    PortalHealth,
    utc_now,
)

STATUSES = ("failing", "blocked", "empty", "degraded", "ok")
"""Portal statuses, worst first."""
NOT_ERRORS = frozenset({*TAKEDOWN_KINDS, LIST_PAGE_LIMIT, LIST_INCOMPLETE, *WAF_KINDS,
                        COLUMN_MOVED, CHALLENGE_PASSED, CHALLENGE_FAILED, ROBOTS_FORBIDDEN})
"""Fault kinds that are not the portal failing: takedowns (storage/write/history.py), trap limits,
lists read short (counted on their own), WAF challenges (the `blocked` status) and the browser's
passes at them, a 年报 column found again elsewhere (crawler/listing/discovery.py), and pages
the portal's robots.txt forbids (the portal's wish, obeyed)."""


@dataclass(frozen=True)
class HealthRules:
    """When a portal's night is degraded, empty or failing (GOVCORPUS_HEALTH_* settings)."""

    drop_share: float = 0.5  # degraded: reports or listed documents fell by more than this
    window: int = 7  # ... against the median of this many earlier nights
    failing_nights: int = 2  # failing: this many nights of errors in a row
    error_share: float = 0.2  # a night of errors: error faults at least this share of requests


@dataclass
class Night:
    """One portal in one run."""

    run_id: int
    portal_code: str
    started_at: datetime | None = None
    requests: int = 0
    pages: int = 0
    listed: int = 0
    new: int = 0
    changed: int = 0
    gone: int = 0
    reports: int = 0
    faults: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    lists_incomplete: int = 0
    blocked: bool = False
    status: str = "ok"

    def had_errors(self, rules: HealthRules) -> bool:
        """Error faults on at least `error_share` of the portal's requests."""
        return self.errors > 0 and self.errors >= rules.error_share * max(self.requests, 1)

    def as_dict(self) -> dict[str, Any]:
        row = {k: v for k, v in vars(self).items() if k != "started_at"}
        row["night"] = self.started_at.isoformat(timespec="seconds") if self.started_at else None
        return row


def derive_status(tonight: Night, earlier: list[Night], rules: HealthRules) -> str:
    """The portal's status this morning; `earlier` are its previous nights, newest first."""
    if tonight.blocked:
        return "blocked"
    nights = [tonight, *earlier][: rules.failing_nights]
    if len(nights) == rules.failing_nights and all(n.had_errors(rules) for n in nights):
        return "failing"
    recent = earlier[: rules.window]
    if tonight.reports == 0 and (any(n.reports for n in recent) or tonight.listed == 0):
        return "empty"
    if recent and (_dropped(tonight.reports, [n.reports for n in recent], rules)
                   or _dropped(tonight.listed, [n.listed for n in recent], rules)):
        return "degraded"
    return "ok"


def _dropped(tonight: int, before: list[int], rules: HealthRules) -> bool:
    usual = statistics.median(before)
    return usual > 0 and tonight < usual * (1 - rules.drop_share)


def measure_run(conn: sa.Connection, run_id: int, portal_codes: Iterable[str],
                requests: Mapping[str, int] | None = None) -> dict[str, Night]:
    """Each portal's night in this run, from what the run stored."""
    started = conn.execute(
        sa.select(CrawlRun.started_at).where(CrawlRun.id == run_id)).scalar_one()
    nights = {code: Night(run_id, code, started, requests=(requests or {}).get(code, 0))
              for code in portal_codes}

    def put(name: str, rows: Iterable[tuple[str, int]]) -> None:
        for code, count in rows:
            if code in nights:
                setattr(nights[code], name, int(count))

    by_portal = (Document.portal_code,)
    put("pages", conn.execute(
        sa.select(*by_portal, sa.func.count()).select_from(Capture)
        .join(Document, Document.id == Capture.document_id)
        .where(Capture.run_id == run_id).group_by(*by_portal)))
    listed = sa.and_(Document.last_listed_run_id == run_id, Document.parent_url.is_(None))
    put("listed", conn.execute(
        sa.select(*by_portal, sa.func.count()).where(listed).group_by(*by_portal)))
    put("reports", conn.execute(
        sa.select(*by_portal, sa.func.count())
        .where(listed, Document.is_annual_report.is_(True)).group_by(*by_portal)))
    versions = (sa.select(*by_portal, sa.func.count()).select_from(DocumentVersion)
                .join(Document, Document.id == DocumentVersion.document_id)
                .where(DocumentVersion.run_id == run_id).group_by(*by_portal))
    put("new", conn.execute(versions.where(DocumentVersion.version == 1)))
    put("changed", conn.execute(versions.where(DocumentVersion.version > 1)))
    # closed on both sides: SQLite's planner, which has no statistics, then takes the index
    # on gone_since instead of reading every document in portal order
    put("gone", conn.execute(
        sa.select(*by_portal, sa.func.count())
        .where(Document.gone_since.between(started, utc_now())).group_by(*by_portal)))
    faults = conn.execute(
        sa.select(Fault.portal_code, Fault.kind, sa.func.count())
        .where(Fault.run_id == run_id).group_by(Fault.portal_code, Fault.kind))
    for code, kind, count in faults:
        if code in nights:
            _add_faults(nights[code], kind, int(count))
    return nights


def _add_faults(night: Night, kind: str, count: int) -> None:
    night.faults[kind] = count
    night.blocked = night.blocked or kind in WAF_KINDS
    if kind == LIST_INCOMPLETE:
        night.lists_incomplete += count
    if kind not in NOT_ERRORS:
        night.errors += count


def record_portal_health(engine: sa.Engine, run_id: int, portal_codes: Iterable[str],
                         requests: Mapping[str, int] | None = None,
                         rules: HealthRules | None = None) -> list[Night]:
    """Measure each portal's night, derive its status and store both (again on a retry)."""
    rules = rules or HealthRules()
    with write_transaction(engine) as conn:
        nights = measure_run(conn, run_id, sorted(set(portal_codes)), requests)
        earlier = _earlier_nights(conn, run_id, list(nights),
                                  max(rules.window, rules.failing_nights))
        for code, night in nights.items():
            night.status = derive_status(night, earlier.get(code, []), rules)
        conn.execute(sa.delete(PortalHealth).where(PortalHealth.run_id == run_id))
        if nights:
            now = utc_now()
            conn.execute(sa.insert(PortalHealth), [
                {**{k: v for k, v in vars(n).items() if k != "started_at"}, "recorded_at": now}
                for n in nights.values()])
    return list(nights.values())


def _earlier_nights(conn: sa.Connection, run_id: int, codes: list[str], count: int
                    ) -> dict[str, list[Night]]:
    """Each portal's last `count` recorded nights before this run, newest first. Ranked in
    the database: a corpus keeps every night, and a year of them is 365 per portal."""
    rank = sa.func.row_number().over(partition_by=PortalHealth.portal_code,
                                     order_by=PortalHealth.run_id.desc())
    recent = (sa.select(PortalHealth.portal_code, PortalHealth.run_id, rank.label("rank"))
              .where(PortalHealth.run_id < run_id, PortalHealth.portal_code.in_(codes))
              .subquery())
    rows = conn.execute(_nights_query().join(recent, sa.and_(
        recent.c.portal_code == PortalHealth.portal_code,
        recent.c.run_id == PortalHealth.run_id,
    )).where(recent.c.rank <= count)).all()
    nights: dict[str, list[Night]] = defaultdict(list)
    for row in rows:
        nights[row.portal_code].append(_night(row))
    return nights


def _nights_query() -> sa.Select:
    columns = [c for c in PortalHealth.__table__.columns if c.key != "recorded_at"]
    return (sa.select(*columns, CrawlRun.started_at)
            .join(CrawlRun, CrawlRun.id == PortalHealth.run_id)
            .order_by(PortalHealth.portal_code, PortalHealth.run_id.desc()))


def _night(row: sa.Row) -> Night:
    return Night(**row._asdict())


@dataclass
class PortalHistory:
    """A portal, its status on the latest night, and its nights newest first."""

    code: str
    name: str
    nights: list[Night]

    @property
    def status(self) -> str:
        return self.nights[0].status


def health_history(engine: sa.Engine, since: datetime) -> list[PortalHistory]:
    """Every portal with a night recorded since `since`, worst status first."""
    with engine.connect() as conn:
        rows = conn.execute(_nights_query().where(CrawlRun.started_at >= since)).all()
        names = dict(conn.execute(sa.select(Portal.region_code, Portal.name)).all())
    nights: dict[str, list[Night]] = defaultdict(list)
    for row in rows:
        nights[row.portal_code].append(_night(row))
    portals = [PortalHistory(code, names.get(code, ""), n) for code, n in nights.items()]
    return sorted(portals, key=lambda p: (STATUSES.index(p.status), p.code))


def portal_nights(engine: sa.Engine, code: str, limit: int = 7) -> list[Night]:
    """One portal's last recorded nights, newest first ([] before its first night)."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table(PortalHealth.__tablename__):
            return []
        rows = conn.execute(
            _nights_query().where(PortalHealth.portal_code == code).limit(limit)
        ).all()
    return [_night(row) for row in rows]


def unanswered_portals(engine: sa.Engine) -> set[str]:
    """Portals whose latest recorded night had no answer at all: no request answered and
    faults of no other kind than a connection's (timeout, refused, no DNS, lost)."""
    latest = (sa.select(PortalHealth.portal_code, sa.func.max(PortalHealth.run_id).label("run"))
              .group_by(PortalHealth.portal_code).subquery())
    query = (sa.select(PortalHealth.portal_code, PortalHealth.faults)
             .join(latest, (latest.c.portal_code == PortalHealth.portal_code)
                   & (latest.c.run == PortalHealth.run_id))
             .where(PortalHealth.requests == 0, PortalHealth.pages == 0))
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table(PortalHealth.__tablename__):
            return set()
        rows = conn.execute(query).all()
    return {code for code, faults in rows if faults and set(faults) <= NO_ANSWER_KINDS}
