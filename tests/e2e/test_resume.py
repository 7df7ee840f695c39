"""A crawl killed with SIGKILL mid-run and started again loses nothing and duplicates nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

from storage import init_db, make_engine
from storage.lock import crawl_lock
from storage.models import CrawlRun, Document, DocumentVersion
from testbed import Testbed, TestbedServer
from testbed.recall import measure_recall
from tests.conftest import fetch_scalar, govcorpus


@pytest.fixture(scope="module")
def larger_testbed(tmp_path_factory):
    testbed = Testbed(portals=2, docs_per_portal=25, seed=3)
    registry = tmp_path_factory.mktemp("resume") / "registry.csv"
    with TestbedServer(testbed) as server:
        testbed.write_registry(registry, server.base_url)
        yield testbed, server.base_url, registry


def crawl_args(registry, db_url: str) -> list[str]:
    return ["crawl", "--registry", str(registry), "--db", db_url, "--testbed", "--workers", "0",
            "--set", "GOVCORPUS_BATCH_SIZE=5"]


def scalar(db_url: str, stmt) -> int:
    try:
        return fetch_scalar(db_url, stmt)
    except sa.exc.SQLAlchemyError:
        return 0  # the schema is not there yet


def documents(db_url: str) -> int:
    return scalar(db_url, sa.select(sa.func.count()).select_from(Document))


def kill_after_some_rows(args: list[str], db_url: str, rows: int) -> int:
    """Start the CLI crawl, SIGKILL it (and only its own process group) once rows are stored."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "govcorpus", *args], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    try:
        while documents(db_url) < rows and time.monotonic() < deadline:
            assert process.poll() is None, "the crawl ended before it could be killed"
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    return documents(db_url)


def test_a_killed_crawl_restarts_without_loss_or_duplicates(db_url, larger_testbed):
    testbed, base_url, registry = larger_testbed
    total = len(testbed.manifest())
    stored = kill_after_some_rows(crawl_args(registry, db_url), db_url, rows=10)
    assert 0 < stored < total

    for _ in range(20):  # the killed process's lock goes with its connection
        result = govcorpus(*crawl_args(registry, db_url))
        if "another crawl" not in result.stderr:
            break
        time.sleep(0.5)
    assert result.returncode == 0, result.stderr[-3000:]

    recall = measure_recall(db_url, testbed, base_url)
    assert recall.documents_found == recall.documents_present == total
    assert (recall.duplicated, recall.unexpected) == (0, 0)
    versions = sa.select(sa.func.count()).select_from(DocumentVersion)
    assert scalar(db_url, versions) == total  # one version each: nothing stored twice
    engine = make_engine(db_url)
    with engine.connect() as conn:
        statuses = conn.execute(sa.select(CrawlRun.status).order_by(CrawlRun.id)).scalars().all()
    engine.dispose()
    assert statuses == ["interrupted", "finished"]


def test_a_second_run_never_overlaps_the_first(db_url, served_testbed):
    engine = make_engine(db_url)
    init_db(engine)
    engine.dispose()
    with crawl_lock(db_url):
        result = govcorpus("crawl", "--registry", str(served_testbed.registry), "--db", db_url,
                           "--testbed")
    assert result.returncode == 2
    assert "another crawl is running" in result.stderr
    assert "Traceback" not in result.stderr
    assert documents(db_url) == 0
