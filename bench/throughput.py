"""End-to-end crawl throughput on an N-page testbed, against a naive baseline in the same run.

    python bench/throughput.py --pages 100000

The testbed is served by a separate process; the crawl (`govcorpus crawl --testbed`) and the
baseline (bench/naive_crawl.py: trafilatura in the callback, one commit per row) each run in
their own process, watched for wall time and peak memory of their whole process tree. The
baseline crawls the first --baseline-pages pages' worth of the same testbed shape (its rate is
what is compared; a 100k-page naive crawl would take hours). Ends with one line:
RESULT pages_per_s=… baseline_pages_per_s=… ratio=… peak_rss_mb=…
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

# Run as `python bench/x.py`: put the repository first and drop bench/ itself, whose
# incremental.py would shadow the `incremental` package Twisted imports.
BENCH = Path(__file__).resolve().parent
sys.path[:] = [str(BENCH.parent), *(p for p in sys.path if Path(p or ".").resolve() != BENCH)]

from bench.common import (  # noqa: E402
    count_rows,
    crawl_watched,
    faults_by_kind,
    last_run_stats,
    run_watched,
    served_testbed,
)

STAGES = ("fetch", "decode", "extract", "normalize", "classify", "stats", "dedupe", "store")


def crawl_testbed(pages: int, per_portal: int, workdir: Path, workers: int) -> dict:
    db_url = f"sqlite:///{workdir / 'corpus.db'}"
    registry = workdir / "registry.csv"
    with served_testbed(pages, per_portal, registry) as served:
        documents = len(served.testbed.manifest())
        timed = crawl_watched(registry, db_url, workers)
    stored = count_rows(db_url, "documents")
    return {"present": documents, "stored": stored, "timed": timed,
            "stats": last_run_stats(db_url), "faults": faults_by_kind(db_url)}


def crawl_naive(pages: int, per_portal: int, workdir: Path) -> dict:
    db_file = workdir / "naive.db"
    registry = workdir / "naive-registry.csv"
    with served_testbed(pages, per_portal, registry):
        script = str(Path(__file__).with_name("naive_crawl.py"))
        timed = run_watched([sys.executable, script, str(registry), str(db_file)])
    if timed.returncode != 0:
        sys.exit(f"baseline failed:\n{timed.stderr[-3000:]}")
    return {"stored": count_rows(f"sqlite:///{db_file}", "pages"), "timed": timed}


def report(ours: dict, naive: dict) -> None:
    timed, stats = ours["timed"], ours["stats"]
    rate = ours["stored"] / timed.seconds
    naive_rate = naive["stored"] / naive["timed"].seconds
    print(f"govcorpus: {ours['stored']}/{ours['present']} documents in {timed.seconds:.1f} s "
          f"= {rate:.1f} pages/s; {stats.get('requests', 0)} requests; "
          f"peak RSS {timed.peak_rss_mb:.0f} MB")
    missing = ours["present"] - ours["stored"]
    print(f"  documents missing: {missing}; faults: {ours['faults'] or 'none'}")
    quarters = ", ".join(f"{rss:.0f}" for rss in timed.rss_at_quarters())
    print(f"  peak RSS (MB) by 25/50/75/100 % of the crawl: {quarters}")
    pages = max(1, stats.get("pages", ours["stored"]))
    for stage in STAGES:
        seconds = stats.get(f"seconds/{stage}")
        if seconds is not None:
            print(f"  {stage:<10} {seconds / pages * 1000:8.2f} ms per page (summed over workers)")
    print(f"naive baseline: {naive['stored']} pages in {naive['timed'].seconds:.1f} s "
          f"= {naive_rate:.1f} pages/s; peak RSS {naive['timed'].peak_rss_mb:.0f} MB")
    print(f"RESULT pages_per_s={rate:.1f} baseline_pages_per_s={naive_rate:.1f} "
          f"ratio={rate / naive_rate:.2f} peak_rss_mb={timed.peak_rss_mb:.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--per-portal", type=int, default=1000, help="documents per portal")
    parser.add_argument("--baseline-pages", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        ours = crawl_testbed(args.pages, args.per_portal, workdir, args.workers)
        naive = crawl_naive(min(args.pages, args.baseline_pages), args.per_portal, workdir)
        report(ours, naive)


if __name__ == "__main__":
    main()
