"""Shared fixtures: real SQLite files and the machine's real PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/e2e crawls something: `-m e2e` runs them, `-m "not e2e"` the rest."""
    for item in items:
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.e2e)

PG_ADMIN_URL = os.environ.get(
    "GOVCORPUS_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() == "true"


def _postgres_reachable() -> str | None:
    try:
        engine = sa.create_engine(PG_ADMIN_URL)
        with engine.connect() as conn:
            conn.execute(sa.text("select 1"))
        engine.dispose()
        return None
    except Exception as exc:  # any failure means "not reachable"; the reason is reported
        return f"{type(exc).__name__}: {exc}"


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    problem = _postgres_reachable()
    if problem:
        if IN_CI:
            pytest.fail(f"PostgreSQL required under CI=true but unreachable: {problem}")
        pytest.skip(f"PostgreSQL unreachable: {problem}")
    return PG_ADMIN_URL


@pytest.fixture
def pg_url(pg_admin_url: str) -> Iterator[str]:
    """A fresh schema in the test database, dropped afterwards."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(pg_admin_url, pool_pre_ping=True)  # survives a server restart
    with admin.begin() as conn:
        conn.execute(sa.text(f'create schema "{schema}"'))
    sep = "&" if "?" in pg_admin_url else "?"
    yield f"{pg_admin_url}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(sa.text(f'drop schema "{schema}" cascade'))
    admin.dispose()


REDIS_URL = os.environ.get("GOVCORPUS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(scope="session")
def redis_url() -> str:
    """The machine's Redis (database 15); required under CI=true."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        if IN_CI:
            pytest.fail(f"Redis required under CI=true but unreachable: {exc}")
        pytest.skip(f"Redis unreachable: {exc}")
    return REDIS_URL


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'corpus.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request) -> str:
    """Run a test once on SQLite and once on PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return request.getfixturevalue(name)


@dataclass(frozen=True)
class Served:
    testbed: Any
    base_url: str
    registry: Path


@dataclass(frozen=True)
class Corpus:
    testbed: Any
    base_url: str
    db_url: str
    stdout: str


def fetch_all(db_url: str, stmt) -> list:
    """Every row a statement returns from the corpus at `db_url` (a fresh engine each time)."""
    from storage import make_engine

    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(stmt).all()
    finally:
        engine.dispose()


def fetch_scalar(db_url: str, stmt) -> Any:
    """The single value a statement returns from the corpus at `db_url`."""
    [(value,)] = fetch_all(db_url, stmt)
    return value


def govcorpus(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the `govcorpus` command line in a fresh interpreter, as a user would."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run(
        [sys.executable, "-m", "govcorpus", *args],
        capture_output=True, text=True, timeout=900, cwd=cwd, env=env,
    )


@pytest.fixture(scope="session")
def served_testbed(tmp_path_factory) -> Iterator[Served]:
    """The testbed (6 portals × 12 documents) on a real HTTP server on 127.0.0.1."""
    from testbed import Testbed, TestbedServer

    testbed = Testbed(portals=6, docs_per_portal=12, seed=0)
    registry = tmp_path_factory.mktemp("registry") / "registry.csv"
    with TestbedServer(testbed) as server:
        testbed.write_registry(registry, server.base_url)
        yield Served(testbed, server.base_url, registry)


@pytest.fixture(scope="session")
def testbed_corpus(served_testbed, tmp_path_factory) -> Corpus:
    """One crawl of the served testbed into a SQLite file, shared by read-only tests."""
    db_url = f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'corpus.db'}"
    result = govcorpus("crawl", "--registry", str(served_testbed.registry), "--db", db_url,
                       "--testbed")
    assert result.returncode == 0, result.stderr[-3000:]
    return Corpus(served_testbed.testbed, served_testbed.base_url, db_url, result.stdout)
