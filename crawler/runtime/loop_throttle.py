"""Start no more requests than the event loop can answer in time.

Every answer is read, parsed and passed on in the crawling process's one event loop. When a
thousand portals answer at once, at the start of a national night, answers arrive faster than
the loop can take them: it runs late, every host's latency reading grows with it (0.6 s → 1.1 s
for the slowest portal on the 1,000-portal bench) and AutoThrottle slows that host, whose pace
bounds the night. `LoopThrottle` watches how late a timer of its own fires and sets Scrapy's
limit on requests under way (the downloader's `total_concurrency`) by additive increase and
multiplicative decrease: down by a fifth each tick the loop is later than
GOVCORPUS_LOOP_LAG_TARGET, up by GOVCORPUS_LOOP_THROTTLE_STEP requests each tick it is not,
between GOVCORPUS_LOOP_THROTTLE_FLOOR, where a crawl starts, and CONCURRENT_REQUESTS.
Requests under way are never cancelled; fewer new ones start until the loop is on time again.

A late loop costs only a night that one portal's pace can bound. While the host that needs the
most time has less than GOVCORPUS_LOOP_THROTTLE_NEED_S seconds of requests queued at its delay
(the scheduler's `longest_backlog_s`), the night is bound by the CPU (a second night: a page or
two per column), and a late loop does not lower the limit: held low there, the crawl would
only run slower.
"""

from __future__ import annotations

import time

from scrapy import signals
from scrapy.exceptions import NotConfigured

TICK_S = 0.1
DECREASE = 0.8


class LoopThrottle:
    """Scrapy extension: CONCURRENT_REQUESTS as a ceiling, lowered while the loop runs late
    and some host's pace may bound the night."""

    def __init__(self, crawler, target_s: float, floor: int, step: int, need_s: float = 0.0):
        self.crawler = crawler
        self.target_s = target_s
        self.ceiling = crawler.settings.getint("CONCURRENT_REQUESTS")
        self.floor = min(floor, self.ceiling)  # never above CONCURRENT_REQUESTS
        self.step = step
        self.need_s = need_s
        self.task = None
        self.due = 0.0
        self.late_ticks = 0

    @classmethod
    def from_crawler(cls, crawler):
        target = crawler.settings.getfloat("GOVCORPUS_LOOP_LAG_TARGET")
        if target <= 0 or crawler.settings.getint("CONCURRENT_REQUESTS") <= 0:
            raise NotConfigured
        settings = crawler.settings
        extension = cls(crawler, target, settings.getint("GOVCORPUS_LOOP_THROTTLE_FLOOR"),
                        settings.getint("GOVCORPUS_LOOP_THROTTLE_STEP"),
                        settings.getfloat("GOVCORPUS_LOOP_THROTTLE_NEED_S"))
        crawler.signals.connect(extension.engine_started, signal=signals.engine_started)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def engine_started(self) -> None:
        from twisted.internet import task

        self.start_low()
        self.due = time.monotonic() + TICK_S
        self.task = task.LoopingCall(self.tick)
        self.task.start(TICK_S, now=False)

    def start_low(self) -> int:
        """The limit a crawl starts at: a night's first second asks every portal's first page
        at once, and a full downloader's answers would swamp the loop before a tick could tell."""
        self.crawler.engine.downloader.total_concurrency = self.floor
        return self.floor

    def tick(self) -> None:
        now = time.monotonic()
        late, self.due = now - self.due, now + TICK_S
        self.adjust(late)

    def adjust(self, late_s: float) -> int:
        """The new limit on requests under way, after a tick `late_s` seconds late."""
        downloader = self.crawler.engine.downloader
        limit = downloader.total_concurrency
        if late_s > self.target_s and self.paced():
            self.late_ticks += 1
            limit = max(self.floor, int(limit * DECREASE))
        else:
            limit = min(self.ceiling, limit + self.step)
        downloader.total_concurrency = limit
        return limit

    def paced(self) -> bool:
        """Whether the neediest host has at least `need_s` seconds of requests queued at its
        delay (or the scheduler's queue cannot say), so that its pace may bound the night."""
        queue = getattr(self.crawler.engine.scheduler, "mqs", None)
        backlog_s = getattr(queue, "longest_backlog_s", None)
        return backlog_s is None or backlog_s() >= self.need_s

    def spider_closed(self, spider=None) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        self.crawler.stats.set_value("govcorpus/loop_throttle/late_ticks", self.late_ticks)
