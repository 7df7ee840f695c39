"""`govcorpus crawl`: the portal spider run in this process, its lock, settings and summary,
and what comes after it (where the report went, which monitors failed, the exit status)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer
from rich.table import Table
from scrapy.settings import Settings

from govcorpus.cli.common import UserError, check_db_url, console
from govcorpus.cli.replay import replaying
from govcorpus.registry import Portal, Selection, load_registries


@dataclass(frozen=True)
class CrawlResult:
    run_id: int | None
    stats: dict[str, Any]


def project_settings(overrides: dict[str, Any] | None = None) -> Settings:
    """The crawler's settings module, whatever the working directory, plus overrides."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.update(overrides or {}, priority="cmdline")
    return settings


def run_crawl(
    portals: list[Portal],
    db_url: str,
    registry_path: str | None = None,
    overrides: dict[str, Any] | None = None,
) -> CrawlResult:
    """Crawl the portals into the database; blocks until the crawl ends (once per process)."""
    from scrapy.crawler import CrawlerProcess

    from crawler.spiders.portal import PortalSpider

    settings = project_settings({"GOVCORPUS_DB_URL": db_url, **(overrides or {})})
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(PortalSpider)
    process.crawl(crawler, portals=portals, registry=registry_path)
    process.start()
    stats = crawler.stats.get_stats()
    return CrawlResult(stats.get("govcorpus/run_id"), stats)


def crawl(registry: list[str], db_url: str, testbed: bool = False, workers: int = 0,
          settings: list[str] | None = None, redis_url: str | None = None,
          crawl_key: str | None = None, record: Path | None = None,
          replay: list[Path] | None = None, selection: Selection | None = None
          ) -> CrawlResult:
    """Crawl the portals of the registries (`national` or CSV files, later rows winning by
    code) that the selection keeps; print the run's summary and return the crawl's result."""
    from testbed.settings import TESTBED_SETTINGS

    portals = select_portals(registry, selection)
    registry_name = ",".join(map(str, registry))
    extra = parse_settings(settings or [])
    check_db_url(db_url)
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
        result = run_crawl(portals, db_url, registry_path=registry_name, overrides=overrides)
    print_summary(db_url, result.run_id)
    return result


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


def print_summary(db_url: str, run_id: int | None) -> None:
    """A table of what the corpus holds and what the run fetched."""
    from storage import corpus_engine, corpus_summary

    with corpus_engine(db_url) as engine:
        summary = corpus_summary(engine, run_id=run_id)
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


def finish_crawl(stats: dict) -> None:
    """Say where the report went and which monitors failed; exit with the documented status."""
    from crawler.runtime.report import MONITOR_STATS, exit_status

    failed = {k: v for k, v in stats.get(MONITOR_STATS, {}).items() if v["failed"]}
    for kind, outcome in failed.items():
        console.print(f"[bold red]monitor failed:[/] {kind}: {'; '.join(outcome['messages'])}",
                      highlight=False, soft_wrap=True)
    if stats.get("govcorpus/report_file"):
        console.print(f"run report: {stats['govcorpus/report_file']}", soft_wrap=True)
    code = exit_status(stats)
    if code:
        raise typer.Exit(code)
