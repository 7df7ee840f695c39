"""Crawl progress on the terminal, driven by Scrapy signals."""

from __future__ import annotations

import gc

from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.items import FaultItem, PageItem
from crawler.runtime.counts import INTERNAL_REQUESTS


class RichProgress:
    """A live line: requests, documents, reports and faults so far."""

    def __init__(self, stats):
        self.stats = stats
        self.counts = {"documents": 0, "reports": 0, "faults": 0}
        self.progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), transient=False
        )
        self.task = None

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("GOVCORPUS_PROGRESS"):
            raise NotConfigured
        extension = cls(crawler.stats)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider):
        self.progress.start()
        self.task = self.progress.add_task(self._describe(), total=None)

    def item_scraped(self, item, spider):
        if isinstance(item, PageItem):
            self.counts["documents"] += 1
            self.counts["reports"] += int(bool(item.is_annual_report))
        elif isinstance(item, FaultItem):
            self.counts["faults"] += 1
        self.progress.update(self.task, description=self._describe())

    def spider_closed(self, spider):
        self.progress.update(self.task, description=self._describe())
        self.progress.stop()

    def _describe(self) -> str:
        requests = (self.stats.get_value("downloader/request_count", 0)
                    - self.stats.get_value(INTERNAL_REQUESTS, 0))
        return (
            f"crawling: {requests} requests, {self.counts['documents']} documents, "
            f"{self.counts['reports']} reports, {self.counts['faults']} faults"
        )


class FetchTime:
    """Adds each response's download latency to `govcorpus/seconds/fetch`."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        extension = cls(crawler.stats)
        crawler.signals.connect(extension.response_received, signal=signals.response_received)
        return extension

    def response_received(self, response, request, spider):
        latency = request.meta.get("download_latency")
        if latency is not None:
            self.stats.inc_value("govcorpus/seconds/fetch", latency, start=0.0)


def _opened_and_closed(extension, crawler):
    """The extension, told when the spider opens and closes."""
    crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
    crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
    return extension


class GarbageCollectorTuning:
    """Python's cyclic collector tuned for a crawl: what exists when the spider opens (modules,
    the registry, settings) frozen out of every later collection, and the young generation
    collected every GOVCORPUS_GC_THRESHOLDS[0] allocations instead of 700. With the defaults,
    requests, connections and stored readings that live a few seconds keep reaching the old
    generation and trigger a full collection of the whole heap about every two seconds."""

    def __init__(self, thresholds: tuple[int, ...]):
        self.thresholds = thresholds
        self.before = gc.get_threshold()

    @classmethod
    def from_crawler(cls, crawler):
        thresholds = tuple(int(n) for n in crawler.settings.getlist("GOVCORPUS_GC_THRESHOLDS")
                           if str(n).strip())  # `--set GOVCORPUS_GC_THRESHOLDS=`: off
        if not thresholds:
            raise NotConfigured
        return _opened_and_closed(cls(thresholds), crawler)

    def spider_opened(self, spider):
        gc.collect()
        gc.freeze()
        self.before = gc.get_threshold()
        gc.set_threshold(*self.thresholds)

    def spider_closed(self, spider):
        """The process as it was (a crawl run inside a longer-lived process, as in tests)."""
        gc.set_threshold(*self.before)
        gc.unfreeze()


class MemoryTrim:
    """Every GOVCORPUS_MEMORY_TRIM_S seconds, return the crawler's freed heap to the OS."""

    def __init__(self, interval: float):
        self.interval = interval
        self.task = None

    @classmethod
    def from_crawler(cls, crawler):
        interval = crawler.settings.getfloat("GOVCORPUS_MEMORY_TRIM_S")
        if interval <= 0:
            raise NotConfigured
        return _opened_and_closed(cls(interval), crawler)

    def spider_opened(self, spider):
        from twisted.internet import task

        from govcorpus.memory import release_free_memory

        self.task = task.LoopingCall(release_free_memory)
        self.task.start(self.interval, now=False)

    def spider_closed(self, spider):
        if self.task is not None and self.task.running:
            self.task.stop()
