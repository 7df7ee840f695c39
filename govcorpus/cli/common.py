"""What every command shares: the console and one-line errors for problems a user can fix."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy.exc
from rich.console import Console

from govcorpus.registry import RegistryError

console = Console()


class UserError(Exception):
    """A problem the user can fix; shown as one line, no traceback."""


@contextmanager
def user_errors(fail: Callable[[str], None]) -> Iterator[None]:
    """Turn expected failures (bad files, bad URLs, unreachable databases) into one line."""
    try:
        yield
    except (UserError, RegistryError) as exc:
        fail(str(exc))
    except sqlalchemy.exc.ArgumentError as exc:
        fail(f"bad database URL: {exc}")
    except sqlalchemy.exc.OperationalError as exc:
        fail(f"database unreachable: {str(exc.orig or exc).strip().splitlines()[0]}")
    except OSError as exc:
        fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))


def check_db_url(db_url: str) -> None:
    from storage import corpus_engine, init_db

    with corpus_engine(db_url) as engine:
        init_db(engine)


def check_output(out: Path) -> None:
    if not out.parent.is_dir():
        raise UserError(f"output folder does not exist: {out.parent}")
    if out.is_dir():
        raise UserError(f"{out} is a folder; give a file name")


def year_range(text: str | None) -> list[int] | None:
    """Report years from "2019-2025" or "2021"; None for none given."""
    if not text:
        return None
    first, _, last = text.partition("-")
    try:
        start, end = int(first), int(last or first)
    except ValueError:
        raise UserError(f"years {text!r}: write one year or a range like 2019-2025") from None
    if not 2000 <= start <= end <= 2100:
        raise UserError(f"years {text!r}: not a range of report years")
    return list(range(start, end + 1))
