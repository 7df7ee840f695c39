"""The per-page analysis timeout: a page whose analysis takes too long stops where it is.

The page is stored with what the stages had found and the timeout recorded as its error (a
`stage_error` fault), and the crawl goes on. The deadline is a SIGALRM timer, so it interrupts
Python code wherever it runs in the main thread of a process: a worker of the analysis pool,
or the crawling process itself when the stages run there (GOVCORPUS_WORKERS=0). A page stuck
where no signal reaches (inside one C call) is the pool's to end: pipelines/offload.py.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from crawler.items import PageItem

TIMEOUT_ERROR = "analyse: PageTimeout"


class PageTimeout(BaseException):
    """The page's analysis time is up (a BaseException, so no stage's error handling keeps it)."""


@contextmanager
def page_deadline(seconds: float | None) -> Iterator[None]:
    """Raise PageTimeout in the block after `seconds`; no deadline off the main thread."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _expire(signum, frame) -> None:
    raise PageTimeout


def mark_timed_out(page: PageItem, seconds: float) -> None:
    page.errors.append(f"{TIMEOUT_ERROR}: analysis stopped after {seconds:g} s")


def timed_out(page: PageItem) -> bool:
    return any(error.startswith(TIMEOUT_ERROR) for error in page.errors)


def analysis_seconds(page: PageItem) -> float:
    """Seconds the page has spent in analysis stages so far."""
    return sum(page.timings.values())
