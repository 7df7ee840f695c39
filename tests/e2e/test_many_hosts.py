"""A national crawl in small: portals on loopback addresses of their own, each with its own
latency, one that never answers, crawled by the CLI with the polite settings (clocks shortened)."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from govcorpus.identity import canonical_url
from storage.models import Capture, CrawlRun, Document, Fault
from testbed.hosts import Host, ManyHostProcess, host_address
from tests.conftest import fetch_all, fetch_scalar, govcorpus

LATENCIES = (0.02, 0.1, None, 0.05)  # the third never answers
# the fourth portal's column is a TRS 动静结合 one: 25 documents need its search API (POST)
SIZES = (3, 12, 5, 25)
FAST_CLOCKS = ("DOWNLOAD_DELAY=0.05", "AUTOTHROTTLE_START_DELAY=0.1", "DOWNLOAD_TIMEOUT=2",
               "RETRY_TIMES=0")


@pytest.fixture(scope="module")
def many_hosts():
    hosts = [Host(host_address(i), latency) for i, latency in enumerate(LATENCIES)]
    with ManyHostProcess(hosts, portals=len(hosts), sizes=list(SIZES)) as served:
        yield served


def crawl(served: ManyHostProcess, registry, db_url: str, exit_code: int) -> None:
    """One night; `exit_code` is what the monitors say of the dead portal (README)."""
    sets = [part for option in FAST_CLOCKS for part in ("--set", option)]
    done = govcorpus("crawl", "--registry", str(registry), "--db", db_url, "--workers", "1",
                     *sets)
    assert done.returncode == exit_code, done.stderr[-3000:]


def test_each_portal_is_crawled_at_its_own_host_and_a_dead_one_is_a_fault(
        many_hosts, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'national.db'}"
    many_hosts.write_registry(tmp_path / "registry.csv")
    crawl(many_hosts, tmp_path / "registry.csv", db_url, exit_code=14)  # the dead one: empty

    specs = many_hosts.testbed.portal_specs()
    expected = {canonical_url(many_hosts.base_url(spec.index) + doc.url_path)
                for spec in specs for doc in many_hosts.testbed.manifest()
                if doc.portal_code == spec.region_code and LATENCIES[spec.index] is not None}
    stored = {url for (url,) in fetch_all(db_url, sa.select(Document.canonical_url))}
    assert stored == expected
    hosts = Counter(urlsplit(url).hostname for (url,) in fetch_all(db_url, sa.select(Capture.url)))
    assert set(hosts) == {host_address(0), host_address(1), host_address(3)}
    dead = fetch_all(db_url, sa.select(Fault.portal_code, Fault.kind))
    assert set(dead) == {(specs[2].region_code, "timeout")}


def test_the_next_night_reads_stored_portals_in_threads_never_on_the_reactor(
        many_hosts, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'twice.db'}"
    many_hosts.write_registry(tmp_path / "registry.csv")
    crawl(many_hosts, tmp_path / "registry.csv", db_url, exit_code=14)  # the dead one: empty
    crawl(many_hosts, tmp_path / "registry.csv", db_url, exit_code=16)  # two nights: failing
    stats = fetch_scalar(db_url, sa.select(CrawlRun.stats).order_by(CrawlRun.id.desc()).limit(1))
    assert stats.get("stored/thread_reads") == 3  # the three portals that answered
    assert "stored/sync_reads" not in stats
