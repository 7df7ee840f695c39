"""`govcorpus crawl --processes N`: the portals split by host among N crawling processes.

One Scrapy process keeps one core busy on a national night's requests; a second process with
the other half of the hosts uses the second core. The parent holds the crawl lock; each child
is a whole crawl of its portals with its own run, portal health and report, writing to the
same database. A child that dies is reported; the others' runs stand.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from govcorpus.cli.scrapy_run import run_crawl
from govcorpus.registry import Portal
from govcorpus.shards import split_by_host

CHILD_DIED = 1  # the exit status of a crawl whose process ended without its result


def shard_overrides(overrides: dict[str, Any], index: int, count: int) -> dict[str, Any]:
    """One child's settings: its shard's name, the progress line on the first child only,
    and the analysis workers shared out (at least one each where there were any)."""
    workers = int(overrides.get("GOVCORPUS_WORKERS") or 0)
    return {**overrides, "GOVCORPUS_SHARD": f"{index + 1}/{count}",
            "GOVCORPUS_PROGRESS": bool(overrides.get("GOVCORPUS_PROGRESS")) and index == 0,
            "GOVCORPUS_WORKERS": -(-workers // count)}


def run_in_processes(portals: list[Portal], db_url: str, registry_path: str | None,
                     overrides: dict[str, Any], processes: int) -> list[dict[str, Any]]:
    """Crawl the portals in up to `processes` child processes; each child's crawl stats, or a
    stand-in saying it died."""
    shards = split_by_host(portals, processes, remembered_column_urls(db_url))
    if len(shards) == 1:  # every portal on one host, or one portal: no process to spare
        return [run_crawl(portals, db_url, registry_path=registry_path,
                          overrides=overrides).stats]
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no reactor inherited
    children = []
    for index, shard in enumerate(shards):
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(
            target=crawl_shard, name=f"govcorpus-crawl-{index + 1}",
            args=(shard, db_url, registry_path,
                  shard_overrides(overrides, index, len(shards)), sender))
        children.append((child, receiver, len(shard)))
    print(f"crawling {len(portals)} portals in {len(shards)} processes: "
          f"{', '.join(str(size) for _, _, size in children)} portals")
    with _forwarding_signals([child for child, _, _ in children]):
        for child, _, _ in children:
            child.start()
        results = [_result(child, receiver) for child, receiver, _ in children]
    return results


def remembered_column_urls(db_url: str) -> dict[str, list[str]]:
    """Each portal's remembered columns and the list calls they use (code → URLs)."""
    from storage import corpus_engine, init_db
    from storage.read.columns import known_columns

    with corpus_engine(db_url) as engine:
        init_db(engine)
        urls: dict[str, list[str]] = {}
        for column in known_columns(engine, active_only=True):
            urls.setdefault(column.portal_code, []).extend(
                url for url in (column.url, column.list_call_url) if url)
    return urls


def crawl_shard(portals: list[Portal], db_url: str, registry_path: str | None,
                overrides: dict[str, Any], results) -> None:
    """A child: crawl its portals, send back the crawl's stats."""
    os.setpgrp()  # a terminal's Ctrl-C reaches the parent only, which passes it on once
    result = run_crawl(portals, db_url, registry_path=registry_path, overrides=overrides)
    results.send(result.stats)
    results.close()


def _result(child, receiver) -> dict[str, Any]:
    """The child's stats once it ends; a stand-in with CHILD_DIED if it sent none."""
    stats = receiver.recv() if _wait_for_message(child, receiver) else None
    child.join()
    if stats is None:  # `govcorpus crawl` names it (finish_crawl)
        return {"govcorpus/exit_code": CHILD_DIED,
                "govcorpus/process_died": f"{child.name} (exit code {child.exitcode})"}
    return stats


def _wait_for_message(child, receiver) -> bool:
    """Wait until the child sends or ends; True if it sent something."""
    while True:
        if receiver.poll(1.0):
            return True
        if not child.is_alive():
            return receiver.poll(0)


@contextmanager
def _forwarding_signals(children: list) -> Iterator[None]:
    """SIGINT and SIGTERM to the parent go to every child (each stops as Scrapy does: a
    second signal stops it at once); the parent goes on waiting for them."""

    def forward(signum, _frame) -> None:
        for child in children:
            if child.pid is not None and child.is_alive():
                os.kill(child.pid, signum)

    previous = {signum: signal.signal(signum, forward)
                for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
