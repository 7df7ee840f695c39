"""Helpers shared by the benchmark scripts: run a command, watch its memory, read its run."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from testbed import TestbedProcess

ROOT = Path(__file__).resolve().parents[1]
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(parent, []).append(int(entry))
    return tree


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux /proc)."""
    return tree_memory_mb(pid)[0]


def tree_memory_mb(pid: int, proportional: bool = False) -> tuple[float, float]:
    """(RSS, PSS) of a process and all its descendants, in MB (Linux /proc). Summed RSS counts
    the pages processes share (Chromium's renderers share most of theirs) once per process;
    PSS divides each shared page among its sharers, so the tree's PSS is what it costs the
    machine. PSS is read only when asked (0.0 otherwise): smaps_rollup is the slower read."""
    tree, rss, pss, todo = _children(), 0, 0, [pid]
    while todo:
        current = todo.pop()
        try:
            rss += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE_SIZE
            if proportional:
                pss += _pss_bytes(current)
        except (OSError, IndexError, ValueError):
            continue
        todo.extend(tree.get(current, []))
    return rss / 1e6, pss / 1e6


def _pss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return 0


@dataclass
class Timed:
    seconds: float
    peak_rss_mb: float
    returncode: int
    stderr: str
    samples: list[tuple[float, float]]  # (seconds since start, RSS MB of the process tree)
    peak_pss_mb: float = 0.0  # when run_watched was asked for PSS

    def rss_at_quarters(self) -> list[float]:
        """Highest RSS seen up to 25, 50, 75 and 100 % of the run: flat means no growth."""
        marks = []
        for share in (0.25, 0.5, 0.75, 1.0):
            seen = [rss for at, rss in self.samples if at <= self.seconds * share]
            marks.append(max(seen, default=0.0))
        return marks


def run_watched(command: list[str], interval: float = 0.25, stdout: Path | None = None,
                proportional: bool = False) -> Timed:
    """Run a command to the end; wall time and the peak memory of its process tree (its
    output kept in the file `stdout` when given; its PSS too when `proportional`)."""
    started = time.monotonic()
    sink = stdout.open("w") if stdout else subprocess.DEVNULL
    process = subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.PIPE,
                               text=True)
    samples: list[tuple[float, float]] = []
    peak_pss = 0.0
    stderr: list[str] = []
    reader = threading.Thread(target=lambda: stderr.append(process.stderr.read()), daemon=True)
    reader.start()
    while process.poll() is None:
        rss, pss = tree_memory_mb(process.pid, proportional)
        samples.append((time.monotonic() - started, rss))
        peak_pss = max(peak_pss, pss)
        time.sleep(interval)
    reader.join(timeout=5)
    if stdout:
        sink.close()
    peak = max((rss for _, rss in samples), default=0.0)
    return Timed(time.monotonic() - started, peak, process.returncode, "".join(stderr), samples,
                 peak_pss)


def govcorpus_command(*args: str) -> list[str]:
    """The govcorpus CLI in this interpreter."""
    return [sys.executable, "-m", "govcorpus", *args]


def last_run_stats(db_url: str) -> dict:
    """The stats the last crawl run recorded."""
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        stats = conn.execute(sa.text("select stats from crawl_runs order by id desc limit 1"))
        value = stats.scalar_one()
    engine.dispose()
    import json

    return json.loads(value) if isinstance(value, str) else value


def count_rows(db_url: str, table: str) -> int:
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        value = conn.execute(sa.text(f"select count(*) from {table}")).scalar_one()
    engine.dispose()
    return value


def faults_by_kind(db_url: str) -> dict[str, int]:
    """The faults the crawls recorded, counted by kind."""
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("select kind, count(*) from faults group by kind")).all()
    engine.dispose()
    return dict(rows)


def shape(pages: int, per_portal: int) -> tuple[int, int]:
    """Portals and documents per portal for about `pages` documents."""
    portals = max(1, math.ceil(pages / per_portal))
    return portals, math.ceil(pages / portals)


@contextmanager
def served_testbed(pages: int, per_portal: int, registry: Path) -> Iterator[TestbedProcess]:
    """A testbed of about `pages` documents served by its own process, its registry written."""
    portals, docs = shape(pages, per_portal)
    with TestbedProcess(portals=portals, docs_per_portal=docs) as served:
        served.testbed.write_registry(registry, served.base_url)
        yield served


def crawl_watched(registry: Path, db_url: str, workers: int, *options: str) -> Timed:
    """`govcorpus crawl --testbed` of a registry, watched; exits the bench if it fails."""
    timed = run_watched(govcorpus_command("crawl", "--registry", str(registry), "--db", db_url,
                                          "--testbed", "--workers", str(workers), *options))
    if timed.returncode != 0:
        sys.exit(f"crawl failed:\n{timed.stderr[-3000:]}")
    return timed
