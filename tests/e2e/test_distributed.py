"""Two crawler processes share one scrapy-redis queue and write one Postgres: each page once."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest
import sqlalchemy as sa

from storage import make_engine
from testbed import TestbedProcess
from testbed.recall import measure_recall

pytestmark = [pytest.mark.redis, pytest.mark.postgres]


def worker(registry, db_url: str, redis_url: str, key: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "govcorpus", "crawl", "--registry", str(registry), "--db", db_url,
         "--testbed", "--workers", "0", "--redis", redis_url, "--crawl-key", key,
         # each worker holds at most two requests, so the shared queue stays deep as on a
         # crawl of many portals (a worker otherwise prefetches CONCURRENT_REQUESTS of them)
         "--set", "CONCURRENT_REQUESTS=2", "--set", "DOWNLOAD_DELAY=0.05"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def test_two_workers_store_every_page_exactly_once(pg_url, redis_url, tmp_path):
    key = f"test-{uuid.uuid4().hex[:8]}"
    with TestbedProcess(portals=4, docs_per_portal=15) as served:
        registry = tmp_path / "registry.csv"
        served.testbed.write_registry(registry, served.base_url)
        workers = [worker(registry, pg_url, redis_url, key) for _ in range(2)]
        outputs = [w.communicate(timeout=600) for w in workers]
        for process, (_, stderr) in zip(workers, outputs, strict=True):
            assert process.returncode == 0, stderr[-3000:]
        recall = measure_recall(pg_url, served.testbed, served.base_url)
    assert recall.documents_found == recall.documents_present == 60
    assert (recall.unexpected, recall.duplicated) == (0, 0)

    engine = make_engine(pg_url)
    with engine.connect() as conn:
        per_run = dict(conn.execute(sa.text(
            "select run_id, count(*) from captures group by run_id")).all())
        urls = conn.execute(sa.text(
            "select count(*), count(distinct url) from captures")).one()
    engine.dispose()
    assert urls[0] == urls[1] == 60  # every page fetched by exactly one worker
    logs = "\n".join(err[-1500:] for _, err in outputs)
    assert len(per_run) == 2 and min(per_run.values()) > 0, logs  # both workers shared it
