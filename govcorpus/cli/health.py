"""`govcorpus health` (text, JSON or HTML), and what `govcorpus crawl` does after the crawl."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta, timezone
from html import escape
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rich.console import Console
from rich.table import Table

from govcorpus.cli.common import UserError
from storage.health import STATUSES, Night, PortalHistory

console = Console()
FORMATS = ("text", "json", "html")


def print_health(db_url: str, days: float, fmt: str) -> None:
    from storage import corpus_engine, init_db
    from storage.health import health_history

    if fmt not in FORMATS:
        raise UserError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    url = sa.make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database and not Path(url.database).is_file():
        raise UserError(f"no corpus at {url.database}: crawl first")
    with corpus_engine(db_url) as engine:
        init_db(engine)
        since = since_days(days)
        portals = health_history(engine, since)
    if fmt == "json":
        json.dump(health_json(portals, since), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "html":
        sys.stdout.write(health_html(portals, since) + "\n")
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


def health_json(portals: list[PortalHistory], since: datetime) -> dict[str, Any]:
    """`govcorpus health --format json`."""
    return {
        "since": since.isoformat(timespec="seconds"),
        "by_status": {s: [p.code for p in portals if p.status == s] for s in STATUSES},
        "portals": [{"portal_code": p.code, "name": p.name, "status": p.status,
                     "nights": [n.as_dict() for n in p.nights]} for p in portals],
    }


def health_html(portals: list[PortalHistory], since: datetime) -> str:
    """`govcorpus health --format html`: one table, a row per portal, a cell per night."""
    nights = sorted({n.started_at for p in portals for n in p.nights if n.started_at},
                    reverse=True)
    head = "".join(f"<th>{n:%Y-%m-%d %H:%M}</th>" for n in nights)
    rows = []
    for portal in portals:
        by_night = {n.started_at: n for n in portal.nights}
        cells = "".join(_html_cell(by_night.get(n)) for n in nights)
        rows.append(f"<tr class='{escape(portal.status)}'><td>{escape(portal.code)}</td>"
                    f"<td>{escape(portal.name)}</td><td><b>{portal.status}</b></td>{cells}</tr>")
    return ("<!doctype html><html lang='zh'><head><meta charset='utf-8'>"
            "<title>govcorpus portal health</title><style>"
            "body{font-family:sans-serif}td,th{border:1px solid #ccc;padding:2px 6px}"
            "table{border-collapse:collapse}.failing,.blocked,.empty{background:#fdd}"
            ".degraded{background:#ffd}</style></head><body>"
            f"<h1>Portal health since {since:%Y-%m-%d}</h1><table id='health'>"
            f"<tr><th>code</th><th>portal</th><th>status</th>{head}</tr>"
            + "".join(rows) + "</table></body></html>")


def _html_cell(night: Night | None) -> str:
    if night is None:
        return "<td></td>"
    return (f"<td title='{night.requests} requests, {night.errors} errors'>{escape(night.status)}: "
            f"{night.reports} reports, {night.listed} listed</td>")


def since_days(days: float) -> datetime:
    return datetime.now(timezone.utc) - timedelta(days=days)
