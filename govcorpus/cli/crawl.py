"""`govcorpus crawl`: the portal spider run in this process, its lock, settings and summary,
and what comes after it (where the report went, which monitors failed, the exit status)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from govcorpus.cli.common import UserError, check_db_url, console
from govcorpus.cli.replay import replaying
from govcorpus.cli.scrapy_run import project_settings, run_crawl
from govcorpus.registry import Portal, Selection, load_registries


def crawl(registry: list[str], db_url: str, testbed: bool = False, workers: int = 0,
          settings: list[str] | None = None, redis_url: str | None = None,
          crawl_key: str | None = None, record: Path | None = None,
          replay: list[Path] | None = None, selection: Selection | None = None,
          processes: int = 1) -> list[dict[str, Any]]:
    """Crawl the portals of the registries (`national` or CSV files, later rows winning by
    code) that the selection keeps, in `processes` crawling processes split by host; print the
    summary of the night's runs and return each process's crawl stats."""
    from testbed.settings import TESTBED_SETTINGS

    portals = select_portals(registry, selection)
    registry_name = ",".join(map(str, registry))
    extra = parse_settings(settings or [])
    check_db_url(db_url)
    if processes < 1:
        raise UserError(f"--processes {processes}: give 1 or more")
    if processes > 1 and redis_url:
        raise UserError("--processes with --redis: start more workers on the shared queue")
    loopback = testbed or bool(replay)  # a replay server is loopback: no politeness delays
    overrides = {"GOVCORPUS_PROGRESS": True, "GOVCORPUS_WORKERS": workers,
                 **(TESTBED_SETTINGS if loopback else {}), **extra}
    if redis_url:
        overrides.update(_redis_overrides(redis_url, crawl_key, registry_name))
    if record:
        overrides["GOVCORPUS_RECORD_DIR"] = str(record)
    overrides["GOVCORPUS_RUN_LOCK"] = False  # held here, or shared by design (Redis workers)
    with replaying(replay) as replay_url, nullcontext() if redis_url else _locked(db_url):
        if replay_url:
            overrides["GOVCORPUS_REPLAY_URL"] = replay_url
        if processes > 1:
            from govcorpus.cli.parallel import run_in_processes

            runs = run_in_processes(portals, db_url, registry_name, overrides, processes)
        else:
            runs = [run_crawl(portals, db_url, registry_path=registry_name,
                              overrides=overrides).stats]
    print_summary(db_url, [run["govcorpus/run_id"] for run in runs if "govcorpus/run_id" in run])
    return runs


def select_portals(registry: list[str], selection: Selection | None) -> list[Portal]:
    """The portals to crawl: the registries read in order, then the selection's."""
    portals = load_registries(registry)
    if selection is not None:
        portals = selection.select(portals)
    if not portals:
        raise UserError("no portal of the registry matches the selection")
    return portals


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


def _redis_overrides(redis_url: str, crawl_key: str | None, registry: str) -> dict:
    """Settings for a worker of a distributed crawl, after checking Redis answers."""
    import redis

    from crawler.runtime.distributed import default_crawl_key, redis_settings

    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=5).ping()
    except (redis.RedisError, ValueError) as exc:
        raise UserError(f"Redis unreachable at {redis_url}: {exc}") from None
    key = crawl_key or default_crawl_key(registry)
    console.print(f"distributed crawl {key!r} on {redis_url}")
    return redis_settings(redis_url, key)


def print_summary(db_url: str, run_ids: int | list[int] | None) -> None:
    """A table of what the corpus holds and what the run (or the night's runs) fetched."""
    from storage import corpus_engine, corpus_summary

    with corpus_engine(db_url) as engine:
        summary = corpus_summary(engine, run_id=run_ids)
    table = Table(title="govcorpus summary", show_header=False)
    for key, value in summary.items():
        if isinstance(value, dict):
            value = "\n".join(f"{k}: {v}" for k, v in sorted(value.items(), key=str)) or "none"
        table.add_row(str(key), str(value))
    console.print(table)


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


def finish_crawl(runs: list[dict[str, Any]]) -> None:
    """Say where each run's report went and which monitors failed; exit with the documented
    status, the lowest failure of all the runs."""
    from crawler.runtime.report import MONITOR_STATS, exit_status

    for stats in runs:
        failed = {k: v for k, v in stats.get(MONITOR_STATS, {}).items() if v["failed"]}
        for kind, outcome in failed.items():
            console.print(f"[bold red]monitor failed:[/] {kind}: "
                          f"{'; '.join(outcome['messages'])}", highlight=False, soft_wrap=True)
        if stats.get("govcorpus/process_died"):
            console.print(f"[bold red]crawling process died:[/] {stats['govcorpus/process_died']}",
                          highlight=False, soft_wrap=True)
        if stats.get("govcorpus/report_file"):
            console.print(f"run report: {stats['govcorpus/report_file']}", soft_wrap=True)
    code = min((status for stats in runs if (status := exit_status(stats))), default=0)
    if code:
        raise typer.Exit(code)
