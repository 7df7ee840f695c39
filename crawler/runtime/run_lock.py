"""The crawl lock for runs started by `scrapy crawl` or scrapyd (the CLI takes it itself)."""

from __future__ import annotations

from contextlib import ExitStack

from scrapy import signals
from scrapy.exceptions import NotConfigured

from storage.lock import crawl_lock


class RunLock:
    """Hold storage.lock.crawl_lock from crawler creation until the engine stops."""

    def __init__(self, db_url: str):
        self.db_url = db_url
        self.stack = ExitStack()

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("GOVCORPUS_RUN_LOCK"):
            raise NotConfigured
        extension = cls(crawler.settings.get("GOVCORPUS_DB_URL"))
        extension.acquire()  # CrawlLocked stops the crawl before anything is stored
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def acquire(self) -> None:
        self.stack.enter_context(crawl_lock(self.db_url))

    def engine_stopped(self) -> None:
        self.stack.close()
