"""Run the analysis stages in worker processes: both cores extract, the reactor keeps fetching."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from importlib import import_module

from crawler.items import PageItem
from govcorpus.identity import canonical_url
from govcorpus.memory import release_free_memory
from pipelines.base import Stage, run_stage
from pipelines.deadline import PageTimeout, mark_timed_out, page_deadline
from storage.write.packing import pack_body

logger = logging.getLogger(__name__)
TRIM_EVERY_PAGES = 50
# A worker answers within the page timeout (its own SIGALRM stops the page); past this much
# more, it is stuck where no signal reaches and is killed with its pool.
STUCK_GRACE_S = 10.0
_analysed = 0


def analysis_stage_paths(settings) -> tuple[str, ...]:
    """The analysis stages of ITEM_PIPELINES, in pipeline order, as import paths."""
    from scrapy.utils.conf import build_component_list
    from scrapy.utils.misc import load_object

    paths = [_path(component) for component in
             build_component_list(settings.getwithbase("ITEM_PIPELINES"))]
    return tuple(path for path in paths if issubclass(load_object(path), Stage))


@cache
def load_stages(stages: tuple) -> tuple:
    """The stage classes (import paths or the classes themselves), imported once per worker."""
    return tuple(_import(stage) if isinstance(stage, str) else stage for stage in stages)


def analyse(page: PageItem, stages: tuple, timeout: float | None = None) -> PageItem:
    """Every analysis stage in order, as the in-process pipelines would run them, stopped
    after `timeout` seconds (the page then keeps what the stages had found)."""
    try:
        with page_deadline(timeout):
            for stage in load_stages(stages):
                page = run_stage(stage.name, stage.transform, page)
    except PageTimeout:
        mark_timed_out(page, timeout or 0.0)
    page.packed = pack_body(page.body)  # compress here, off the reactor, and ship less back
    page.html, page.body = None, b""
    _count_and_trim()
    return page


def _path(component) -> str:
    return component if isinstance(component, str) else (
        f"{component.__module__}.{component.__qualname__}")


def _import(path: str):
    module, _, name = path.rpartition(".")
    return getattr(import_module(module), name)


def _count_and_trim() -> None:
    """Every TRIM_EVERY_PAGES pages, give this worker's freed heap back to the OS."""
    global _analysed
    _analysed += 1
    if _analysed % TRIM_EVERY_PAGES == 0:
        release_free_memory()


class OffloadPipeline:
    """Send each page through `analyse` in a process pool (GOVCORPUS_WORKERS processes)."""

    def __init__(self, workers: int, timeout: float, stages: tuple, grace: float = STUCK_GRACE_S,
                 analyse: Callable[[PageItem, tuple, float | None], PageItem] = analyse):
        self.workers = workers
        self.timeout = timeout
        self.stages = stages
        self.grace = grace
        self.analyse = analyse  # a module-level function: it is pickled to the workers
        self.pool: ProcessPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy.exceptions import NotConfigured

        workers = crawler.settings.getint("GOVCORPUS_WORKERS")
        if workers <= 0:
            raise NotConfigured  # the stages run in the reactor thread
        return cls(workers, crawler.settings.getfloat("GOVCORPUS_PAGE_TIMEOUT"),
                   analysis_stage_paths(crawler.settings))

    def open_spider(self, spider=None):
        context = multiprocessing.get_context("forkserver")
        self.pool = ProcessPoolExecutor(self.workers, mp_context=context)

    async def process_item(self, item):
        if not isinstance(item, PageItem) or item.unchanged:
            return item
        for attempt in (1, 2):  # once more if another page's worker took the pool down
            pool = self.pool
            try:
                submitted = pool.submit(self.analyse, item, self.stages, self.timeout)
                future = asyncio.wrap_future(submitted)
                return await asyncio.wait_for(future, self.timeout and self.timeout + self.grace)
            except asyncio.TimeoutError:
                if pool is not self.pool and attempt == 1:
                    continue  # waited behind a stuck page whose pool is gone: try again
                self._replace_pool(pool)  # the worker is stuck in a C call: kill it
                return self._failed(item, f"no answer from the worker within {self.timeout:g} s")
            except BrokenProcessPool as exc:
                self._replace_pool(pool)
                if attempt == 2:
                    return self._failed(item, f"{type(exc).__name__}: {exc}")
        return item

    def _failed(self, item: PageItem, reason: str) -> PageItem:
        logger.warning("analysis of %s failed in the worker pool: %s", item.url, reason)
        item.errors.append(f"analyse: {reason}"[:500])
        item.canonical_url = canonical_url(item.url)  # stored all the same, under its key
        return item

    def _replace_pool(self, broken: ProcessPoolExecutor) -> None:
        """A fresh pool for the next pages; the old one's workers are killed, not awaited."""
        if broken is not self.pool:
            return  # replaced already by another page
        for process in list((broken._processes or {}).values()):  # no public way to kill one
            process.kill()
        broken.shutdown(wait=False)
        self.open_spider()

    def close_spider(self, spider=None):
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
