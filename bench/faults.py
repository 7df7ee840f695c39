"""Crawl the testbed in fault mode and report what was served, recorded, lost and duplicated.

    python bench/faults.py [--db URL] [--portals 6] [--docs 12]

Prints the responses served per fault and the faults recorded per kind, then one line:
RESULT faults_served=… crawl_completed=0|1 records_lost=… records_duplicated=…
unhandled_exceptions=… (all on one line)
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent  # off the path: its scripts' names shadow packages
sys.path[:] = [str(BENCH.parent), *(p for p in sys.path if Path(p or ".").resolve() != BENCH)]

from govcorpus.cli.scrapy_run import run_crawl  # noqa: E402
from govcorpus.registry import load_registry  # noqa: E402
from testbed import Testbed, TestbedServer  # noqa: E402
from testbed.faultcheck import check_fault_crawl  # noqa: E402
from testbed.faults import FAULT_CRAWL_SETTINGS  # noqa: E402
from testbed.settings import TESTBED_SETTINGS  # noqa: E402


class TracebackCounter(logging.Handler):
    """Counts log records that carry a traceback: exceptions nothing handled."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info or "Traceback" in record.getMessage():
            self.records.append(record)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="SQLAlchemy URL (default: a fresh SQLite file)")
    parser.add_argument("--portals", type=int, default=6)
    parser.add_argument("--docs", type=int, default=12)
    args = parser.parse_args()
    testbed = Testbed(portals=args.portals, docs_per_portal=args.docs, faults=True)
    counter = TracebackCounter()
    logging.getLogger().addHandler(counter)
    with tempfile.TemporaryDirectory() as tmp, TestbedServer(testbed) as server:
        db_url = args.db or f"sqlite:///{Path(tmp) / 'faults.db'}"
        registry = Path(tmp) / "registry.csv"
        testbed.write_registry(registry, server.base_url)
        started = time.monotonic()
        overrides = {**TESTBED_SETTINGS, **FAULT_CRAWL_SETTINGS, "GOVCORPUS_SPILL_DIR": tmp}
        result = run_crawl(load_registry(registry), db_url, str(registry), overrides)
        elapsed = time.monotonic() - started
        check = check_fault_crawl(db_url, testbed, server.base_url, result.run_id)
    served = testbed.faults.served()
    stats = result.stats
    unhandled = len(counter.records) + stats.get("spider_exceptions/count", 0)
    completed = int(stats.get("finish_reason") == "finished" and check.run_status == "finished")
    print(f"crawl: {elapsed:.1f} s, {stats.get('downloader/request_count', 0)} requests, "
          f"run #{result.run_id} {check.run_status}")
    print("served (responses per fault):")
    for name, count in sorted(served.items()):
        print(f"  {name:24} {count}")
    print("recorded (faults per kind):")
    for kind, count in sorted(check.faults_by_kind.items()):
        print(f"  {kind:24} {count}")
    print(f"good documents: {check.expected - len(check.lost)}/{check.expected} stored; "
          f"blocked portals: {stats.get('govcorpus/backed_off', 0)} requests not sent, "
          f"{stats.get('govcorpus/blocked_in_flight', 0)} answered while in flight")
    for url in check.lost:
        print(f"  lost: {url}")
    for record in counter.records:
        print(f"  unhandled: {record.name}: {record.getMessage()[:200]}")
    print(f"RESULT faults_served={len(served)} crawl_completed={completed} "
          f"records_lost={len(check.lost)} records_duplicated={check.duplicated} "
          f"unhandled_exceptions={unhandled}")
    return 0 if completed and not check.lost and not check.duplicated and not unhandled else 1


if __name__ == "__main__":
    sys.exit(main())
