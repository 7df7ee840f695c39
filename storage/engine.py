"""Engines for SQLite files and PostgreSQL, and the Alembic upgrade that builds the schema."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 30_000
SQLITE_BEGIN = "sqlite_begin"
"""Execution option naming the statement that opens a SQLite transaction."""
PG_MIGRATION_LOCK = 0x676F76636F7270  # any constant; serialises concurrent init_db calls


def make_engine(url: str, **kwargs: Any) -> sa.Engine:
    """An engine for a `sqlite:///FILE` or `postgresql+psycopg://…` URL."""
    parsed = sa.make_url(url)
    kwargs.setdefault("json_serializer", _json_dumps)
    if parsed.get_backend_name() == "sqlite":
        _make_parent_dir(parsed.database)
        engine = sa.create_engine(parsed, **kwargs)
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return sa.create_engine(parsed, **kwargs)


def upsert(conn: sa.Connection, table: sa.Table) -> Any:
    """An INSERT that supports ON CONFLICT on both SQLite and PostgreSQL."""
    from sqlalchemy.dialects import postgresql, sqlite

    return (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(table)


def upsert_replacing(conn: sa.Connection, table: sa.Table, key: str, columns: Iterable[str]
                     ) -> Any:
    """An INSERT that, where a row with the same `key` exists, replaces its `columns` with the
    new values."""
    stmt = upsert(conn, table)
    return stmt.on_conflict_do_update(index_elements=[key],
                                      set_={name: stmt.excluded[name] for name in columns})


@contextmanager
def write_transaction(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A transaction that writes. On SQLite it takes the write lock when it begins, waiting
    up to the busy timeout for another process's writer; a plain BEGIN takes it at the first
    write and fails at once if another process wrote since this transaction first read."""
    with engine.connect() as conn:
        conn.execution_options(**{SQLITE_BEGIN: "BEGIN IMMEDIATE"})
        with conn.begin():
            yield conn


@contextmanager
def corpus_engine(url: str, **kwargs: Any) -> Iterator[sa.Engine]:
    """An engine for the block, its connections closed when the block ends."""
    engine = make_engine(url, **kwargs)
    try:
        yield engine
    finally:
        engine.dispose()


def init_db(engine: sa.Engine) -> None:
    """Bring the schema to the latest Alembic revision; a no-op when it is already there."""
    with write_transaction(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.select(sa.func.pg_advisory_xact_lock(PG_MIGRATION_LOCK)))
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def alembic_config(url: str | None = None) -> Config:
    """An Alembic configuration pointing at the packaged migrations, no alembic.ini needed."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _make_parent_dir(database: str | None) -> None:
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)


def _configure_sqlite(engine: sa.Engine) -> None:
    """WAL, foreign keys and a busy timeout on every connection; real BEGINs for transactions."""

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # the driver must not open transactions itself
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        options = conn.get_execution_options()
        if options.get("isolation_level") != "AUTOCOMMIT":
            conn.exec_driver_sql(options.get(SQLITE_BEGIN, "BEGIN"))
