"""Crash safety: a crawl killed mid-write, a PostgreSQL restart mid-crawl, a database gone at
the end. Real processes, real SQLite and PostgreSQL; nothing lost, nothing duplicated."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from storage import make_engine
from storage.models import Capture, CrawlRun
from testbed import Testbed, TestbedServer
from testbed.faultcheck import check_fault_crawl
from tests.conftest import Served, govcorpus

SLOW_CRAWL = ["--set=GOVCORPUS_BATCH_SIZE=3", "--set=CONCURRENT_REQUESTS=2", "--workers", "0"]
PG_VERSION = next(iter(sorted(os.listdir("/etc/postgresql"))), "") if Path(
    "/etc/postgresql").is_dir() else ""


@pytest.fixture(scope="module")
def small_testbed(tmp_path_factory) -> Iterator[Served]:
    """3 portals × 8 documents on loopback: enough batches to die in, quick to crawl."""
    testbed = Testbed(portals=3, docs_per_portal=8)
    registry = tmp_path_factory.mktemp("crash") / "registry.csv"
    with TestbedServer(testbed) as server:
        testbed.write_registry(registry, server.base_url)
        yield Served(testbed, server.base_url, registry)


def start_crawl(registry: Path, db_url: str, delay: float, *extra: str) -> subprocess.Popen:
    """`govcorpus crawl` in its own process, as cron would start it, slowed by `delay`."""
    return subprocess.Popen(
        [sys.executable, "-m", "govcorpus", "crawl", "--registry", str(registry), "--db", db_url,
         "--testbed", *SLOW_CRAWL, f"--set=DOWNLOAD_DELAY={delay}", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def wait_for_captures(db_url: str, at_least: int, process: subprocess.Popen,
                      timeout: float = 60) -> int:
    """Poll the database until the crawl has stored `at_least` captures (or has ended)."""
    engine = make_engine(db_url)
    deadline, stored = time.monotonic() + timeout, 0
    try:
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with engine.connect() as conn:
                    stored = conn.execute(sa.select(sa.func.count()).select_from(Capture)).scalar()
            except sa.exc.SQLAlchemyError:  # the schema is not there yet
                stored = 0
            if stored >= at_least:
                break
            time.sleep(0.02)
    finally:
        engine.dispose()
    return stored


def run_statuses(db_url: str) -> list[str]:
    engine = make_engine(db_url)
    with engine.connect() as conn:
        statuses = conn.execute(sa.select(CrawlRun.status).order_by(CrawlRun.id)).scalars().all()
    engine.dispose()
    return list(statuses)


def test_sigkill_during_batch_writes_then_restart_loses_nothing(small_testbed, db_url):
    process = start_crawl(small_testbed.registry, db_url, 0.05)
    try:
        stored = wait_for_captures(db_url, 3, process)
        assert process.poll() is None, process.communicate()[1][-3000:]
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.communicate(timeout=30)
    assert 0 < stored < len(small_testbed.testbed.manifest())
    assert_intact(db_url)
    again = govcorpus("crawl", "--registry", str(small_testbed.registry), "--db", db_url,
                      "--testbed", "--workers", "0")
    assert again.returncode == 0, again.stderr[-3000:]
    check = check_fault_crawl(db_url, small_testbed.testbed, small_testbed.base_url)
    assert check.lost == ()
    assert check.duplicated == 0
    assert run_statuses(db_url)[-1] == "finished"


def assert_intact(db_url: str) -> None:
    """The database opens and, for SQLite, passes its integrity check."""
    engine = make_engine(db_url)
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert conn.execute(sa.select(sa.func.count()).select_from(Capture)).scalar() > 0
    engine.dispose()


def pg_ctl(action: str) -> None:
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, "main", action],
                   check=False, capture_output=True, timeout=120)


def pg_ready() -> bool:
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432"],
                          capture_output=True).returncode == 0


def ensure_pg_running(timeout: float = 60) -> None:
    """Start the server if it is down and wait until it accepts connections."""
    deadline = time.monotonic() + timeout
    if not pg_ready():
        pg_ctl("start")
    while not pg_ready() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert pg_ready(), "PostgreSQL did not come back"


@pytest.fixture
def pg_schema_url(pg_admin_url) -> Iterator[str]:
    """A fresh schema whose admin engine survives a server restart (pre-ping)."""
    if not PG_VERSION:
        pytest.skip("no local PostgreSQL cluster to restart")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(pg_admin_url, pool_pre_ping=True)
    with admin.begin() as conn:
        conn.execute(sa.text(f'create schema "{schema}"'))
    sep = "&" if "?" in pg_admin_url else "?"
    try:
        yield f"{pg_admin_url}{sep}options=-csearch_path%3D{schema}"
    finally:
        ensure_pg_running()
        with admin.begin() as conn:
            conn.execute(sa.text(f'drop schema "{schema}" cascade'))
        admin.dispose()


@pytest.mark.postgres
def test_postgres_restart_mid_crawl_loses_nothing(small_testbed, pg_schema_url):
    process = start_crawl(small_testbed.registry, pg_schema_url, 0.12,
                          "--set=GOVCORPUS_WRITE_RETRY_SECONDS=60")
    try:
        wait_for_captures(pg_schema_url, 3, process)
        assert process.poll() is None, process.communicate()[1][-3000:]
        pg_ctl("restart")
        ensure_pg_running()
        out, err = process.communicate(timeout=180)
    finally:
        ensure_pg_running()
        process.kill()
    assert process.returncode == 0, err[-3000:]
    check = check_fault_crawl(pg_schema_url, small_testbed.testbed, small_testbed.base_url)
    assert check.lost == ()
    assert check.duplicated == 0
    assert run_statuses(pg_schema_url) == ["finished"]


@pytest.mark.postgres
def test_database_gone_at_the_end_spills_records_to_a_file(small_testbed, pg_schema_url,
                                                          tmp_path):
    process = start_crawl(small_testbed.registry, pg_schema_url, 0.05,
                          "--set=GOVCORPUS_WRITE_RETRY_SECONDS=1",
                          f"--set=GOVCORPUS_SPILL_DIR={tmp_path}")
    try:
        wait_for_captures(pg_schema_url, 3, process)
        pg_ctl("stop")
        out, err = process.communicate(timeout=180)
    finally:
        ensure_pg_running()
        process.kill()
    assert "Traceback" not in err.splitlines()[-1]
    spilled = list(tmp_path.glob("govcorpus-unsaved-*.jsonl"))
    assert len(spilled) == 1 and str(spilled[0]) in err
    restored = govcorpus("restore", str(spilled[0]), "--db", pg_schema_url)
    assert restored.returncode == 0, restored.stderr[-3000:]
    check = check_fault_crawl(pg_schema_url, small_testbed.testbed, small_testbed.base_url)
    assert check.lost == ()
    assert check.duplicated == 0
