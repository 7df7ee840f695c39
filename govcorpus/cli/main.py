"""The `govcorpus` command line: thin commands over the library."""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from govcorpus.cli.common import user_errors

# Each command imports its module when it runs: Scrapy, SQLAlchemy and the testbed load only
# for the commands that need them, not for `--help` or `extract`.
app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
testbed_app = typer.Typer(no_args_is_help=True, help="The offline portal testbed.")
app.add_typer(testbed_app, name="testbed")
registry_app = typer.Typer(no_args_is_help=True, help="The portal registry: list, show, check.")
app.add_typer(registry_app, name="registry")
export_app = typer.Typer(help="Export the corpus; `export panel`: one row per government and year.")
app.add_typer(export_app, name="export")
err = Console(stderr=True)

DEFAULT_DB = "sqlite:///govcorpus.db"
Db = Annotated[str, typer.Option("--db", help="SQLAlchemy URL: sqlite:///FILE or postgresql+psycopg://…")]
Portals = Annotated[int, typer.Option(help="Testbed portals.")]
Docs = Annotated[int, typer.Option(help="Documents per testbed portal.")]
Workers = Annotated[
    int, typer.Option(help="Processes for decoding and extraction (0: in the crawler itself).")
]
DEFAULT_WORKERS = min(4, os.cpu_count() or 1)
Registries = Annotated[list[str], typer.Option(
    "--registry", help="`national` or a registry CSV; repeat: later rows win by code.")]
Province = Annotated[str | None, typer.Option(help="Code prefix (52, 520000) or name (贵州).")]
Prefecture = Annotated[str | None, typer.Option(help="Prefecture code prefix, e.g. 5202.")]
Level = Annotated[str | None, typer.Option(help="prefecture or county.")]
Codes = Annotated[list[str] | None, typer.Option("--code", help="A region code; repeat.")]


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)  # one line
    raise typer.Exit(code)


@app.command()
def demo(
    db: Db = DEFAULT_DB, portals: Portals = 8, docs: Docs = 30, workers: Workers = DEFAULT_WORKERS
) -> None:
    """Serve the bundled testbed on loopback, crawl it into the database, print a summary."""
    from govcorpus.cli import demo as demo_command

    with user_errors(_fail):
        demo_command.demo(db, portals, docs, workers)


def _selection(province: str | None, prefecture: str | None, level: str | None,
               codes: list[str] | None):
    from govcorpus.registry import Selection

    return Selection(province, prefecture, level, tuple(codes or ()))


@app.command()
def crawl(
    registry: Registries,
    db: Db = DEFAULT_DB,
    province: Province = None,
    prefecture: Prefecture = None,
    level: Level = None,
    code: Codes = None,
    testbed: Annotated[bool, typer.Option(help="Loopback settings: no politeness delays.")] = False,
    workers: Workers = DEFAULT_WORKERS,
    processes: Annotated[int, typer.Option(
        help="Crawling processes, the portals split among them by host (one run each).")] = 1,
    setting: Annotated[
        list[str] | None,
        typer.Option("--set", help="A crawler setting NAME=VALUE (crawler/settings.py); repeat."),
    ] = None,
    redis: Annotated[
        str | None,
        typer.Option(help="Share the queue with other workers: redis://host:6379/0."),
    ] = None,
    crawl_key: Annotated[
        str | None,
        typer.Option(help="Name of the shared crawl (default: registry name + UTC date)."),
    ] = None,
    record: Annotated[
        Path | None,
        typer.Option(help="Keep every raw exchange as WARC in this folder."),
    ] = None,
    replay: Annotated[
        list[Path] | None,
        typer.Option(help="Crawl captured exchanges (WARC or replay.jsonl folder), offline."),
    ] = None,
    report: Annotated[str | None, typer.Option(
        help="The run's JSON report (default: govcorpus-run<N>.json beside the database).")
    ] = None,
    metrics_file: Annotated[
        str | None, typer.Option(help="Write Prometheus metrics (textfile format) here.")
    ] = None,
    notify: Annotated[list[str] | None, typer.Option(
        envvar="GOVCORPUS_NOTIFY", help="Send the digest to this apprise URL; repeat.")
    ] = None,
) -> None:
    """Crawl the portals of a registry into the database; exit non-zero if a monitor fails."""
    from govcorpus.cli import crawl as crawl_command

    extra = crawl_command.crawl_settings(report, metrics_file, notify)
    with user_errors(_fail):
        runs = crawl_command.crawl(registry, db, testbed, workers, settings=[*(setting or ()),
                                   *extra], redis_url=redis, crawl_key=crawl_key,
                                   record=record, replay=replay,
                                   selection=_selection(province, prefecture, level, code),
                                   processes=processes)
    crawl_command.finish_crawl(runs)


@app.command()
def discover(
    registry: Registries,
    db: Db = DEFAULT_DB,
    province: Province = None,
    prefecture: Prefecture = None,
    level: Level = None,
    code: Codes = None,
    setting: Annotated[
        list[str] | None, typer.Option("--set", help="A crawler setting NAME=VALUE; repeat.")
    ] = None,
    replay: Annotated[
        list[Path] | None,
        typer.Option(help="Walk captured exchanges (WARC or replay.jsonl folder), offline."),
    ] = None,
) -> None:
    """Walk from each home page to its 年报 columns and remember them; fetch no documents."""
    from govcorpus.cli import crawl as crawl_command
    from govcorpus.cli import registry as registry_command

    with user_errors(_fail):
        crawl_command.crawl(registry, db, workers=0, replay=replay,
                            settings=[*(setting or ()), "GOVCORPUS_DISCOVER_ONLY=True"],
                            selection=_selection(province, prefecture, level, code))
        registry_command.columns(registry, _selection(province, prefecture, level, code), db,
                                 as_csv=False)


@registry_app.command("list")
def registry_list(
    registry: Annotated[list[str] | None, typer.Option(
        "--registry", help="`national` (default) or a registry CSV; repeat.")] = None,
    province: Province = None,
    prefecture: Prefecture = None,
    level: Level = None,
    code: Codes = None,
    as_csv: Annotated[bool, typer.Option("--csv", help="Write a registry CSV to stdout.")] = False,
) -> None:
    """The governments of the registry: a table, or a registry CSV."""
    from govcorpus.cli import registry as registry_command

    with user_errors(_fail):
        registry_command.list_registry(registry or ["national"],
                                       _selection(province, prefecture, level, code), as_csv)


@registry_app.command("show")
def registry_show(
    code: Annotated[str, typer.Argument(help="The government's region code.")],
    registry: Annotated[list[str] | None, typer.Option(
        "--registry", help="`national` (default) or a registry CSV; repeat.")] = None,
    db: Db = DEFAULT_DB,
) -> None:
    """One government: its row, the 年报 columns found, its last nights' health."""
    from govcorpus.cli import registry as registry_command

    with user_errors(_fail):
        registry_command.show(code, registry or ["national"], db)


@registry_app.command("check")
def registry_check(
    file: Annotated[Path, typer.Argument(help="A registry CSV.")],
) -> None:
    """Name every bad row of a registry file, with its line; exit 2 if there is one."""
    from govcorpus.cli import registry as registry_command

    if registry_command.check(file):
        raise typer.Exit(2)


@registry_app.command("columns")
def registry_columns(
    registry: Annotated[list[str] | None, typer.Option(
        "--registry", help="`national` (default) or a registry CSV; repeat.")] = None,
    province: Province = None,
    prefecture: Prefecture = None,
    level: Level = None,
    code: Codes = None,
    db: Db = DEFAULT_DB,
    as_csv: Annotated[bool, typer.Option(
        "--csv", help="A registry CSV with report_columns= hints filled in.")] = False,
) -> None:
    """The 年报 columns the corpus has found, by government."""
    from govcorpus.cli import registry as registry_command

    with user_errors(_fail):
        registry_command.columns(registry or ["national"],
                                 _selection(province, prefecture, level, code), db, as_csv)


@app.command()
def replay(
    archives: Annotated[list[Path], typer.Argument(help="WARC files or replay.jsonl folders.")],
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8900,
) -> None:
    """Serve captured exchanges on loopback for `scrapy crawl … -s GOVCORPUS_REPLAY_URL=…`."""
    from govcorpus.cli import replay as replay_command

    with user_errors(_fail):
        replay_command.serve_replay(archives, port)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A saved HTML page.")],
    url: Annotated[str | None, typer.Option(help="The page's URL, if known.")] = None,
    content_type: Annotated[
        str | None, typer.Option(help="The Content-Type header it was served with.")
    ] = None,
    portal: Annotated[
        str | None, typer.Option(help="GB/T 2260 code of the portal the page came from.")
    ] = None,
) -> None:
    """Print the record extracted from one page as JSON."""
    from govcorpus.cli import inspect

    with user_errors(_fail):
        record = inspect.extract_file(file, url, content_type, portal)
    json.dump(record, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


@app.command("eval")
def evaluate(
    gold: Annotated[
        Path | None,
        typer.Option("--gold", help="Gold set folder (default: the one shipped with govcorpus)."),
    ] = None,
) -> None:
    """Score extraction against the gold set, beside trafilatura and GNE, in one table."""
    from govcorpus.cli import evaluate as evaluation

    with user_errors(_fail):
        evaluation.print_eval(gold)


@export_app.callback(invoke_without_command=True)
def export(
    ctx: typer.Context,
    out: Annotated[
        Path | None, typer.Option("--out", help="File to write (a folder for parquet).")
    ] = None,
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
    if ctx.invoked_subcommand is not None:
        return
    if out is None:
        _fail("missing option '--out'")
    from govcorpus.cli import export as export_command
    from storage.export.records import Selection

    selection = Selection(reports_only or stats, tuple(year or ()), region,
                                   since.date() if since else None)
    with user_errors(_fail):
        if stats:
            export_command.export_stats(db, fmt, out, selection)
        else:
            export_command.export(db, fmt, out, selection)


@export_app.command("panel")
def export_panel(
    out: Annotated[Path, typer.Option("--out", help="File to write.")],
    fmt: Annotated[str, typer.Option("--format", help="csv, jsonl or parquet.")] = "csv",
    db: Db = DEFAULT_DB,
    registry: Annotated[str, typer.Option(
        help="`corpus` (the portals crawled), `national` or a registry CSV.")] = "corpus",
    years: Annotated[
        str | None, typer.Option(help="Report years, e.g. 2008-2025 (default: those stored).")
    ] = None,
    bodies: Annotated[
        str, typer.Option(help="governments, or departments (issuing body × year).")
    ] = "governments",
    region: Annotated[
        str | None, typer.Option(help="GB/T 2260 code prefix: 35, 3501, 350128.")
    ] = None,
) -> None:
    """One row per government and report year: the report, its numbers, or the hole."""
    from govcorpus.cli import export as export_command

    with user_errors(_fail):
        export_command.export_panel(db, fmt, out, registry, years, bodies, region)


@app.command()
def coverage(
    out: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path(
        "coverage.html"
    ),
    db: Db = DEFAULT_DB,
    years: Annotated[
        str | None, typer.Option(help="Report years, e.g. 2019-2025 (default: those stored).")
    ] = None,
    province: Annotated[str | None, typer.Option(
        help="Add one row per government of this province × year, coloured by panel status "
             "(code prefix 35 or name 福建).")] = None,
    png: Annotated[Path | None, typer.Option(
        help="Also draw the panel statuses (the province's, else every government's) as a PNG.")
    ] = None,
) -> None:
    """Write the coverage report: found and missing annual reports by province and year."""
    from govcorpus.cli import coverage as coverage_command

    with user_errors(_fail):
        coverage_command.coverage(db, out, years, province, png)


@app.command()
def browse(
    db: Db = DEFAULT_DB,
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8001,
) -> None:
    """Browse and search the SQLite corpus in a web page (Datasette)."""
    from govcorpus.cli import browse as browse_command

    with user_errors(_fail):
        browse_command.browse(db, port)


@app.command()
def restore(
    file: Annotated[Path, typer.Argument(help="A govcorpus-unsaved-*.jsonl spill file.")],
    db: Db = DEFAULT_DB,
) -> None:
    """Store the records a crawl saved to a file when the database was unreachable."""
    from govcorpus.cli import export as export_command

    with user_errors(_fail):
        export_command.restore(file, db)


@app.command()
def health(
    since: Annotated[float, typer.Option(help="Nights of the last DAYS days.")] = 14,
    fmt: Annotated[str, typer.Option("--format", help="text, json or html.")] = "text",
    db: Db = DEFAULT_DB,
) -> None:
    """List portals by status (failing, blocked, empty, degraded, ok) with their nights."""
    from govcorpus.cli import health as health_command

    with user_errors(_fail):
        health_command.print_health(db, since, fmt)


@testbed_app.command("serve")
def testbed_serve(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8800,
    portals: Portals = 6,
    docs: Docs = 30,
    registry: Annotated[Path, typer.Option(help="Registry CSV to write.")] = Path(
        "testbed-registry.csv"
    ),
    faults: Annotated[
        bool, typer.Option(help="Add the fault portals (errors, traps, WAF, hostile redirects).")
    ] = False,
    day: Annotated[
        int, typer.Option(min=1, help="Night N: pages edited, added and taken down since day 1.")
    ] = 1,
) -> None:
    """Serve the testbed until interrupted, and write its registry."""
    from govcorpus.cli import testbed_server

    with user_errors(_fail):
        testbed_server.serve_testbed(port, portals, docs, registry, faults=faults, day=day)


if __name__ == "__main__":
    app()
