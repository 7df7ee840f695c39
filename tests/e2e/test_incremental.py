"""Nightly incremental crawls: three testbed days crawled over loopback into SQLite and Postgres."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from govcorpus.identity import canonical_url
from storage.models import Capture, CrawlRun, Document, DocumentVersion
from testbed import Testbed, TestbedServer
from tests.conftest import fetch_all, govcorpus
from tests.ports import free_port

PORTALS, DOCS = 3, 8



@pytest.fixture
def night(tmp_path: Path) -> Callable[..., Testbed]:
    """Crawl testbed day N with the CLI; every night is served at the same address.

    Every listed document is asked for again each night (revisit 0 days) unless told otherwise.
    """
    port = free_port()

    def crawl(day: int, db_url: str, revisit_days: float = 0) -> tuple[Testbed, str, str]:
        testbed = Testbed(portals=PORTALS, docs_per_portal=DOCS, day=day)
        with TestbedServer(testbed, port=port) as server:
            registry = tmp_path / "registry.csv"
            testbed.write_registry(registry, server.base_url)
            result = govcorpus("crawl", "--registry", str(registry), "--db", db_url,
                               "--testbed", "--workers", "0",
                               "--set", f"GOVCORPUS_REVISIT_DAYS={revisit_days}")
        assert result.returncode == 0, result.stderr[-3000:]
        return testbed, server.base_url, result.stdout

    return crawl


query = fetch_all


def last_run_stats(db_url: str) -> dict:
    [(stats,)] = query(db_url, sa.select(CrawlRun.stats).order_by(CrawlRun.id.desc()).limit(1))
    return stats


def documents(db_url: str) -> dict[str, object]:
    return {row.canonical_url: row for row in query(db_url, sa.select(Document))}


def edited(testbed: Testbed, base_url: str, kind: str) -> set[str]:
    """Canonical URLs of one kind of day edit (corrected, retemplated, added, removed…)."""
    urls = set()
    for spec in testbed.portal_specs():
        urls |= {canonical_url(base_url + path)
                 for path in getattr(testbed.edits(spec.region_code), kind)}
    return urls


def test_three_nights_keep_versions_and_takedowns(db_url, night):
    testbed, base, out = night(1, db_url)
    first = len(testbed.manifest())
    stats = last_run_stats(db_url)
    assert stats.items() >= {"new": first, "changed": 0, "gone": 0, "not_modified": 0}.items()
    day1 = set(documents(db_url))
    captures_day1 = len(query(db_url, sa.select(Capture.id)))

    testbed, base, out = night(2, db_url)
    stats = last_run_stats(db_url)
    untouched = first - 4 * PORTALS  # one corrected, retemplated, removed, redirected each
    assert (stats["new"], stats["changed"], stats["gone"]) == (PORTALS, PORTALS, 2 * PORTALS)
    assert stats["not_modified"] == untouched
    assert stats["unchanged"] == untouched + PORTALS  # a new template, the same text
    assert stats["requests"] > 0
    assert "this run" in out and f"unchanged: {untouched + PORTALS}" in out
    docs = documents(db_url)
    assert len(docs) == first + PORTALS
    for url in edited(testbed, base, "corrected"):
        assert docs[url].version == 2
    for url in edited(testbed, base, "retemplated"):
        assert docs[url].version == 1
    assert {docs[u].gone_reason for u in edited(testbed, base, "removed")} == {"http_404"}
    redirected = edited(testbed, base, "redirected")
    assert {docs[u].gone_reason for u in redirected} == {"redirect_home"}
    # 304s store no body: new captures only for the pages that changed or are new
    assert len(query(db_url, sa.select(Capture.id))) == captures_day1 + 3 * PORTALS
    gone_day2 = {u: docs[u].gone_since for u in docs if docs[u].gone_since is not None}

    testbed, base, out = night(3, db_url)
    stats = last_run_stats(db_url)
    assert (stats["new"], stats["changed"], stats["gone"]) == (PORTALS, PORTALS, 2 * PORTALS)
    docs = documents(db_url)
    assert len(docs) == first + 2 * PORTALS  # nothing is ever deleted
    assert all(docs[u].gone_since == since for u, since in gone_day2.items())
    corrected = edited(testbed, base, "corrected")
    versions = query(db_url, sa.select(Document.canonical_url, DocumentVersion.version,
                                       DocumentVersion.text_normalized)
                     .join(DocumentVersion, DocumentVersion.document_id == Document.id)
                     .where(Document.canonical_url.in_(corrected)))
    latest = {}
    for url, version, text in versions:
        latest[url] = max(latest.get(url, (0, "")), (version, text))
    assert {v for v, _ in latest.values()} == {2}
    assert all("更正" in text for _, text in latest.values())
    kept = [docs[u] for u in day1 if docs[u].gone_since is None]
    assert kept and all(doc.first_seen < doc.last_seen for doc in kept)



def test_documents_not_due_cost_no_request_and_stay_listed(db_url, night):
    testbed, base, _ = night(1, db_url, revisit_days=7)
    first = len(testbed.manifest())
    first_requests = last_run_stats(db_url)["requests"]

    again, _, _ = night(1, db_url, revisit_days=7)  # the same night again: nothing is due yet
    stats = last_run_stats(db_url)
    assert stats.items() >= {"not_due": first, "new": 0, "changed": 0, "gone": 0,
                             "not_modified": 0}.items()
    # list pages only (the server's log): no document, and no navigation page either, since
    # the columns found the first night are remembered
    asked = [path for path in again.requested if path != "/robots.txt"]
    assert asked and all(again.is_list_page(path) for path in asked), asked
    assert stats["requests"] == len(again.requested) < first_requests - first  # robots.txt too
    [(run_id,)] = query(db_url, sa.select(sa.func.max(CrawlRun.id)))
    docs = documents(db_url)
    assert {doc.last_listed_run_id for doc in docs.values()} == {run_id}
    assert all(doc.missing_runs == 0 for doc in docs.values())

    testbed, base, out = night(2, db_url, revisit_days=7)
    stats = last_run_stats(db_url)
    # new reports are fetched and takedowns found (they leave their lists); the quiet
    # correction waits for its revisit, the new template too
    assert (stats["new"], stats["changed"], stats["gone"]) == (PORTALS, 0, 2 * PORTALS)
    assert stats["not_due"] == first - 2 * PORTALS
    assert "not due" in out
    docs = documents(db_url)
    assert {docs[u].version for u in edited(testbed, base, "corrected")} == {1}
