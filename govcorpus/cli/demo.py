"""`govcorpus demo`: the testbed served on loopback, crawled, summed up and checked."""

from __future__ import annotations

import socket
import tempfile
import time
from pathlib import Path

from govcorpus.cli.common import check_db_url, console
from govcorpus.cli.crawl import print_summary, run_crawl
from govcorpus.registry import load_registry
from testbed.settings import TESTBED_SETTINGS


def demo(db_url: str, portals: int, docs: int, workers: int = 0) -> None:
    """Serve the testbed, crawl it, print the summary and how many testbed reports were found."""
    check_db_url(db_url)
    started = time.monotonic()
    with _demo_server(portals, docs) as server, tempfile.TemporaryDirectory() as tmp:
        testbed = server.testbed
        registry = Path(tmp) / "testbed-registry.csv"
        testbed.write_registry(registry, server.base_url)
        console.print(f"testbed: {len(testbed.portal_specs())} portals at {server.base_url}")
        overrides = {"GOVCORPUS_PROGRESS": True, "GOVCORPUS_WORKERS": workers,
                     **TESTBED_SETTINGS}
        result = run_crawl(load_registry(registry), db_url, str(registry), overrides)
        base_url = server.base_url
    elapsed = time.monotonic() - started
    print_summary(db_url, result.run_id)
    _print_recall(db_url, testbed, base_url)
    _print_attachments(db_url)
    console.print(f"wall time: {elapsed:.1f} s; corpus in {db_url}")


DEMO_PORT = 8765  # a fixed port keeps the demo's URLs, and so its documents, stable across runs


def _demo_server(portals: int, docs: int):
    """The testbed served by its own process, on the demo's fixed port when it is free."""
    from testbed import TestbedProcess

    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", DEMO_PORT))
            port = DEMO_PORT
        except OSError:
            port = 0
    return TestbedProcess(port=port, portals=portals, docs_per_portal=docs, attachments=True)


def _print_recall(db_url: str, testbed, base_url: str) -> None:
    from testbed.recall import measure_recall

    recall = measure_recall(db_url, testbed, base_url)
    console.print(
        f"testbed check: {recall.reports_found}/{recall.reports_present} reports found, "
        f"{recall.documents_found}/{recall.documents_present} documents, "
        f"{recall.misclassified} misclassified, {recall.unexpected} unexpected, "
        f"{recall.duplicated} duplicated"
    )


def _print_attachments(db_url: str) -> None:
    from storage import corpus_engine
    from storage.write.attachments import attachment_counts, describe_attachments

    with corpus_engine(db_url) as engine:
        counts = attachment_counts(engine)
    console.print(f"attachments: {describe_attachments(counts)}")
