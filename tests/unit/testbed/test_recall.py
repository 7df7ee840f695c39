"""The testbed check the demo prints: found, misclassified, unexpected and duplicated pages."""

from __future__ import annotations

from datetime import datetime, timezone

from storage import CorpusWriter, init_db, make_engine
from testbed import Testbed
from testbed.recall import measure_recall
from tests.portals import portal

BASE = "http://127.0.0.1:8800"
T0 = datetime(2026, 3, 10, tzinfo=timezone.utc)


def store(db_url: str, testbed: Testbed, keys: list[tuple[str, str]]) -> None:
    """Store one document per (fetched URL, key) pair, labelled as the manifest has it."""
    docs = {BASE + doc.url_path: doc for doc in testbed.manifest()}
    engine = make_engine(db_url)
    init_db(engine)
    writer = CorpusWriter(engine, batch_size=100)
    writer.start_run()
    writer.upsert_portals([portal(spec.region_code, spec.name) for spec in testbed.portal_specs()])
    for url, key in keys:
        doc = docs[url.split("#")[0]]
        writer.add_page({"portal_code": doc.portal_code, "url": url, "canonical_url": key,
                         "status": 200, "headers": {}, "body": b"<p>x</p>", "fetched_at": T0,
                         "is_annual_report": doc.is_annual_report,
                         "report_year": doc.report_year})
    writer.finish_run(writer.run_id, {})
    engine.dispose()


def test_a_page_stored_under_two_keys_is_counted_once_as_duplicated(db_url):
    testbed = Testbed(portals=1, docs_per_portal=3, seed=0)
    first, second, third = (BASE + doc.url_path for doc in testbed.manifest())
    store(db_url, testbed, [(first, first), (second, second), (third, third),
                            (first + "#top", first + "#top")])  # a fragment kept in the key
    recall = measure_recall(db_url, testbed, BASE)
    assert (recall.documents_found, recall.documents_present) == (3, 3)
    assert (recall.duplicated, recall.unexpected) == (1, 1)


def test_every_page_stored_once_is_no_duplicate(db_url):
    testbed = Testbed(portals=1, docs_per_portal=3, seed=0)
    urls = [BASE + doc.url_path for doc in testbed.manifest()]
    store(db_url, testbed, [(url, url) for url in urls])
    recall = measure_recall(db_url, testbed, BASE)
    assert (recall.documents_found, recall.duplicated, recall.unexpected) == (3, 0, 0)
