"""`govcorpus registry`: the national registry and a user's own, listed, shown and checked."""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from rich.table import Table

from govcorpus.cli.common import UserError, console
from govcorpus.registry import (
    NATIONAL,
    REGISTRY_COLUMNS,
    NationalRow,
    Portal,
    Selection,
    load_registries,
    national_rows,
    registry_problems,
)

LIST_COLUMNS = ("code", "name", "level", "province", "prefecture", "portal_url", "lists_agree",
                "reachable_2026_04")
CSV_EXTRA = ("province", "prefecture", "lists_agree", "reachable_2026_04", "notes")


def rows_for(registries: list[str], selection: Selection) -> list[NationalRow]:
    """The national rows the selection keeps, each replaced or joined by a user's own rows."""
    rows = {row.code: row for row in national_rows()} if NATIONAL in registries else {}
    users = [r for r in registries if r != NATIONAL]
    for portal in load_registries(users) if users else []:
        rows[portal.region_code] = _user_row(portal, rows.get(portal.region_code))
    return selection.select_rows(rows.values())


def _user_row(portal: Portal, national: NationalRow | None) -> NationalRow:
    return NationalRow(
        portal.region_code, portal.name, portal.level,
        national.province if national else "", national.prefecture if national else "",
        " ".join(portal.start_urls), "user", "", portal.hints.get("report_columns", ""),
        "from the user's registry",
    )


def list_registry(registries: list[str], selection: Selection, as_csv: bool) -> int:
    """Print the rows as a table (with counts by level) or as a registry CSV; their number."""
    rows = rows_for(registries, selection)
    if as_csv:
        write_registry_csv(rows, sys.stdout)
        return len(rows)
    table = Table(*LIST_COLUMNS, title=f"{len(rows)} governments")
    for row in rows:
        table.add_row(row.code, row.name, row.level, row.province, row.prefecture,
                      row.portal_url or "—", row.lists_agree, row.reachable)
    console.print(table)
    levels = Counter(row.level for row in rows)
    console.print(", ".join(f"{levels[level]} {level}" for level in sorted(levels)) or "none")
    return len(rows)


def write_registry_csv(rows: list[NationalRow], out, columns: dict[str, list[str]] | None = None
                       ) -> None:
    """Rows as a registry CSV a crawl reads (governments without a portal left out); with
    `columns`, each portal's `report_columns` hint holds the columns found."""
    writer = csv.DictWriter(out, fieldnames=[*REGISTRY_COLUMNS, *CSV_EXTRA],
                            lineterminator="\n")
    writer.writeheader()
    for row in rows:
        portal = row.portal()
        if portal is None:
            continue
        found = (columns or {}).get(row.code) or portal.hints.get("report_columns", "").split()
        hints = {**portal.hints, **({"report_columns": " ".join(found)} if found else {})}
        writer.writerow({**Portal(portal.region_code, portal.name, portal.level,
                                  portal.start_urls, portal.allowed_domains, hints).as_row(),
                         "province": row.province, "prefecture": row.prefecture,
                         "lists_agree": row.lists_agree, "reachable_2026_04": row.reachable,
                         "notes": row.notes})


def show(code: str, registries: list[str], db_url: str) -> None:
    """One government: its row, the columns the corpus found, its last nights' health."""
    matches = rows_for(registries, Selection(codes=(code,)))
    if not matches:
        raise UserError(f"no government {code} in the registry")
    row = matches[0]
    table = Table(show_header=False, title=f"{row.code} {row.name}")
    for key, value in vars(row).items():
        table.add_row(key, str(value or "—"))
    console.print(table)
    _show_columns(code, db_url)
    _show_health(code, db_url)


def _show_columns(code: str, db_url: str) -> None:
    from storage import corpus_engine
    from storage.read.columns import known_columns

    with corpus_engine(db_url) as engine:
        columns = known_columns(engine, {code})
    if not columns:
        console.print("columns found: none yet (the first night walks to them)")
        return
    table = Table("column", "how", "found", "last ok", "failed nights", "moved to",
                  title="columns found")
    for column in columns:
        table.add_row(column.url, column.how, f"{column.found_at:%Y-%m-%d}",
                      f"{column.last_ok_at:%Y-%m-%d}" if column.last_ok_at else "—",
                      str(column.failed_nights), column.moved_to or "—")
    console.print(table)
    for column in columns:
        walked = " → ".join(f"{text or 'start'} ({url})" for url, text in column.path)
        console.print(f"path to {column.url}: {walked or 'registry hint'}", soft_wrap=True)


def _show_health(code: str, db_url: str) -> None:
    from storage import corpus_engine
    from storage.health import portal_nights

    with corpus_engine(db_url) as engine:
        nights = portal_nights(engine, code)
    if not nights:
        console.print("health: no night recorded yet")
        return
    table = Table("night", "status", "pages", "listed", "reports", "faults", title="last nights")
    for night in nights:
        row = night.as_dict()
        faults = ", ".join(f"{k}: {v}" for k, v in sorted(night.faults.items()))
        table.add_row(str(row["night"]), night.status, str(night.pages), str(night.listed),
                      str(night.reports), faults or "—")
    console.print(table)


def check(path: Path) -> int:
    """Print every bad row of a registry file; the number of problems."""
    problems = registry_problems(path)
    for problem in problems:
        console.print(f"{path}:{problem.line}: {problem.reason}" if problem.line
                      else f"{path}: {problem.reason}", highlight=False, soft_wrap=True)
    if not problems:
        console.print(f"{path}: every row is good", soft_wrap=True)
    return len(problems)


def columns(registries: list[str], selection: Selection, db_url: str, as_csv: bool) -> None:
    """The columns the corpus found, by portal; as a registry CSV with hints filled in."""
    from storage import corpus_engine
    from storage.read.columns import known_columns

    rows = rows_for(registries, selection)
    with corpus_engine(db_url) as engine:
        known = known_columns(engine, {row.code for row in rows}, active_only=True)
    found: dict[str, list[str]] = {}
    for column in known:
        found.setdefault(column.portal_code, []).append(column.url)
    if as_csv:
        write_registry_csv([r for r in rows if r.code in found], sys.stdout, found)
        return
    table = Table("code", "name", "column", "how", "found", title="年报 columns found")
    for column in known:
        name = next((r.name for r in rows if r.code == column.portal_code), "")
        table.add_row(column.portal_code, name, column.url, column.how,
                      f"{column.found_at:%Y-%m-%d}")
    console.print(table)
    console.print(f"{len(found)} of {len(rows)} governments have a column found")
