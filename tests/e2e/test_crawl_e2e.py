"""End to end: crawl the testbed over loopback into SQLite and Postgres with the CLI."""

from __future__ import annotations

import re

import sqlalchemy as sa

from govcorpus.identity import canonical_url
from storage import make_engine
from storage.models import Capture, Document, Fault
from storage.read.coverage import coverage
from testbed.recall import measure_recall
from tests.conftest import fetch_scalar, govcorpus


def count(db_url: str, model) -> int:
    return fetch_scalar(db_url, sa.select(sa.func.count()).select_from(model))


def test_crawl_finds_every_report_once_and_is_idempotent(served_testbed, db_url):
    registry = str(served_testbed.registry)
    first = govcorpus("crawl", "--registry", registry, "--db", db_url, "--testbed")
    assert first.returncode == 0, first.stderr[-3000:]
    recall = measure_recall(db_url, served_testbed.testbed, served_testbed.base_url)
    assert recall.reports_found == recall.reports_present > 0
    assert recall.documents_found == recall.documents_present
    assert (recall.misclassified, recall.unexpected, recall.duplicated) == (0, 0, 0)
    documents, captures = count(db_url, Document), count(db_url, Capture)

    second = govcorpus("crawl", "--registry", registry, "--db", db_url, "--testbed")
    assert second.returncode == 0, second.stderr[-3000:]
    assert count(db_url, Document) == documents
    assert count(db_url, Capture) == captures  # every document answered 304: no new body


def test_stored_metadata_matches_the_testbed(testbed_corpus):
    engine = make_engine(testbed_corpus.db_url)
    with engine.connect() as conn:
        stored = {row.canonical_url: row for row in conn.execute(sa.select(Document)).all()}
    engine.dispose()
    wrong = []
    for doc in testbed_corpus.testbed.manifest():
        row = stored[canonical_url(testbed_corpus.base_url + doc.url_path)]
        for field in ("title", "publish_date", "written_date", "issuing_body", "index_number",
                      "doc_number", "is_annual_report", "report_year"):
            expected, got = getattr(doc, field), getattr(row, field)
            if expected != got:
                wrong.append((doc.url_path, field, expected, got))
        if doc.phrase not in (row.text or ""):
            wrong.append((doc.url_path, "text", doc.phrase, (row.text or "")[:80]))
        if row.encoding != {"gbk": "gb18030"}.get(doc.encoding, doc.encoding):
            wrong.append((doc.url_path, "encoding", doc.encoding, row.encoding))
    assert wrong == []


def test_crawl_records_no_faults_on_a_healthy_testbed(testbed_corpus):
    assert count(testbed_corpus.db_url, Fault) == 0
    assert "govcorpus summary" in testbed_corpus.stdout


def test_coverage_of_the_crawl_matches_the_testbed(testbed_corpus, tmp_path):
    manifest = testbed_corpus.testbed.manifest()
    expected = {(d.portal_code, d.report_year) for d in manifest if d.is_annual_report}
    engine = make_engine(testbed_corpus.db_url)
    cov = coverage(engine)
    engine.dispose()
    assert cov.years == sorted({year for _, year in expected})
    found = {(code, year) for code, years in cov.found.items() for year in years}
    assert found == expected
    assert len(cov.missing()) == len(cov.portals) * len(cov.years) - len(expected)
    assert cov.silent_portals() == []
    out = tmp_path / "coverage.html"
    result = govcorpus("coverage", "--out", str(out), "--db", testbed_corpus.db_url)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"portal-years missing: <b>{len(cov.missing())}</b>" in out.read_text("utf-8")


def test_demo_prints_summary_and_writes_db(tmp_path):
    result = govcorpus("demo", "--portals", "3", "--docs", "8", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (tmp_path / "govcorpus.db").is_file()
    assert "govcorpus summary" in result.stdout
    assert "testbed check:" in result.stdout
    agree = re.search(r"panel check: (\d+)/(\d+) government-years", result.stdout)
    assert agree and agree[1] == agree[2] and int(agree[1]) > 0, result.stdout[-2000:]


def test_bad_registry_is_one_clear_line(tmp_path):
    result = govcorpus("crawl", "--registry", str(tmp_path / "missing.csv"))
    assert result.returncode == 2
    assert "registry file not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_db_url_is_one_clear_line(served_testbed):
    result = govcorpus("crawl", "--registry", str(served_testbed.registry), "--db", "nosuchdb://x")
    assert result.returncode == 2
    assert "database URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_page_of_a_long_column_is_read(tmp_path, sqlite_url):
    """A pager links only a few pages either side, so page k of a long list is reached
    through dozens of list pages; its documents must be fetched all the same."""
    from testbed import Testbed, TestbedServer

    testbed = Testbed(portals=2, docs_per_portal=700)  # the query-string portal: 70 pages
    query_portal = next(s.region_code for s in testbed.portal_specs() if s.style == "query")
    with TestbedServer(testbed) as server:
        registry = tmp_path / "registry.csv"
        testbed.write_registry(registry, server.base_url)
        header, *rows = registry.read_text("utf-8").splitlines()
        registry.write_text("\n".join([header, *(r for r in rows if query_portal in r)]) + "\n",
                            "utf-8")
        # one request at a time: pages are found in a fixed order, the deepest chain first
        result = govcorpus("crawl", "--registry", str(registry), "--db", sqlite_url,
                           "--testbed", "--workers", "2", "--set", "CONCURRENT_REQUESTS=1")
    assert result.returncode == 0, result.stderr[-3000:]
    present = [doc for doc in testbed.manifest() if doc.portal_code == query_portal]
    assert len(present) == 700 and count(sqlite_url, Document) == len(present)
