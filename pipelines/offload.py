"""Run the analysis stages in worker processes: both cores extract, the reactor keeps fetching."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from importlib import import_module

from crawler.items import PageItem
from govcorpus.identity import canonical_url
from govcorpus.memory import release_free_memory
from pipelines.base import Stage, run_stage
from storage.packing import pack_body

logger = logging.getLogger(__name__)
TRIM_EVERY_PAGES = 50
_analysed = 0


def analysis_stage_paths(settings) -> tuple[str, ...]:
    """The analysis stages of ITEM_PIPELINES, in pipeline order, as import paths."""
    from scrapy.utils.conf import build_component_list
    from scrapy.utils.misc import load_object

    paths = [_path(component) for component in
             build_component_list(settings.getwithbase("ITEM_PIPELINES"))]
    return tuple(path for path in paths if issubclass(load_object(path), Stage))


@cache
def load_stages(paths: tuple[str, ...]) -> tuple:
    """The stage classes at these paths, imported once per worker process."""
    return tuple(_import(path) for path in paths)


def analyse(page: PageItem, stages: tuple[str, ...]) -> PageItem:
    """Every analysis stage in order, as the in-process pipelines would run them."""
    for stage in load_stages(stages):
        page = run_stage(stage.name, stage.transform, page)
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

    def __init__(self, workers: int, timeout: float, stages: tuple[str, ...]):
        self.workers = workers
        self.timeout = timeout
        self.stages = stages
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
        try:
            future = asyncio.wrap_future(self.pool.submit(analyse, item, self.stages))
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
