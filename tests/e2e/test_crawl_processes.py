"""`govcorpus crawl --processes 2`: portals on loopback hosts of their own, split between two
crawling processes writing one corpus, SQLite and PostgreSQL; then a second night."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from govcorpus.identity import canonical_url
from storage.models import CrawlRun, Document, PortalHealth
from testbed.hosts import Host, ManyHostProcess, host_address
from tests.conftest import fetch_all, govcorpus

LATENCIES = (0.02, 0.05, 0.02, 0.05, 0.02)
SIZES = (4, 9, 3, 25, 6)  # the fourth column is a TRS 动静结合 one, read through its search API
CLOCKS = ("DOWNLOAD_DELAY=0.05", "AUTOTHROTTLE_START_DELAY=0.1", "DOWNLOAD_TIMEOUT=5")


@pytest.fixture(scope="module")
def five_hosts():
    hosts = [Host(host_address(i), latency) for i, latency in enumerate(LATENCIES)]
    with ManyHostProcess(hosts, portals=len(hosts), sizes=list(SIZES)) as served:
        yield served


def crawl(registry, db_url: str, *options: str):
    sets = [part for option in CLOCKS for part in ("--set", option)]
    return govcorpus("crawl", "--registry", str(registry), "--db", db_url, "--workers", "2",
                     "--processes", "2", *sets, *options)


def test_two_processes_store_every_document_once_each_portal_in_one_run(
        five_hosts, tmp_path, db_url):
    five_hosts.write_registry(tmp_path / "registry.csv")
    report = tmp_path / "night.json"
    done = crawl(tmp_path / "registry.csv", db_url, "--report", str(report))
    assert done.returncode == 0, done.stderr[-3000:]
    assert "in 2 processes: 3, 2 portals" in done.stdout

    expected = {canonical_url(five_hosts.base_url(spec.index) + doc.url_path)
                for spec in five_hosts.testbed.portal_specs()
                for doc in five_hosts.testbed.manifest() if doc.portal_code == spec.region_code}
    assert len(expected) == sum(SIZES)
    stored = [url for (url,) in fetch_all(db_url, sa.select(Document.canonical_url))]
    assert sorted(stored) == sorted(expected)

    runs = fetch_all(db_url, sa.select(CrawlRun.id, CrawlRun.status))
    assert [status for _, status in runs] == ["finished", "finished"]
    nights = fetch_all(db_url, sa.select(PortalHealth.portal_code, PortalHealth.run_id))
    codes = [spec.region_code for spec in five_hosts.testbed.portal_specs()]
    assert sorted(code for code, _ in nights) == sorted(codes)  # each portal once
    assert {run for _, run in nights} == {run for run, _ in runs}
    reports = [json.loads((tmp_path / f"night-{n}.json").read_text()) for n in (1, 2)]
    assert sorted(r["run_id"] for r in reports) == sorted(run for run, _ in runs)
    assert not report.exists()


def test_the_second_night_in_two_processes_asks_and_stores_nothing_new(five_hosts, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'twice.db'}"
    five_hosts.write_registry(tmp_path / "registry.csv")
    assert crawl(tmp_path / "registry.csv", db_url).returncode == 0
    second = crawl(tmp_path / "registry.csv", db_url)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "database is locked" not in second.stderr
    runs = fetch_all(db_url, sa.select(CrawlRun.id, CrawlRun.stats).order_by(CrawlRun.id))
    assert len(runs) == 4
    tonight = [stats for _, stats in runs[2:]]
    assert sum(stats.get("new", 0) + stats.get("changed", 0) for stats in tonight) == 0
    assert all(not stats.get("store_errors") for stats in tonight)
    assert fetch_all(db_url, sa.select(sa.func.count()).select_from(Document)) == [
        (sum(SIZES),)]


def test_processes_and_a_shared_redis_queue_are_refused(tmp_path):
    (tmp_path / "registry.csv").write_text(
        "region_code,name,level,start_urls,allowed_domains,hints\n"
        "350128,平潭县,county,http://127.0.0.1:9/,127.0.0.1,\n", encoding="utf-8")
    done = govcorpus("crawl", "--registry", str(tmp_path / "registry.csv"), "--db",
                     f"sqlite:///{tmp_path / 'x.db'}", "--processes", "2",
                     "--redis", "redis://127.0.0.1:6379/0")
    assert done.returncode == 2
    assert "--processes with --redis" in done.stderr


def _children(pid: int) -> set[int]:
    """The crawling processes whose parent is `pid` (multiprocessing's resource tracker
    aside), from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and b"spawn_main" in _cmdline(stat.parent):
            found.add(int(stat.parent.name))
    return found


def _cmdline(proc: Path) -> bytes:
    try:
        return (proc / "cmdline").read_bytes()
    except OSError:
        return b""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_stop_signal_to_the_parent_stops_every_process_and_closes_their_runs(
        five_hosts, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'stopped.db'}"
    five_hosts.write_registry(tmp_path / "registry.csv")
    slow = ["--set", "DOWNLOAD_DELAY=2", "--set", "AUTOTHROTTLE_ENABLED=False"]
    parent = subprocess.Popen(
        [sys.executable, "-m", "govcorpus", "crawl", "--registry", str(tmp_path / "registry.csv"),
         "--db", db_url, "--workers", "0", "--processes", "2", *slow],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # both children crawling: two runs opened
        if (tmp_path / "stopped.db").exists() and len(_runs(db_url)) == 2:
            break
        time.sleep(0.5)
    time.sleep(3)  # at 2 s between requests to a host, no portal is done by then
    children = _children(parent.pid)
    assert len(children) == 2
    parent.send_signal(signal.SIGTERM)
    _, stderr = parent.communicate(timeout=90)
    assert parent.returncode == 10, stderr[-3000:]  # the crawl stopped early (README)
    assert not [pid for pid in children if _alive(pid)]
    assert [status for _, status in _runs(db_url)] == ["failed", "failed"]
    assert _documents(db_url) < sum(SIZES)


def _documents(db_url: str) -> int:
    try:
        return fetch_all(db_url, sa.select(sa.func.count()).select_from(Document))[0][0]
    except sa.exc.OperationalError:  # no schema yet
        return 0


def _runs(db_url: str) -> list:
    try:
        return fetch_all(db_url, sa.select(CrawlRun.id, CrawlRun.status).order_by(CrawlRun.id))
    except sa.exc.OperationalError:  # no schema yet
        return []
