"""Distributed crawls on scrapy-redis: one shared queue and dupefilter, many worker processes.

Every worker runs the same command with the same Redis URL and crawl key; each request is
fetched by exactly one of them, and all of them write to the same database.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured

KEY_PREFIX = "govcorpus"
KEY_TTL_S = 2 * 24 * 3600  # the shared keys of a finished crawl expire after two days
ACTIVITY_EVERY_S = 1.0


def default_crawl_key(registry: str) -> str:
    """Workers started the same UTC day on the same registry share a crawl; nights don't."""
    stem = registry.rsplit("/", 1)[-1].rsplit(".", 1)[0] or "registry"
    return f"{stem}-{datetime.now(timezone.utc):%Y%m%d}"


def redis_settings(redis_url: str, crawl_key: str) -> dict[str, Any]:
    """Scrapy settings that put the scheduler queue and the dupefilter on Redis."""
    base = f"{KEY_PREFIX}:{crawl_key}"
    return {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,  # one worker finishing must not wipe the others' queue
        "SCHEDULER_QUEUE_KEY": f"{base}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{base}:dupefilter",
        "REDIS_URL": redis_url,
        "GOVCORPUS_REDIS_URL": redis_url,
        "GOVCORPUS_REDIS_ACTIVITY_KEY": f"{base}:activity",
    }


class SharedIdleGuard:
    """Keep a worker alive while the shared queue holds requests or another worker is busy.

    A worker whose own downloader is idle would otherwise close while a peer is still parsing
    a page that will enqueue more work. Closes once the queue is empty and no worker has
    received a response for GOVCORPUS_REDIS_IDLE_S seconds.
    """

    def __init__(self, server, queue_key: str, dupefilter_key: str, activity_key: str,
                 idle_s: float):
        self.server = server
        self.queue_key = queue_key
        self.dupefilter_key = dupefilter_key
        self.activity_key = activity_key
        self.idle_s = idle_s
        self.last_mark = 0.0

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        url = settings.get("GOVCORPUS_REDIS_URL")
        if not url:
            raise NotConfigured
        import redis

        guard = cls(redis.Redis.from_url(url), settings.get("SCHEDULER_QUEUE_KEY"),
                    settings.get("SCHEDULER_DUPEFILTER_KEY"),
                    settings.get("GOVCORPUS_REDIS_ACTIVITY_KEY"),
                    settings.getfloat("GOVCORPUS_REDIS_IDLE_S"))
        crawler.signals.connect(guard.response_received, signal=signals.response_received)
        crawler.signals.connect(guard.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(guard.spider_closed, signal=signals.spider_closed)
        return guard

    def _key(self, spider, key: str) -> str:
        return key % {"spider": spider.name}

    def response_received(self, response, request, spider):
        now = time.time()
        if now - self.last_mark >= ACTIVITY_EVERY_S:
            self.last_mark = now
            self.server.set(self._key(spider, self.activity_key), now, ex=KEY_TTL_S)

    def spider_idle(self, spider):
        if self.server.zcard(self._key(spider, self.queue_key)) > 0:
            raise DontCloseSpider
        last = float(self.server.get(self._key(spider, self.activity_key)) or 0)
        if time.time() - last < self.idle_s:
            raise DontCloseSpider

    def spider_closed(self, spider):
        for key in (self.queue_key, self.dupefilter_key, self.activity_key):
            self.server.expire(self._key(spider, key), KEY_TTL_S)
