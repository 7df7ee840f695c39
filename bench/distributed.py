"""A distributed crawl on scrapy-redis: one worker, then two, on the same testbed and Postgres.

    python bench/distributed.py --pages 5000

Each run gets a fresh Postgres schema and its own crawl key on Redis; the workers are
`govcorpus crawl --redis … --workers 0` processes (analysis in the crawler process, so a second
worker is what brings the second core in). Ends with one line:
RESULT workers1_pages_per_s=… workers2_pages_per_s=… stored_once=0|1
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

# Run as `python bench/x.py`: put the repository first and drop bench/ itself, whose
# incremental.py would shadow the `incremental` package Twisted imports.
BENCH = Path(__file__).resolve().parent
sys.path[:] = [str(BENCH.parent), *(p for p in sys.path if Path(p or ".").resolve() != BENCH)]

from bench.common import govcorpus_command, served_testbed  # noqa: E402
from testbed.recall import measure_recall  # noqa: E402

PG_ADMIN = os.environ.get("GOVCORPUS_TEST_PG_URL",
                          "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS = os.environ.get("GOVCORPUS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def fresh_schema() -> tuple[str, str]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(PG_ADMIN)
    with engine.begin() as conn:
        conn.execute(sa.text(f'create schema "{schema}"'))
    engine.dispose()
    return schema, f"{PG_ADMIN}?options=-csearch_path%3D{schema}"


def drop_schema(schema: str) -> None:
    engine = sa.create_engine(PG_ADMIN)
    with engine.begin() as conn:
        conn.execute(sa.text(f'drop schema "{schema}" cascade'))
    engine.dispose()


def run_workers(count: int, registry: Path, served) -> dict:
    schema, db_url = fresh_schema()
    key = f"bench-{uuid.uuid4().hex[:8]}"
    command = govcorpus_command("crawl", "--registry", str(registry), "--db", db_url,
                                "--testbed", "--workers", "0", "--redis", REDIS,
                                "--crawl-key", key)
    started = time.monotonic()
    workers = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True) for _ in range(count)]
    errors = [w.communicate()[1] for w in workers]
    seconds = time.monotonic() - started
    for worker, error in zip(workers, errors, strict=True):
        if worker.returncode != 0:
            sys.exit(f"a worker failed:\n{error[-3000:]}")
    recall = measure_recall(db_url, served.testbed, served.base_url)
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        fetched, distinct = conn.execute(sa.text(
            "select count(*), count(distinct url) from captures")).one()
        per_run = conn.execute(sa.text(
            "select count(*) from captures group by run_id")).scalars().all()
    engine.dispose()
    drop_schema(schema)
    once = (recall.documents_found == recall.documents_present and recall.duplicated == 0
            and fetched == distinct)
    return {"seconds": seconds, "stored": recall.documents_found, "once": once,
            "per_worker": sorted(per_run, reverse=True)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--per-portal", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        registry = Path(tmp) / "registry.csv"
        with served_testbed(args.pages, args.per_portal, registry) as served:
            results = {n: run_workers(n, registry, served) for n in (1, 2)}
    for n, result in results.items():
        rate = result["stored"] / result["seconds"]
        print(f"{n} worker(s): {result['stored']} documents in {result['seconds']:.1f} s = "
              f"{rate:.1f} pages/s; captures per worker {result['per_worker']}; "
              f"stored once: {result['once']}")
    rates = {n: r["stored"] / r["seconds"] for n, r in results.items()}
    once = int(all(r["once"] for r in results.values()))
    print(f"RESULT workers1_pages_per_s={rates[1]:.1f} workers2_pages_per_s={rates[2]:.1f} "
          f"stored_once={once}")


if __name__ == "__main__":
    main()
