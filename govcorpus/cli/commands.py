"""The work behind each CLI command; the CLI module only parses options."""

from __future__ import annotations

import signal
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy.exc
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from govcorpus.registry import RegistryError, load_registry
from storage.export.records import Selection
from testbed.settings import TESTBED_SETTINGS

if TYPE_CHECKING:
    from govcorpus.cli.crawl import CrawlResult

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


def crawl(registry: Path, db_url: str, testbed: bool = False, workers: int = 0,
          settings: list[str] | None = None, redis_url: str | None = None,
          crawl_key: str | None = None, record: Path | None = None,
          replay: list[Path] | None = None) -> CrawlResult:
    """Crawl a registry's portals, print the run's summary and return the crawl's result."""
    from govcorpus.cli.crawl import run_crawl

    portals = load_registry(registry)
    extra = parse_settings(settings or [])
    _check_db_url(db_url)
    loopback = testbed or bool(replay)  # a replay server is loopback: no politeness delays
    overrides = {"GOVCORPUS_PROGRESS": True, "GOVCORPUS_WORKERS": workers,
                 **(TESTBED_SETTINGS if loopback else {}), **extra}
    if redis_url:
        overrides.update(_redis_overrides(redis_url, crawl_key, registry))
    if record:
        overrides["GOVCORPUS_RECORD_DIR"] = str(record)
    overrides["GOVCORPUS_RUN_LOCK"] = False  # held here, or shared by design (Redis workers)
    with _replaying(replay) as replay_url, nullcontext() if redis_url else _locked(db_url):
        if replay_url:
            overrides["GOVCORPUS_REPLAY_URL"] = replay_url
        result = run_crawl(portals, db_url, registry_path=str(registry), overrides=overrides)
    print_summary(db_url, result.run_id)
    return result


def _replay_archive(paths: list[Path]):
    from crawler.capture.replay_server import ArchiveError, load_archives

    try:
        return load_archives(paths)
    except ArchiveError as exc:
        raise UserError(f"cannot replay: {exc}") from None


def serve_replay(archives: list[Path], port: int) -> None:
    """Serve archives until interrupted, saying how to point a crawl at them."""
    from crawler.capture.replay_server import ReplayServer

    archive = _replay_archive(archives)
    with ReplayServer(archive, port=port) as server:
        print(f"replaying {len(archive)} exchanges; crawl with "
              f"-s GOVCORPUS_REPLAY_URL={server.base_url} (Ctrl-C stops)")
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass
        print(f"served {server.served}, not in the archive {len(server.misses)}")


@contextmanager
def _replaying(archives: list[Path] | None) -> Iterator[str | None]:
    """A replay server for the archives while the crawl runs (None: crawl the live sites)."""
    if not archives:
        yield None
        return
    from crawler.capture.replay_server import ReplayServer

    archive = _replay_archive(archives)
    with ReplayServer(archive) as server:
        print(f"replaying {len(archive)} captured exchanges from {server.base_url}")
        yield server.base_url
        if server.misses:
            print(f"{len(server.misses)} requests were not in the replay archive, e.g. "
                  f"{' '.join(url for _, url in server.misses[:3])}")


@contextmanager
def _locked(db_url: str) -> Iterator[None]:
    """The corpus's crawl lock; a second run exits with one line saying who holds it."""
    from storage.lock import CrawlLocked, crawl_lock
    from storage.write.history import close_stale_runs

    try:
        with crawl_lock(db_url):
            close_stale_runs(db_url)
            yield
    except CrawlLocked as exc:
        raise UserError(f"{exc}; not starting a second one") from None


def parse_settings(pairs: list[str]) -> dict[str, str]:
    """NAME=VALUE pairs as crawler settings; a malformed pair or unknown name is a user error."""
    from govcorpus.cli.crawl import project_settings

    known = project_settings()
    settings = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name.isidentifier() or not name.isupper():
            raise UserError(f"setting {pair!r}: write NAME=VALUE, e.g. DOWNLOAD_TIMEOUT=10")
        if name.startswith("GOVCORPUS_") and name not in known:
            raise UserError(f"setting {name}: no such setting (see crawler/settings.py)")
        settings[name] = value.strip()
    return settings


def _redis_overrides(redis_url: str, crawl_key: str | None, registry: Path) -> dict:
    """Settings for a worker of a distributed crawl, after checking Redis answers."""
    import redis

    from crawler.runtime.distributed import default_crawl_key, redis_settings

    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=5).ping()
    except (redis.RedisError, ValueError) as exc:
        raise UserError(f"Redis unreachable at {redis_url}: {exc}") from None
    key = crawl_key or default_crawl_key(str(registry))
    console.print(f"distributed crawl {key!r} on {redis_url}")
    return redis_settings(redis_url, key)


def demo(db_url: str, portals: int, docs: int, workers: int = 0) -> None:
    """Serve the testbed, crawl it, print the summary and how many testbed reports were found."""
    from govcorpus.cli.crawl import run_crawl

    _check_db_url(db_url)
    started = time.monotonic()
    with _demo_server(portals, docs) as server, tempfile.TemporaryDirectory() as tmp:
        testbed = server.testbed
        registry = Path(tmp) / "testbed-registry.csv"
        testbed.write_registry(registry, server.base_url)
        console.print(f"testbed: {len(testbed.portal_specs())} portals at {server.base_url}")
        overrides = {"GOVCORPUS_PROGRESS": True, "GOVCORPUS_WORKERS": workers,
                     **TESTBED_SETTINGS}
        result = run_crawl(load_registry(registry), db_url, str(registry), overrides)
        base_url = server.base_url
    elapsed = time.monotonic() - started
    print_summary(db_url, result.run_id)
    _print_recall(db_url, testbed, base_url)
    _print_attachments(db_url)
    console.print(f"wall time: {elapsed:.1f} s; corpus in {db_url}")


DEMO_PORT = 8765  # a fixed port keeps the demo's URLs, and so its documents, stable across runs


def _demo_server(portals: int, docs: int):
    """The testbed served by its own process, on the demo's fixed port when it is free."""
    from testbed import TestbedProcess

    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", DEMO_PORT))
            port = DEMO_PORT
        except OSError:
            port = 0
    return TestbedProcess(port=port, portals=portals, docs_per_portal=docs, attachments=True)


def _print_recall(db_url: str, testbed, base_url: str) -> None:
    from testbed.recall import measure_recall

    recall = measure_recall(db_url, testbed, base_url)
    console.print(
        f"testbed check: {recall.reports_found}/{recall.reports_present} reports found, "
        f"{recall.documents_found}/{recall.documents_present} documents, "
        f"{recall.misclassified} misclassified, {recall.unexpected} unexpected, "
        f"{recall.duplicated} duplicated"
    )


def _print_attachments(db_url: str) -> None:
    from storage import make_engine
    from storage.write.attachments import attachment_counts, describe_attachments

    engine = make_engine(db_url)
    counts = attachment_counts(engine)
    engine.dispose()
    console.print(f"attachments: {describe_attachments(counts)}")


def print_summary(db_url: str, run_id: int | None) -> None:
    """A table of what the corpus holds and what the run fetched."""
    from storage import corpus_summary, make_engine

    engine = make_engine(db_url)
    summary = corpus_summary(engine, run_id=run_id)
    engine.dispose()
    table = Table(title="govcorpus summary", show_header=False)
    for key, value in summary.items():
        if isinstance(value, dict):
            value = "\n".join(f"{k}: {v}" for k, v in sorted(value.items(), key=str)) or "none"
        table.add_row(str(key), str(value))
    console.print(table)


def extract(
    file: Path, url: str | None, content_type: str | None, portal: str | None = None
) -> dict:
    """The contract record of one saved page."""
    from govcorpus.cli.inspect import extract_record

    if not file.is_file():
        raise UserError(f"no such file: {file}")
    return extract_record(file.read_bytes(), url=url or file.resolve().as_uri(),
                          content_type=content_type, portal_code=portal)


GOLD_DIR = Path(__file__).parents[1] / "data" / "eval" / "gold"  # package data
EVAL_WIDTH = 220  # the table's width: wider than a pipe's default 80 columns


def _gold_dir(gold: Path | None) -> Path:
    """The gold set: the one given, else the one shipped with the package."""
    path = gold or GOLD_DIR
    if path.is_dir() and any(path.glob("*.json")):
        return path
    raise UserError(
        f"no gold set at {path}: give --gold DIR (a folder of <page>.json, its pages in ../files)"
    )


def evaluate(gold: Path | None) -> None:
    """Print per-field accuracy, body F1 and leakage of govcorpus and the baselines."""
    from govcorpus.cli import evaluate as evaluation

    rows = evaluation.evaluate(_gold_dir(gold))
    Console(width=max(console.width, EVAL_WIDTH)).print(evaluation.render_eval_table(rows))
    if not any(row["system"] == "gne" for row in rows):
        console.print("gne is not installed: pip install 'govcorpus[test]' adds its column",
                      markup=False)


def export(db_url: str, fmt: str, out: Path, selection: Selection) -> None:
    """Write the selected documents to a file (a folder for Parquet) and its datasheet."""
    from storage import export_records, make_engine
    from storage.export.datasheet import datasheet_path, write_datasheet
    from storage.export.warc import write_warc

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
    from govcorpus.tables import columns_markdown
    from storage import make_engine
    from storage.export.tables import write_stats

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
    from govcorpus.cli.coverage_page import render_coverage
    from storage import make_engine
    from storage.read.coverage import coverage as read_coverage

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

    from govcorpus.cli.browse import serve
    from storage import init_db, make_engine
    from storage.read.search import build_search_index

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
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop Datasette with us
        try:
            process.wait()
        except KeyboardInterrupt:
            pass
        finally:
            process.terminate()
            process.wait(timeout=30)


def restore(file: Path, db_url: str) -> None:
    """Write a spill file's records to the database, into the run they came from."""
    from govcorpus.cli.crawl import project_settings
    from storage import CorpusWriter, init_db, make_engine
    from storage.write.spill import restore as restore_spill

    if not file.is_file():
        raise UserError(f"no such file: {file}")
    engine = make_engine(db_url)
    try:
        init_db(engine)
        try:
            batch_size = project_settings().getint("GOVCORPUS_BATCH_SIZE")
            count = restore_spill(CorpusWriter(engine, batch_size), file)
        except (ValueError, KeyError) as exc:
            raise UserError(f"{file}: not a govcorpus spill file ({exc})") from None
    finally:
        engine.dispose()
    console.print(f"{count} records from {file} stored in {engine.url.render_as_string()}")


def serve_testbed(port: int, portals: int, docs: int, registry: Path, faults: bool = False,
                  day: int = 1) -> None:
    """Serve the testbed in the foreground (with the fault portals when `faults`), on `day`."""
    from testbed import Testbed, TestbedServer

    testbed = Testbed(portals=portals, docs_per_portal=docs, faults=faults, day=day)
    with TestbedServer(testbed, port=port) as server:
        testbed.write_registry(registry, server.base_url)
        console.print(f"serving {server.base_url}; registry written to {registry}; Ctrl-C stops")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            console.print("stopped")
