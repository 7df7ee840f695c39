"""The `govcorpus` command line: thin commands over the library."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from govcorpus import commands

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
testbed_app = typer.Typer(no_args_is_help=True, help="The offline portal testbed.")
app.add_typer(testbed_app, name="testbed")
err = Console(stderr=True)

DEFAULT_DB = "sqlite:///govcorpus.db"
Db = Annotated[str, typer.Option("--db", help="SQLAlchemy URL: sqlite:///FILE or postgresql+psycopg://…")]
Portals = Annotated[int, typer.Option(help="Testbed portals.")]
Docs = Annotated[int, typer.Option(help="Documents per testbed portal.")]


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


@app.command()
def demo(db: Db = DEFAULT_DB, portals: Portals = 6, docs: Docs = 30) -> None:
    """Serve the bundled testbed on loopback, crawl it into the database, print a summary."""
    with commands.user_errors(_fail):
        commands.demo(db, portals, docs)


@app.command()
def crawl(
    registry: Annotated[Path, typer.Option("--registry", help="Portal registry CSV.")],
    db: Db = DEFAULT_DB,
    testbed: Annotated[bool, typer.Option(help="Loopback settings: no politeness delays.")] = False,
) -> None:
    """Crawl the portals of a registry into the database."""
    with commands.user_errors(_fail):
        commands.crawl(registry, db, testbed)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A saved HTML page.")],
    url: Annotated[str | None, typer.Option(help="The page's URL, if known.")] = None,
    content_type: Annotated[
        str | None, typer.Option(help="The Content-Type header it was served with.")
    ] = None,
) -> None:
    """Print the record extracted from one page as JSON."""
    with commands.user_errors(_fail):
        record = commands.extract(file, url, content_type)
    json.dump(record, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="File to write (a folder for parquet).")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv, parquet or warc.")] = "jsonl",
    db: Db = DEFAULT_DB,
    reports_only: Annotated[bool, typer.Option(help="Only annual reports.")] = False,
    year: Annotated[
        list[int] | None, typer.Option(help="Report year; repeat for several.")
    ] = None,
    region: Annotated[
        str | None, typer.Option(help="GB/T 2260 code or prefix: 35, 3501, 350128.")
    ] = None,
    since: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Only documents seen on or after this day."),
    ] = None,
    stats: Annotated[
        bool, typer.Option("--stats", help="One row per annual report: its statistics cells.")
    ] = False,
) -> None:
    """Export the corpus, one record per document, with a datasheet beside it."""
    selection = commands.Selection(reports_only or stats, tuple(year or ()), region,
                                   since.date() if since else None)
    with commands.user_errors(_fail):
        if stats:
            commands.export_stats(db, fmt, out, selection)
        else:
            commands.export(db, fmt, out, selection)


@app.command()
def coverage(
    out: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path(
        "coverage.html"
    ),
    db: Db = DEFAULT_DB,
    years: Annotated[
        str | None, typer.Option(help="Report years, e.g. 2019-2025 (default: those stored).")
    ] = None,
) -> None:
    """Write the coverage report: found and missing annual reports by province and year."""
    with commands.user_errors(_fail):
        commands.coverage(db, out, years)


@app.command()
def browse(
    db: Db = DEFAULT_DB,
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8001,
) -> None:
    """Browse and search the SQLite corpus in a web page (Datasette)."""
    with commands.user_errors(_fail):
        commands.browse(db, port)


@testbed_app.command("serve")
def testbed_serve(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8800,
    portals: Portals = 6,
    docs: Docs = 30,
    registry: Annotated[Path, typer.Option(help="Registry CSV to write.")] = Path(
        "testbed-registry.csv"
    ),
) -> None:
    """Serve the testbed until interrupted, and write its registry."""
    with commands.user_errors(_fail):
        commands.serve_testbed(port, portals, docs, registry)


if __name__ == "__main__":
    app()
