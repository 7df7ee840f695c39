"""Run the analysis stages in worker processes: both cores extract, the reactor keeps fetching."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache

from crawler.items import PageItem
from govcorpus.memory import release_free_memory
from pipelines.base import run_stage
from pipelines.dedupe import canonical_url
from storage.packing import pack_body

logger = logging.getLogger(__name__)
TRIM_EVERY_PAGES = 50
_analysed = 0


@cache
def analysis_stages() -> tuple:
    """The analysis stages in pipeline order, imported in the worker only: the crawling
    process never loads lxml, OpenCC or the statistics parser for them."""
    from pipelines.attachment import AttachmentPipeline
    from pipelines.classify import ClassifyPipeline
    from pipelines.decode import DecodePipeline
    from pipelines.dedupe import DedupePipeline
    from pipelines.extract import ExtractPipeline
    from pipelines.normalize import NormalizePipeline
    from pipelines.region import RegionPipeline
    from pipelines.stats import StatsPipeline

    return (AttachmentPipeline, DecodePipeline, ExtractPipeline, NormalizePipeline,
            ClassifyPipeline, RegionPipeline, StatsPipeline, DedupePipeline)


def analyse(page: PageItem) -> PageItem:
    """Every analysis stage in order, as the in-process pipelines would run them."""
    for stage in analysis_stages():
        page = run_stage(stage.name, stage.transform, page)
    page.packed = pack_body(page.body)  # compress here, off the reactor, and ship less back
    page.html, page.body = None, b""
    _count_and_trim()
    return page


def _count_and_trim() -> None:
    """Every TRIM_EVERY_PAGES pages, give this worker's freed heap back to the OS."""
    global _analysed
    _analysed += 1
    if _analysed % TRIM_EVERY_PAGES == 0:
        release_free_memory()


class OffloadPipeline:
    """Send each page through `analyse` in a process pool (GOVCORPUS_WORKERS processes)."""

    def __init__(self, workers: int, timeout: float):
        self.workers = workers
        self.timeout = timeout
        self.pool: ProcessPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy.exceptions import NotConfigured

        workers = crawler.settings.getint("GOVCORPUS_WORKERS")
        if workers <= 0:
            raise NotConfigured  # the stages run in the reactor thread
        return cls(workers, crawler.settings.getfloat("GOVCORPUS_PAGE_TIMEOUT"))

    def open_spider(self, spider=None):
        context = multiprocessing.get_context("forkserver")
        self.pool = ProcessPoolExecutor(self.workers, mp_context=context)

    async def process_item(self, item):
        if not isinstance(item, PageItem) or item.unchanged:
            return item
        try:
            future = asyncio.wrap_future(self.pool.submit(analyse, item))
            return await asyncio.wait_for(future, self.timeout)
        except (BrokenProcessPool, asyncio.TimeoutError) as exc:
            logger.warning("analysis of %s failed in the worker pool: %r", item.url, exc)
            item.errors.append(f"analyse: {type(exc).__name__}: {exc}"[:500])
            item.canonical_url = canonical_url(item.url)  # stored all the same, under its key
            if isinstance(exc, BrokenProcessPool):
                self.open_spider()
            return item

    def close_spider(self, spider=None):
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
