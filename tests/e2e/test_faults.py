"""The fault mode: a real crawl of faulty portals on loopback, and the fault detectors."""

from __future__ import annotations

import gzip
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from crawler.faults import gzip_truncated, looks_binary
from crawler.politeness.address_guard import AddressPolicy
from crawler.politeness.traps import ListPageBudget
from crawler.politeness.waf import is_challenge
from crawler.portals import PortalDirectory
from crawler.runtime.monitors import EXIT_CODES
from govcorpus.registry import Portal, write_registry
from storage import make_engine
from storage.models import Document
from testbed import Testbed, TestbedServer
from testbed.faultcheck import FaultCheck, check_fault_crawl
from testbed.faults import (
    EXPECTED_KINDS,
    FAULT_CRAWL_SETTINGS,
    UNREADABLE_LIST,
    WAF412,
    WAF521,
)
from tests.conftest import govcorpus
from tests.paths import ROOT

FAULT_SETS = [f"--set={name}={value}" for name, value in FAULT_CRAWL_SETTINGS.items()]


@dataclass(frozen=True)
class FaultCrawl:
    testbed: Testbed
    base_url: str
    db_url: str
    returncode: int
    stdout: str
    stderr: str
    check: FaultCheck


def crawl(registry: Path, db_url: str, *extra: str):
    return govcorpus("crawl", "--registry", str(registry), "--db", db_url, "--testbed",
                     "--workers", "0", *FAULT_SETS, *extra)


@pytest.fixture(scope="module")
def fault_crawl(tmp_path_factory) -> FaultCrawl:
    """Two healthy portals and the three fault portals, crawled once into SQLite."""
    tmp = tmp_path_factory.mktemp("faults")
    testbed = Testbed(portals=2, docs_per_portal=6, faults=True)
    db_url = f"sqlite:///{tmp / 'corpus.db'}"
    with TestbedServer(testbed) as server:
        testbed.write_registry(tmp / "registry.csv", server.base_url)
        result = crawl(tmp / "registry.csv", db_url, f"--set=GOVCORPUS_SPILL_DIR={tmp}")
        base_url = server.base_url
    return FaultCrawl(testbed, base_url, db_url, result.returncode, result.stdout, result.stderr,
                      check_fault_crawl(db_url, testbed, base_url))


def test_fault_crawl_completes_and_loses_nothing(fault_crawl):
    blocked = EXIT_CODES["failing_portals"]  # the two WAF portals: every other monitor passes
    assert fault_crawl.returncode == blocked, fault_crawl.stderr[-3000:]
    assert "Traceback" not in fault_crawl.stderr
    assert fault_crawl.check.lost == ()
    assert fault_crawl.check.duplicated == 0


@pytest.mark.parametrize("name", sorted(n for n, kinds in EXPECTED_KINDS.items() if kinds[0]))
def test_each_fault_is_recorded_with_its_kind(fault_crawl, name):
    path = fault_crawl.testbed.faults.fault_paths()[name]
    recorded = fault_crawl.check.kinds_by_path.get(path, set())
    assert recorded & set(EXPECTED_KINDS[name]), (name, recorded)


def test_traps_and_waf_portals_are_recorded(fault_crawl):
    kinds = fault_crawl.check.kinds_by_path
    assert any("list_page_limit" in k for p, k in kinds.items() if "/rl/" in p)
    assert any("list_page_limit" in k for p, k in kinds.items() if "/index_" in p)
    for code in (WAF412, WAF521):
        assert any("blocked" in k for p, k in kinds.items() if p.startswith(f"/{code}/"))
    assert "parse_error" in kinds.get(UNREADABLE_LIST, set())


def test_traps_stop_at_the_list_page_limit(fault_crawl):
    served = fault_crawl.testbed.faults.served()
    limit = FAULT_CRAWL_SETTINGS["GOVCORPUS_MAX_LIST_PAGES"]
    assert served["list_trap"] <= limit and served["calendar_trap"] <= limit


def test_challenged_pages_are_asked_once(fault_crawl):
    hits = fault_crawl.testbed.faults.hits
    waf = {path: n for path, n in hits.items() if path.startswith((f"/{WAF412}/", f"/{WAF521}/"))}
    assert waf and max(waf.values()) == 1


def test_no_connection_is_attempted_to_refused_addresses(fault_crawl):
    # a refused target is never dialled, so nothing fails to connect or resolve
    kinds = fault_crawl.check.faults_by_kind
    assert not {"connection_refused", "dns", "DNSLookupError"} & kinds.keys()


def test_summary_counts_the_faults(fault_crawl):
    assert "faults" in fault_crawl.stdout and "redirect_private" in fault_crawl.stdout
    assert WAF412 in fault_crawl.stdout and WAF521 in fault_crawl.stdout  # blocked portals


def test_pages_with_lying_charsets_are_read_right(fault_crawl):
    engine = make_engine(fault_crawl.db_url)
    with engine.connect() as conn:
        texts = dict(conn.execute(sa.select(Document.url, Document.text).where(
            Document.url.like("%/charset_%_lie.html"))).all())
    engine.dispose()
    assert len(texts) == 2
    for url, text in texts.items():
        note = "编码声明错误页一" if "header" in url else "编码声明错误页二"
        assert note in (text or ""), (url, (text or "")[:80])


def test_blocked_portal_is_backed_off_not_hammered(tmp_path):
    testbed = Testbed(portals=1, docs_per_portal=1, faults=True)
    with TestbedServer(testbed) as server:
        waf = [p for p in testbed.faults.portals(server.base_url) if p.region_code == WAF521]
        write_registry(tmp_path / "registry.csv", waf)
        result = crawl(tmp_path / "registry.csv", f"sqlite:///{tmp_path / 'c.db'}",
                       "--set=CONCURRENT_REQUESTS=1")
    assert result.returncode == EXIT_CODES["failing_portals"], result.stderr[-3000:]
    documents = [p for p in testbed.faults.hits if p.startswith(f"/{WAF521}/content/")]
    assert documents and len(documents) == 1  # the first challenge, then nothing


def test_gzip_truncation_and_bombs():
    data = gzip.compress("年度报告".encode() * 5000)
    assert not gzip_truncated(data, 0)
    assert gzip_truncated(data[: len(data) // 2], 0)
    bomb = gzip.compress(b"\0" * 10_000_000)
    assert not gzip_truncated(bomb, 1_000_000)  # stops at the limit, leaves it to DOWNLOAD_MAXSIZE


def test_binary_bodies_are_told_from_html():
    assert looks_binary(b"%PDF-1.4\n" + b"x" * 100)
    assert looks_binary(bytes(range(256)) * 4)
    assert not looks_binary("<html><body>年度报告</body></html>".encode() + b"\0")


def test_waf_challenge_needs_status_and_script():
    page = b"<html><script>document.cookie='__jsl_clearance=1';location.reload()</script></html>"
    assert is_challenge(521, page) and is_challenge(412, page)
    assert not is_challenge(200, page)
    assert not is_challenge(412, b"<html><body>Precondition Failed</body></html>")


def test_private_addresses_need_the_allow_list():
    home = "http://127.0.0.1:8800/530323/index.html"
    allowed = Portal("530323", "x", "county", (home,), ("127.0.0.1",), {"allow_private": "1"})
    other = Portal("341621", "y", "county", ("http://www.gy.gov.cn/",), ("gy.gov.cn",))
    policy = AddressPolicy(PortalDirectory([allowed, other], None, max_pages=10))
    assert policy.address_problem("http://127.0.0.1:8800/530323/a.html", "530323") is None
    assert policy.address_problem("http://127.0.0.1:8801/", "530323")  # another port
    assert policy.address_problem("http://127.0.0.2:8800/", "530323")  # another host
    assert policy.address_problem("http://127.0.0.1:8800/", "341621")  # not on the list
    for url in ("http://10.1.2.3/", "http://192.168.0.1/", "http://169.254.169.254/",
                "http://[::1]/", "http://0.0.0.0/"):
        assert policy.address_problem(url, "530323"), url
    assert policy.address_problem("http://8.8.8.8/", "341621") is None  # public: fine
    assert policy.domain_problem("http://www.example.com/", "341621")
    assert policy.domain_problem("http://xxgk.gy.gov.cn/a", "341621") is None


def test_list_page_budget_counts_each_column():
    budget = ListPageBudget(2)
    assert budget.admit("1", "http://h/a/index.html") and budget.admit("1", "http://h/a/index_1.html")
    assert not budget.admit("1", "http://h/a/index_2.html")
    assert budget.admit("1", "http://h/a/index_1.html")  # already counted
    assert budget.admit("1", "http://h/b/index.html") and budget.admit("2", "http://h/a/index.html")
    assert budget.first_refusal("1", "http://h/a/x") and not budget.first_refusal("1", "http://h/a/y")


def test_bench_ends_with_a_clean_result_line(tmp_path):
    bench = ROOT / "bench" / "faults.py"
    result = subprocess.run(
        [sys.executable, str(bench), "--portals", "1", "--docs", "3",
         "--db", f"sqlite:///{tmp_path / 'bench.db'}"],
        capture_output=True, text=True, timeout=600,
    )
    last = result.stdout.strip().splitlines()[-1]
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert last.startswith("RESULT faults_served=")
    assert last.endswith("crawl_completed=1 records_lost=0 records_duplicated=0 "
                         "unhandled_exceptions=0")
    assert int(last.split("faults_served=")[1].split()[0]) >= len(EXPECTED_KINDS)
