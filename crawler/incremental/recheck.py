"""Recheck stored documents that this run's lists no longer show: are they gone?

When the spider falls idle, each portal whose lists were read gets a conditional request for
every stored, not-yet-gone document it did not request this run. The answers (304, 200,
404/410, a redirect home) go through the spider's `parse_detail` like any document.
"""

from __future__ import annotations

import logging

from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider, NotConfigured

from crawler.incremental.conditional import HISTORY_STATUSES
from crawler.meta import CONDITIONAL, LISTED, PORTAL_CODE
from crawler.portals import portal_directory
from crawler.runtime.database import corpus_database
from govcorpus.identity import canonical_url

logger = logging.getLogger(__name__)


class RecheckUnlisted:
    """Once per run, on the first idle: request the documents missing from their lists."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.done = False

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("GOVCORPUS_RECHECK_UNLISTED"):
            raise NotConfigured
        if settings.get("GOVCORPUS_REDIS_URL"):  # a distributed worker sees only part of the lists
            raise NotConfigured
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        return extension

    def spider_idle(self, spider) -> None:
        if self.done:
            return
        self.done = True
        scheduled = 0
        for request in self._requests(spider):
            self.crawler.engine.crawl(request)
            scheduled += 1
        if scheduled:
            logger.info("rechecking %d stored documents missing from their lists", scheduled)
            self.crawler.stats.set_value("govcorpus/incremental/rechecked", scheduled)
            raise DontCloseSpider

    def _requests(self, spider):
        from storage.read.validators import present_documents

        portals = portal_directory(self.crawler)
        with corpus_database(self.crawler).connect() as conn:
            for code, seen_urls in portals.asked.items():
                stored = present_documents(conn, code)
                unseen = _unseen(stored, seen_urls)
                if len(unseen) == len(stored):
                    continue  # the lists were not read: a failed portal says nothing
                for url, _ in unseen:
                    if portals.admit(code, url):
                        yield _recheck_request(spider, code, url)


def _recheck_request(spider, code: str, url: str) -> Request:
    """A conditional request answered by the spider's document callback. Unfiltered, so that
    a redirect to the (already fetched) home page is seen."""
    meta = {PORTAL_CODE: code, CONDITIONAL: True, LISTED: False,
            "handle_httpstatus_list": HISTORY_STATUSES}
    return Request(url, callback=spider.parse_detail, errback=spider.on_error, meta=meta,
                   dont_filter=True)


def _unseen(stored: list[tuple[str, str]], seen_urls: set[str]) -> list[tuple[str, str]]:
    """The stored (url, canonical URL) pairs this run did not request or list.

    Most stored URLs are requested as written, so canonical forms are only computed when
    some are not (a night's lists hold thousands of URLs)."""
    unseen = [(url, canonical) for url, canonical in stored if url not in seen_urls]
    if not unseen:
        return []
    seen = {canonical_url(url) for url in seen_urls}
    return [(url, canonical) for url, canonical in unseen if canonical not in seen]
