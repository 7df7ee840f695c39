"""Retrying writes through a passing database outage (a restart, a dropped connection)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

import sqlalchemy.exc

logger = logging.getLogger(__name__)
T = TypeVar("T")
FIRST_DELAY = 0.5
MAX_DELAY = 5.0
TRANSIENT = (sqlalchemy.exc.OperationalError, sqlalchemy.exc.InterfaceError,
             sqlalchemy.exc.DisconnectionError)


def is_transient(error: BaseException) -> bool:
    """True for errors a later attempt may not meet: the server went away, a lock timed out."""
    if isinstance(error, sqlalchemy.exc.DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(error, TRANSIENT)


def retry_writes(write: Callable[[], T], seconds: float) -> T:
    """Call `write` until it succeeds, backing off (0.5 s doubling, at most 5 s) for `seconds`.

    Errors that are not transient, and the last transient one, are raised.
    """
    deadline = time.monotonic() + max(0.0, seconds)
    delay = FIRST_DELAY
    while True:
        try:
            return write()
        except Exception as exc:
            left = deadline - time.monotonic()
            if not is_transient(exc) or left <= 0:
                raise
            logger.warning("database write failed (%s); retrying in %.1f s",
                           str(exc).strip().splitlines()[0][:200], min(delay, left))
            time.sleep(min(delay, left))
            delay = min(delay * 2, MAX_DELAY)


def error_line(error: Exception) -> str:
    """An error in one line for logs and stats: its type and the first line of its message (the
    driver's own for a SQLAlchemy error), at most 300 characters."""
    text = str(getattr(error, "orig", None) or error).strip()
    return f"{type(error).__name__}: {text.splitlines()[0] if text else ''}"[:300]
