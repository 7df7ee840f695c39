"""`govcorpus demo`: the testbed served on loopback, crawled, summed up and checked."""

from __future__ import annotations

import socket
import tempfile
import time
from pathlib import Path

from govcorpus.cli.common import check_db_url, console
from govcorpus.cli.crawl import print_summary
from govcorpus.cli.scrapy_run import run_crawl
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
    _print_panel(db_url, testbed)
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
    return TestbedProcess(port=port, portals=portals, docs_per_portal=docs, attachments=True,
                          **demo_holes(portals))


def demo_holes(portals: int) -> dict:
    """The holes the demo's testbed is built with, for those of its portals present."""
    from testbed.panelcheck import DEMO_DOWN, DEMO_REPORTS
    from testbed.regions import portal_specs

    codes = {spec.region_code for spec in portal_specs(portals)}
    reports = {code: years for code, years in DEMO_REPORTS.items() if code in codes}
    return {"government_reports": reports, "down": [c for c in DEMO_DOWN if c in codes]}


def _print_recall(db_url: str, testbed, base_url: str) -> None:
    from testbed.recall import measure_recall

    recall = measure_recall(db_url, testbed, base_url)
    down = f" (portal {', '.join(sorted(testbed.down))} down by design: not counted)"
    console.print(
        f"testbed check{down if testbed.down else ''}: "
        f"{recall.reports_found}/{recall.reports_present} reports found, "
        f"{recall.documents_found}/{recall.documents_present} documents, "
        f"{recall.misclassified} misclassified, {recall.unexpected} unexpected, "
        f"{recall.duplicated} duplicated"
    )


def _print_panel(db_url: str, testbed) -> None:
    """The panel of governments × report years against what the testbed's plan says."""
    from storage import corpus_engine
    from storage.read.panel import Government, government_panel
    from testbed.panelcheck import compare, expected_statuses, status_counts

    governments = [Government(s.region_code, s.name) for s in testbed.portal_specs()]
    with corpus_engine(db_url) as engine:
        rows = government_panel(engine, governments)
    panel = {(row.region_code, row.report_year): row.status for row in rows}
    years = sorted({row.report_year for row in rows})
    agree, differ = compare(expected_statuses(testbed, years), panel)
    counts = ", ".join(f"{status} {n}" for status, n in sorted(status_counts(panel).items()))
    console.print(f"panel check: {agree}/{agree + len(differ)} government-years as the testbed "
                  f"planned them ({counts})")
    for code, year, expected, got in differ[:10]:
        console.print(f"  {code} {year}: planned {expected}, panel says {got}")


def _print_attachments(db_url: str) -> None:
    from storage import corpus_engine
    from storage.write.attachments import attachment_counts, describe_attachments

    with corpus_engine(db_url) as engine:
        counts = attachment_counts(engine)
    console.print(f"attachments: {describe_attachments(counts)}")
