"""`govcorpus crawl --processes 2`: portals on loopback hosts of their own, split between two
crawling processes writing one corpus, SQLite and PostgreSQL; then a second night."""

from __future__ import annotations

import json

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
