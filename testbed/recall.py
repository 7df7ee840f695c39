"""How much of the testbed a crawl stored: the demo's and the tests' yardstick."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import sqlalchemy as sa

from govcorpus.identity import canonical_url
from storage import corpus_engine
from storage.models import Document


@dataclass(frozen=True)
class Recall:
    documents_present: int
    documents_found: int
    reports_present: int
    reports_found: int
    misclassified: int  # stored with the wrong is_annual_report or report_year
    unexpected: int  # stored documents the testbed does not list
    duplicated: int  # documents stored again under another key (same testbed path)


def measure_recall(db_url: str, testbed, base_url: str) -> Recall:
    """Compare the stored documents with the testbed's manifest (but for the portals it serves
    as down, whose documents no crawl can store)."""
    with corpus_engine(db_url) as engine, engine.connect() as conn:
        rows = [row for row in conn.execute(sa.select(
            Document.canonical_url, Document.url, Document.is_annual_report, Document.report_year
        )) if row.canonical_url.startswith(base_url)]
    stored = {url: (bool(is_report), year) for url, _, is_report, year in rows}
    expected = {
        canonical_url(base_url + doc.url_path): (doc.is_annual_report, doc.report_year)
        for doc in testbed.manifest() if doc.portal_code not in testbed.down
    }
    found = expected.keys() & stored.keys()
    return Recall(
        documents_present=len(expected),
        documents_found=len(found),
        reports_present=sum(is_report for is_report, _ in expected.values()),
        reports_found=sum(expected[url][0] for url in found),
        misclassified=sum(_label(expected[url]) != _label(stored[url]) for url in found),
        unexpected=len(stored.keys() - expected.keys()),
        duplicated=stored_again(fetched for _, fetched, _, _ in rows),
    )


def stored_again(fetched_urls: Iterable[str]) -> int:
    """How many stored documents repeat another's page: fetched from the same server, path and
    query. The testbed serves each page at one path and query, so two documents fetched there
    are one page stored under two keys (a fragment, say, kept in one of them)."""
    served = Counter(_page_of(url) for url in fetched_urls)
    return sum(count - 1 for count in served.values())


def _page_of(url: str) -> tuple[str | None, int | None, str, str]:
    parts = urlsplit(url)
    return parts.hostname, parts.port, parts.path, parts.query


def _label(value: tuple[bool, int | None]) -> tuple[bool, int | None]:
    is_report, year = value
    return (is_report, year if is_report else None)
