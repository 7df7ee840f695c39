"""The work behind each CLI command; the CLI module only parses options."""

from __future__ import annotations

import socket
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy.exc
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from crawler.registry import RegistryError, load_registry
from crawler.testbed_settings import TESTBED_SETTINGS
from storage.export import Selection

console = Console()
EXPORT_FORMATS = ("jsonl", "csv", "parquet", "warc")


class UserError(Exception):
    """A problem the user can fix; shown as one line, no traceback."""


@contextmanager
def user_errors(fail: Callable[[str], None]) -> Iterator[None]:
    """Turn expected failures (bad files, bad URLs, unreachable databases) into one line."""
    try:
        yield
    except (UserError, RegistryError) as exc:
        fail(str(exc))
    except sqlalchemy.exc.ArgumentError as exc:
        fail(f"bad database URL: {exc}")
    except sqlalchemy.exc.OperationalError as exc:
        fail(f"database unreachable: {str(exc.orig or exc).strip().splitlines()[0]}")
    except OSError as exc:
        fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))


def _check_db_url(db_url: str) -> None:
    from storage import init_db, make_engine

    engine = make_engine(db_url)
    try:
        init_db(engine)
    finally:
        engine.dispose()


def crawl(registry: Path, db_url: str, testbed: bool = False) -> None:
    """Crawl a registry's portals and print the run's summary."""
    from govcorpus.crawl import run_crawl

    portals = load_registry(registry)
    _check_db_url(db_url)
    overrides = {"GOVCORPUS_PROGRESS": True, **(TESTBED_SETTINGS if testbed else {})}
    result = run_crawl(portals, db_url, registry_path=str(registry), overrides=overrides)
    print_summary(db_url, result.run_id)


def demo(db_url: str, portals: int, docs: int) -> None:
    """Serve the testbed, crawl it, print the summary and how many testbed reports were found."""
    from govcorpus.crawl import run_crawl
    from govcorpus.testbed import Testbed

    _check_db_url(db_url)
    testbed = Testbed(portals=portals, docs_per_portal=docs)
    started = time.monotonic()
    with _demo_server(testbed) as server, tempfile.TemporaryDirectory() as tmp:
        registry = Path(tmp) / "testbed-registry.csv"
        testbed.write_registry(registry, server.base_url)
        console.print(f"testbed: {len(testbed.portal_specs())} portals at {server.base_url}")
        overrides = {"GOVCORPUS_PROGRESS": True, **TESTBED_SETTINGS}
        result = run_crawl(load_registry(registry), db_url, str(registry), overrides)
        base_url = server.base_url
    elapsed = time.monotonic() - started
    print_summary(db_url, result.run_id)
    _print_recall(db_url, testbed, base_url)
    console.print(f"wall time: {elapsed:.1f} s; corpus in {db_url}")


DEMO_PORT = 8765  # a fixed port keeps the demo's URLs, and so its documents, stable across runs


def _demo_server(testbed):
    from govcorpus.testbed import TestbedServer

    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", DEMO_PORT))
            port = DEMO_PORT
        except OSError:
            port = 0
    return TestbedServer(testbed, port=port)


def _print_recall(db_url: str, testbed, base_url: str) -> None:
    from govcorpus.recall import measure_recall

    recall = measure_recall(db_url, testbed, base_url)
    console.print(
        f"testbed check: {recall.reports_found}/{recall.reports_present} reports found, "
        f"{recall.documents_found}/{recall.documents_present} documents, "
        f"{recall.misclassified} misclassified, {recall.unexpected} unexpected, "
        f"{recall.duplicated} duplicated"
    )


def print_summary(db_url: str, run_id: int | None) -> None:
    """A table of what the corpus holds and what the run fetched."""
    from storage import corpus_summary, make_engine

    engine = make_engine(db_url)
    summary = corpus_summary(engine, run_id=run_id)
    engine.dispose()
    table = Table(title="govcorpus summary", show_header=False)
    for key, value in summary.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in sorted(value.items(), key=str)) or "none"
        table.add_row(str(key), str(value))
    console.print(table)


def extract(file: Path, url: str | None, content_type: str | None) -> dict:
    """The contract record of one saved page."""
    from govcorpus.extract import extract_record

    if not file.is_file():
        raise UserError(f"no such file: {file}")
    return extract_record(file.read_bytes(), url=url or file.resolve().as_uri(),
                          content_type=content_type)


def export(db_url: str, fmt: str, out: Path, selection: Selection) -> None:
    """Write the selected documents to a file (a folder for Parquet) and its datasheet."""
    from storage import export_records, make_engine
    from storage.datasheet import datasheet_path, write_datasheet
    from storage.warc import write_warc

    if fmt not in EXPORT_FORMATS:
        raise UserError(f"unknown format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    if fmt != "parquet":
        _check_output(out)
    elif not out.parent.is_dir():
        raise UserError(f"output folder does not exist: {out.parent}")
    engine = make_engine(db_url)
    try:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task(f"exporting {fmt}", total=None)
            report = lambda n: progress.update(task, completed=n)  # noqa: E731
            if fmt == "warc":
                count = write_warc(engine, out, selection, report)
            else:
                count = export_records(engine, fmt, out, selection, report)
        sheet = write_datasheet(engine, datasheet_path(out, fmt), fmt, selection, count)
    finally:
        engine.dispose()
    unit = "captures" if fmt == "warc" else "records"
    console.print(f"{count} {unit} written to {out}; datasheet {sheet}")


def export_stats(db_url: str, fmt: str, out: Path, selection: Selection) -> None:
    """Write the annual reports' statistics, one row per report, and their datasheet."""
    from govcorpus.stats import columns_markdown
    from storage import make_engine
    from storage.stats_export import write_stats

    if fmt not in ("csv", "parquet"):
        raise UserError(f"statistics export format {fmt!r}: use csv or parquet")
    _check_output(out)
    engine = make_engine(db_url)
    try:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("exporting statistics", total=None)
            count = write_stats(engine, fmt, out, selection,
                                lambda n: progress.update(task, completed=n))
    finally:
        engine.dispose()
    sheet = out.with_name(out.name + ".datasheet.md")
    sheet.write_text(_stats_datasheet(count, selection) + columns_markdown(), encoding="utf-8")
    console.print(f"{count} reports written to {out}; columns described in {sheet}")


def _stats_datasheet(count: int, selection: Selection) -> str:
    return (
        "# govcorpus statistics export\n\n"
        f"- reports: {count} (annual reports whose standard tables were read)\n"
        f"- report years: {', '.join(map(str, selection.years)) or 'all'}; "
        f"region: {selection.region or 'all'}\n"
        "- per report: doc_id, region, report_year, issuing body, url, the table format "
        "(2021 or 2019), the cross-checks run and failed (names in failed_checks), then one "
        "column per cell below. A failed check is the source's own inconsistency, kept as "
        "published.\n\n"
    )


def _check_output(out: Path) -> None:
    if not out.parent.is_dir():
        raise UserError(f"output folder does not exist: {out.parent}")
    if out.is_dir():
        raise UserError(f"{out} is a folder; give a file name")


def coverage(db_url: str, out: Path, years: str | None) -> None:
    """Write the coverage report of the corpus to an HTML file."""
    from govcorpus.coverage_report import render_coverage
    from storage import make_engine
    from storage.coverage import coverage as read_coverage

    if not out.parent.is_dir():
        raise UserError(f"output folder does not exist: {out.parent}")
    engine = make_engine(db_url)
    try:
        cov = read_coverage(engine, _year_range(years))
    finally:
        engine.dispose()
    out.write_text(render_coverage(cov), encoding="utf-8")
    console.print(f"coverage of {len(cov.portals)} portals × {len(cov.years)} report years "
                  f"written to {out}: {len(cov.missing())} missing, {len(cov.late)} late, "
                  f"{len(cov.silent_portals())} portals yielded nothing")


def _year_range(text: str | None) -> list[int] | None:
    if not text:
        return None
    first, _, last = text.partition("-")
    try:
        start, end = int(first), int(last or first)
    except ValueError:
        raise UserError(f"years {text!r}: write one year or a range like 2019-2025") from None
    if not 2000 <= start <= end <= 2100:
        raise UserError(f"years {text!r}: not a range of report years")
    return list(range(start, end + 1))


def browse(db_url: str, port: int) -> None:
    """Index the corpus for search and serve it with Datasette until interrupted."""
    import sqlalchemy as sa

    from govcorpus.browse import serve
    from storage import init_db, make_engine
    from storage.search import build_search_index

    url = sa.make_url(db_url)
    if url.get_backend_name() != "sqlite" or not url.database:
        raise UserError("the browser serves a SQLite corpus: give --db sqlite:///FILE")
    db_file = Path(url.database)
    if not db_file.is_file():
        raise UserError(f"no corpus at {db_file}: crawl first (govcorpus demo)")
    engine = make_engine(db_url)
    try:
        init_db(engine)
        indexed = build_search_index(engine)
    finally:
        engine.dispose()
    with tempfile.TemporaryDirectory() as workdir:
        process = serve(db_file, Path(workdir), port)
        console.print(f"{indexed} documents indexed; browse http://127.0.0.1:{port}/govcorpus "
                      f"(search: /govcorpus/search); Ctrl-C stops")
        try:
            process.wait()
        except KeyboardInterrupt:
            process.terminate()
            process.wait()


def serve_testbed(port: int, portals: int, docs: int, registry: Path) -> None:
    """Serve the testbed in the foreground."""
    from govcorpus.testbed import Testbed, TestbedServer

    testbed = Testbed(portals=portals, docs_per_portal=docs)
    with TestbedServer(testbed, port=port) as server:
        testbed.write_registry(registry, server.base_url)
        console.print(f"serving {server.base_url}; registry written to {registry}; Ctrl-C stops")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            console.print("stopped")
