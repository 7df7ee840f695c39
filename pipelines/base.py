"""The shape every analysis stage shares: a pure transform of a page, timed, faults recorded."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from crawler.items import PageItem

logger = logging.getLogger(__name__)
Transform = Callable[[PageItem], PageItem]


def run_stage(name: str, transform: Transform, page: PageItem) -> PageItem:
    """Apply one transform; a failure is written on the page (and stored), never raised.

    An unchanged page (304, or the stored bytes again) has nothing new to analyse: skipped.
    """
    if page.unchanged:
        return page
    started = time.perf_counter()
    try:
        page = transform(page)
    except Exception as exc:  # one bad page must not stop the crawl; the error is stored
        logger.warning("stage %s failed on %s: %r", name, page.url, exc)
        page.errors.append(f"{name}: {type(exc).__name__}: {exc}"[:500])
    page.timings[name] = page.timings.get(name, 0.0) + time.perf_counter() - started
    return page


class Stage:
    """A Scrapy item pipeline around one transform; off when a worker pool runs the stages."""

    name = "stage"
    transform: Transform

    def __init__(self, crawler=None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy.exceptions import NotConfigured  # workers import stages without Scrapy

        if crawler.settings.getint("GOVCORPUS_WORKERS") > 0:
            raise NotConfigured  # the worker pool runs this stage
        return cls(crawler)

    def process_item(self, item):
        if isinstance(item, PageItem):
            item = run_stage(self.name, type(self).transform, item)
        return item
