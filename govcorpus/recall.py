"""How much of the testbed a crawl stored: the demo's and the tests' yardstick."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from govcorpus.identity import canonical_url
from storage import make_engine
from storage.models import Document


@dataclass(frozen=True)
class Recall:
    documents_present: int
    documents_found: int
    reports_present: int
    reports_found: int
    misclassified: int  # stored with the wrong is_annual_report or report_year
    unexpected: int  # stored documents the testbed does not list
    duplicated: int  # canonical URLs stored more than once


def measure_recall(db_url: str, testbed, base_url: str) -> Recall:
    """Compare the stored documents with the testbed's manifest."""
    engine = make_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(Document.canonical_url, Document.is_annual_report, Document.report_year)
        ).all()
    engine.dispose()
    stored: dict[str, tuple[bool, int | None]] = {}
    duplicated = 0
    for url, is_report, year in rows:
        if not url.startswith(base_url):
            continue
        duplicated += url in stored
        stored[url] = (bool(is_report), year)
    expected = {
        canonical_url(base_url + doc.url_path): (doc.is_annual_report, doc.report_year)
        for doc in testbed.manifest()
    }
    found = expected.keys() & stored.keys()
    return Recall(
        documents_present=len(expected),
        documents_found=len(found),
        reports_present=sum(is_report for is_report, _ in expected.values()),
        reports_found=sum(expected[url][0] for url in found),
        misclassified=sum(_label(expected[url]) != _label(stored[url]) for url in found),
        unexpected=len(stored.keys() - expected.keys()),
        duplicated=duplicated,
    )


def _label(value: tuple[bool, int | None]) -> tuple[bool, int | None]:
    is_report, year = value
    return (is_report, year if is_report else None)
