"""The morning after a crawl: the run's JSON report, Prometheus metrics and the digest."""

from __future__ import annotations

import json
import logging
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from storage.health import STATUSES, Night

logger = logging.getLogger(__name__)

MONITOR_STATS = "govcorpus/monitors"  # each monitor's outcome (crawler/runtime/monitors.py)
EXIT_STATS = "govcorpus/exit_code"  # the exit status the failed monitors give the crawl
RUN_KEYS = ("requests", "pages", "reports", "faults", "new", "changed", "unchanged", "gone",
            "not_modified", "not_due", "spilled")
"""Run-wide counts in the report, from the crawl's `govcorpus/…` stats."""


def default_report_path(db_url: str, spill_dir: str | None, run_id: int) -> Path:
    """govcorpus-run<N>.json beside a SQLite corpus, else in the spill folder."""
    url = sa.make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        folder = Path(url.database).resolve().parent
    else:
        folder = Path(spill_dir or ".")
    return folder / f"govcorpus-run{run_id}.json"


def run_report(engine: sa.Engine, stats: dict[str, Any], nights: list[Night],
               today: date | None = None) -> dict[str, Any]:
    """Everything the morning needs of one run, as plain JSON values."""
    started = stats.get("start_time")
    names, stored, overdue, problem = _from_database(engine, stats.get("govcorpus/run_id"),
                                                     today or date.today())
    counts = {key: stored.get(key, stats.get(f"govcorpus/{key}", 0)) for key in RUN_KEYS}
    counts["requests"] = stats.get("downloader/request_count", 0)
    counts["faults_by_kind"] = {k.removeprefix("govcorpus/faults/"): v for k, v in stats.items()
                                if k.startswith("govcorpus/faults/")}
    return {
        "run_id": stats.get("govcorpus/run_id"),
        "started_at": started.isoformat(timespec="seconds") if started else None,
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "finish_reason": stats.get("finish_reason"),
        "exit_code": stats.get(EXIT_STATS, 0),
        "monitors": stats.get(MONITOR_STATS, {}),
        "counts": counts,
        "portals_by_status": {s: [n.portal_code for n in nights if n.status == s]
                              for s in STATUSES},
        "portals": [{**n.as_dict(), "name": names.get(n.portal_code, "")} for n in nights],
        "overdue": overdue,
        "database_problem": problem or stats.get("govcorpus/health/db_error"),
        "spill_file": stats.get("govcorpus/spill_file"),
    }


def _from_database(engine: sa.Engine, run_id: int | None, today: date
                   ) -> tuple[dict[str, str], dict[str, Any], list[dict], str | None]:
    """Portal names, the run's stored counts and overdue reports; nothing (and why) when the
    database is unreachable."""
    from storage.models import CrawlRun, Portal
    from storage.read.deadlines import overdue_reports

    try:
        with engine.connect() as conn:
            names = dict(conn.execute(sa.select(Portal.region_code, Portal.name)).all())
            stored = conn.execute(
                sa.select(CrawlRun.stats).where(CrawlRun.id == run_id)).scalar_one_or_none()
        overdue = [vars(o) for o in overdue_reports(engine, today)]
        return names, stored or {}, overdue, None
    except sa.exc.SQLAlchemyError as exc:
        return {}, {}, [], f"{type(exc).__name__}: {str(exc.orig or exc).splitlines()[0]}"


def write_report(report: dict[str, Any], path: str | Path) -> Path | None:
    """Write the report as JSON; a path that cannot be written is logged, not fatal."""
    path = Path(path)
    try:
        path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    except OSError as exc:
        logger.error("the run report could not be written to %s: %s", path, exc)
        return None
    logger.info("run report written to %s", path)
    return path


def write_metrics(report: dict[str, Any], path: str | Path) -> None:
    """The run in the Prometheus textfile format (node_exporter's textfile collector)."""
    from prometheus_client import CollectorRegistry, Gauge, write_to_textfile

    registry = CollectorRegistry()

    def gauge(name: str, doc: str, labels: tuple[str, ...] = ()) -> Gauge:
        return Gauge(f"govcorpus_{name}", doc, labels, registry=registry)

    gauge("run_id", "Id of the last crawl run").set(report["run_id"] or 0)
    gauge("run_finished_timestamp_seconds", "When the last crawl ended").set(
        datetime.fromisoformat(report["finished_at"]).timestamp())
    gauge("run_exit_code", "Exit status of the last crawl (0: every monitor passed)").set(
        report["exit_code"])
    counts = gauge("run_documents", "Documents of the last run by outcome", ("outcome",))
    for key in ("new", "changed", "unchanged", "gone", "not_modified", "not_due"):
        counts.labels(key).set(report["counts"].get(key, 0))
    gauge("run_requests", "Requests of the last run").set(report["counts"]["requests"])
    gauge("run_pages", "Pages stored by the last run").set(report["counts"]["pages"])
    faults = gauge("run_faults", "Faults of the last run by kind", ("kind",))
    for kind, count in report["counts"]["faults_by_kind"].items():
        faults.labels(kind).set(count)
    monitor = gauge("monitor_failed", "1 if the monitor failed in the last run", ("monitor",))
    for kind, outcome in report["monitors"].items():
        monitor.labels(kind).set(int(outcome["failed"]))
    _portal_metrics(report, gauge)
    try:
        write_to_textfile(str(path), registry)
    except OSError as exc:
        logger.error("metrics could not be written to %s: %s", path, exc)


def _portal_metrics(report: dict[str, Any], gauge) -> None:
    status = gauge("portal_status", "1 for the portal's status this morning",
                   ("portal", "status"))
    reports = gauge("portal_reports", "Annual reports the portal listed last night", ("portal",))
    requests = gauge("portal_requests", "Requests to the portal last night", ("portal",))
    errors = gauge("portal_errors", "Error faults of the portal last night", ("portal",))
    for night in report["portals"]:
        code = night["portal_code"]
        for name in STATUSES:
            status.labels(code, name).set(int(night["status"] == name))
        reports.labels(code).set(night["reports"])
        requests.labels(code).set(night["requests"])
        errors.labels(code).set(night["errors"])


def digest_text(report: dict[str, Any]) -> tuple[str, str]:
    """The digest's title and body: portals by status, failed monitors, overdue reports."""
    names = {n["portal_code"]: n["name"] for n in report["portals"]}
    by_status = report["portals_by_status"]
    tally = ", ".join(f"{len(by_status.get(s, []))} {s}" for s in STATUSES
                      if by_status.get(s))
    failed = {k: v for k, v in report["monitors"].items() if v["failed"]}
    title = (f"govcorpus run #{report['run_id']}: "
             f"{'FAILED ' + ', '.join(failed) if failed else 'ok'} ({tally or 'no portals'})")
    lines = [f"exit status {report['exit_code']}; finish reason {report['finish_reason']}; "
             f"{report['counts']['requests']} requests, {report['counts']['new']} new, "
             f"{report['counts']['changed']} changed, {report['counts']['gone']} gone"]
    for status in STATUSES[:-1]:
        for code in by_status.get(status, []):
            lines.append(f"{status}: {code} {names.get(code, '')}")
    for kind, outcome in failed.items():
        lines += [f"monitor {kind}: {message}" for message in outcome["messages"]]
    if report["database_problem"]:
        lines.append(f"database: {report['database_problem']}")
    for item in report["overdue"]:
        lines.append(f"no {item['report_year']} report after {item['deadline']}: "
                     f"{item['portal_code']} {item['name']} ({item['body_type']})")
    return title, "\n".join(lines)


def send_digest(report: dict[str, Any], urls: list[str]) -> bool:
    """Send the digest to every apprise URL (mailto://, wecombot://, dingtalk://, feishu://,
    json://…); False when one of them did not take it (logged)."""
    import apprise

    notifier = apprise.Apprise()
    for url in urls:
        if not notifier.add(url):
            logger.error("not a notification URL apprise knows: %s", url.split("://")[0])
    title, body = digest_text(report)
    sent = bool(len(notifier)) and bool(notifier.notify(title=title, body=body))
    if not sent:
        logger.error("the nightly digest did not go out to every address")
    return sent


def exit_status(stats: dict[str, Any]) -> int:
    """The exit status of a crawl from its stats (crawler/runtime/monitors.py); 0 when none ran."""
    return int(stats.get(EXIT_STATS, 0))
