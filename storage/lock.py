"""One crawl at a time per corpus: a file lock beside a SQLite file, an advisory lock on PostgreSQL.

Both locks belong to the process holding them and vanish with it, even under SIGKILL, so a
killed run never blocks the next night's.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

PG_CRAWL_LOCK = 0x676F7663  # lock class; the object is the corpus's schema (one per corpus)


class CrawlLocked(RuntimeError):
    """Another crawl holds the corpus lock."""


@contextmanager
def crawl_lock(db_url: str) -> Iterator[None]:
    """Hold the corpus's crawl lock for the duration; raise CrawlLocked if another run has it."""
    url = sa.make_url(db_url)
    if url.get_backend_name() == "sqlite":
        with _file_lock(Path(url.database or "govcorpus.db").expanduser()):
            yield
    else:
        with _advisory_lock(db_url):
            yield


@contextmanager
def _file_lock(database: Path) -> Iterator[None]:
    path = database.resolve().with_name(database.name + ".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CrawlLocked(f"another crawl is running on {database} (lock {path})") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


@contextmanager
def _advisory_lock(db_url: str) -> Iterator[None]:
    from storage.engine import corpus_engine

    with corpus_engine(db_url, poolclass=sa.pool.NullPool) as engine:
        with engine.connect() as conn:
            schema = conn.execute(sa.select(sa.func.current_schema())).scalar()
            key = (PG_CRAWL_LOCK, sa.func.hashtext(schema))
            taken = conn.execute(sa.select(sa.func.pg_try_advisory_lock(*key))).scalar()
            conn.commit()
            if not taken:
                raise CrawlLocked(f"another crawl is running on {engine.url.database}, schema "
                                  f"{schema} (advisory lock {PG_CRAWL_LOCK})")
            try:
                yield
            finally:
                _unlock(conn, key)


def _unlock(conn: sa.Connection, key: tuple) -> None:
    """Release the advisory lock; a connection the server dropped (restart) released it already."""
    try:
        conn.execute(sa.select(sa.func.pg_advisory_unlock(*key)))
        conn.commit()
    except sa.exc.DBAPIError as exc:
        if not (exc.connection_invalidated or isinstance(exc, sa.exc.OperationalError)):
            raise
