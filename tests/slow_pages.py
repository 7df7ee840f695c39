"""Analyses that never finish, for the page timeout's tests (run in worker processes too)."""

from __future__ import annotations

import signal
import time

from crawler.items import PageItem
from pipelines.base import Stage
from pipelines.offload import analyse


def loop_forever(page: PageItem) -> PageItem:
    """Stuck in Python code: a signal reaches it."""
    while True:
        page.timings.setdefault("spin", 0.0)


class SpinPipeline(Stage):
    name = "spin"
    transform = staticmethod(loop_forever)


def analyse_forever(page: PageItem, stages: tuple, timeout: float | None = None) -> PageItem:
    """`analyse` with a first stage that never returns, for a page titled "hang"."""
    if page.list_title == "hang":
        return analyse(page, (SpinPipeline, *stages), timeout)
    return analyse(page, stages, timeout)


def stuck_beyond_signals(page: PageItem, stages: tuple, timeout: float | None = None
                         ) -> PageItem:
    """Stuck where no signal reaches it (as inside one long C call), for a page titled "hang"."""
    if page.list_title == "hang":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        while True:
            time.sleep(60)
    return analyse(page, stages, timeout)
