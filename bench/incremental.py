"""A nightly rerun against an unchanged N-page testbed: how much cheaper is the second night?

    python bench/incremental.py --pages 10000

The testbed is served by a separate process; `govcorpus crawl --testbed` crawls it into one
SQLite corpus, night after night. The first night fetches and analyses every page. The second
runs with the default settings: list pages are read again, and a document listed under the same
title is asked for again only once its revisit interval (GOVCORPUS_REVISIT_DAYS) has passed, so
on the next night nothing is due. A third night with GOVCORPUS_REVISIT_DAYS=0 shows the cost of
the night everything is due: a conditional GET per document (the testbed answers 304).
Ends with one line about the second night:
RESULT first_s=… second_s=… speedup=… second_requests=… second_bytes=…
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

# Run as `python bench/incremental.py`: put the repository first and drop bench/ itself, or
# this very file would shadow the `incremental` package Twisted imports.
BENCH = Path(__file__).resolve().parent
sys.path[:] = [str(BENCH.parent), *(p for p in sys.path if Path(p or ".").resolve() != BENCH)]

from bench.common import count_rows, crawl_watched, last_run_stats, served_testbed  # noqa: E402


def night(registry: Path, db_url: str, workers: int, *options: str) -> tuple[float, dict]:
    """Crawl once; wall time of the whole command and the run's stored counts."""
    timed = crawl_watched(registry, db_url, workers, *options)
    return timed.seconds, last_run_stats(db_url)


def run(pages: int, per_portal: int, workers: int, workdir: Path) -> None:
    db_url = f"sqlite:///{workdir / 'corpus.db'}"
    registry = workdir / "registry.csv"
    with served_testbed(pages, per_portal, registry) as served:
        present = len(served.testbed.manifest())
        first_s, first = night(registry, db_url, workers)
        second_s, second = night(registry, db_url, workers)
        all_due_s, all_due = night(registry, db_url, workers,
                                   "--set", "GOVCORPUS_REVISIT_DAYS=0")
    stored = count_rows(db_url, "documents")
    testbed = served.testbed
    print(f"testbed: {len(testbed.portal_specs())} portals × {testbed.docs_per_portal} "
          f"documents = {present}; stored {stored}")
    nights = (("first", first_s, first), ("second", second_s, second),
              ("all due", all_due_s, all_due))
    for name, seconds, stats in nights:
        print(f"{name:<7} {seconds:8.1f} s  requests {stats.get('requests', 0):>6}  "
              f"bytes {stats.get('response_bytes', 0):>11}  new {stats.get('new', 0):>6}  "
              f"changed {stats.get('changed', 0):>4}  unchanged {stats.get('unchanged', 0):>6}  "
              f"304 {stats.get('not_modified', 0):>6}  not due {stats.get('not_due', 0):>6}  "
              f"faults {stats.get('faults', 0)}")
    print(f"all due: speedup={first_s / all_due_s:.1f} (a conditional GET per document)")
    print(f"RESULT first_s={first_s:.1f} second_s={second_s:.1f} "
          f"speedup={first_s / second_s:.1f} second_requests={second.get('requests', 0)} "
          f"second_bytes={second.get('response_bytes', 0)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="documents in the testbed")
    parser.add_argument("--per-portal", type=int, default=1000, help="documents per portal")
    parser.add_argument("--workers", type=int, default=2, help="analysis processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govcorpus-incremental-") as tmp:
        run(args.pages, args.per_portal, args.workers, Path(tmp))


if __name__ == "__main__":
    main()
