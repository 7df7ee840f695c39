"""`govcorpus health`, and what `govcorpus crawl` does after the crawl: report and exit status."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import sqlalchemy as sa
import typer
from rich.console import Console
from rich.table import Table

from govcorpus import commands, nightly

console = Console()
FORMATS = ("text", "json", "html")


def print_health(db_url: str, days: float, fmt: str) -> None:
    from storage import init_db, make_engine
    from storage.health import health_history

    if fmt not in FORMATS:
        raise commands.UserError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    url = sa.make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).is_file():
        raise commands.UserError(f"no corpus at {url.database}: crawl first")
    engine = make_engine(db_url)
    try:
        init_db(engine)
        since = nightly.since_days(days)
        portals = health_history(engine, since)
    finally:
        engine.dispose()
    if fmt == "json":
        json.dump(nightly.health_json(portals, since), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "html":
        sys.stdout.write(nightly.health_html(portals, since) + "\n")
    else:
        console.print(_health_table(portals, days))


def _health_table(portals, days: float) -> Table:
    table = Table(title=f"portal health, last {days:g} days (newest night first)")
    for column in ("status", "portal", "nights: status reports/listed requests errors"):
        table.add_column(column)
    for portal in portals:
        history = " · ".join(f"{n.status} {n.reports}/{n.listed} {n.requests}r {n.errors}e"
                             for n in portal.nights)
        table.add_row(portal.status, f"{portal.code} {portal.name}", history)
    if not portals:
        table.add_row("", "no nights recorded", "")
    return table


def crawl_settings(report: str | None, metrics_file: str | None,
                   notify: list[str] | None) -> list[str]:
    """`--report`, `--metrics-file` and `--notify` as crawler settings (NAME=VALUE)."""
    settings = []
    if report:
        settings.append(f"GOVCORPUS_REPORT_FILE={report}")
    if metrics_file:
        settings.append(f"GOVCORPUS_METRICS_FILE={metrics_file}")
    if notify:
        settings.append(f"GOVCORPUS_NOTIFY={' '.join(notify)}")
    return settings


def finish_crawl(stats: dict) -> None:
    """Say where the report went and which monitors failed; exit with the documented status."""
    from govcorpus.nightly import MONITOR_STATS

    failed = {k: v for k, v in stats.get(MONITOR_STATS, {}).items() if v["failed"]}
    for kind, outcome in failed.items():
        console.print(f"[bold red]monitor failed:[/] {kind}: {'; '.join(outcome['messages'])}",
                      highlight=False, soft_wrap=True)
    if stats.get("govcorpus/report_file"):
        console.print(f"run report: {stats['govcorpus/report_file']}", soft_wrap=True)
    code = nightly.exit_status(stats)
    if code:
        raise typer.Exit(code)
