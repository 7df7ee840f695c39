"""The shape every analysis stage shares: a pure transform of a page, timed, faults recorded."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from crawler.items import PageItem
from pipelines.deadline import (
    PageTimeout,
    analysis_seconds,
    mark_timed_out,
    page_deadline,
    timed_out,
)

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
    """A Scrapy item pipeline around one transform; off when a worker pool runs the stages.

    Run here, in the crawling process, the stages of one page share GOVCORPUS_PAGE_TIMEOUT
    seconds (pipelines/deadline.py); once it is spent, the page's remaining stages are skipped.
    """

    name = "stage"
    transform: Transform

    def __init__(self, crawler=None, timeout: float | None = None):
        self.crawler = crawler
        self.timeout = timeout

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy.exceptions import NotConfigured  # workers import stages without Scrapy

        if crawler.settings.getint("GOVCORPUS_WORKERS") > 0:
            raise NotConfigured  # the worker pool runs this stage
        return cls(crawler, crawler.settings.getfloat("GOVCORPUS_PAGE_TIMEOUT"))

    def process_item(self, item):
        if isinstance(item, PageItem) and not item.unchanged and not timed_out(item):
            item = self._run_within_deadline(item)
        return item

    def _run_within_deadline(self, page: PageItem) -> PageItem:
        if not self.timeout:
            return run_stage(self.name, type(self).transform, page)
        left = self.timeout - analysis_seconds(page)
        try:
            if left <= 0:
                raise PageTimeout
            with page_deadline(left):
                return run_stage(self.name, type(self).transform, page)
        except PageTimeout:
            mark_timed_out(page, self.timeout)
            return page
