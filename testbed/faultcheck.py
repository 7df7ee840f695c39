"""What a crawl of the fault testbed stored: lost and duplicated records, faults by kind and URL."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import urlsplit

import sqlalchemy as sa

from govcorpus.identity import canonical_url
from storage import corpus_engine
from storage.models import Capture, CrawlRun, Document, Fault
from testbed.recall import stored_again


@dataclass(frozen=True)
class FaultCheck:
    expected: int  # good documents the testbed serves (normal portals and fault portals)
    lost: tuple[str, ...]  # their canonical URLs not stored
    duplicated: int  # pages stored under two keys, extra captures per URL within a run
    faults_by_kind: dict[str, int]
    kinds_by_path: dict[str, set[str]]  # URL path (no host, no query) -> fault kinds
    run_status: str | None


def expected_urls(testbed, base_url: str) -> set[str]:
    """Canonical URLs of every document that must be stored despite the faults."""
    paths = [doc.url_path for doc in testbed.manifest()]
    if testbed.faults is not None:
        paths += testbed.faults.good_paths()
    return {canonical_url(base_url + path) for path in paths}


def check_fault_crawl(db_url: str, testbed, base_url: str, run_id: int | None = None
                      ) -> FaultCheck:
    """Compare the stored corpus with what the (fault) testbed serves."""
    with corpus_engine(db_url) as engine:
        with engine.connect() as conn:
            stored = conn.execute(sa.select(Document.canonical_url, Document.url)).all()
            per_run = conn.execute(
                sa.select(sa.func.count() - 1).select_from(Capture)
                .group_by(Capture.run_id, Capture.document_id, Capture.url)
                .having(sa.func.count() > 1)
            ).scalars().all()
            faults = conn.execute(sa.select(Fault.url, Fault.kind).where(
                sa.true() if run_id is None else Fault.run_id == run_id
            )).all()
            status = None if run_id is None else conn.execute(
                sa.select(CrawlRun.status).where(CrawlRun.id == run_id)
            ).scalar_one_or_none()
    expected = expected_urls(testbed, base_url)
    kinds: dict[str, set[str]] = defaultdict(set)
    for url, kind in faults:
        kinds[urlsplit(url).path].add(kind)
    return FaultCheck(
        expected=len(expected),
        lost=tuple(sorted(expected - {canonical for canonical, _ in stored})),
        duplicated=stored_again(url for _, url in stored) + sum(per_run),
        faults_by_kind=dict(Counter(kind for _, kind in faults)),
        kinds_by_path=dict(kinds),
        run_status=status,
    )
