"""Requests under way are held down while the event loop runs late, and come back as it keeps
time (crawler/runtime/loop_throttle.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy import Request, Spider
from scrapy.core.downloader import Slot
from scrapy.core.engine import ExecutionEngine
from scrapy.core.scheduler import Scheduler
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from crawler.meta import PORTAL_SIZE
from crawler.runtime.loop_throttle import LoopThrottle
from crawler.spiders.portal import PortalSpider

SETTINGS = {"CONCURRENT_REQUESTS": 256, "GOVCORPUS_LOOP_LAG_TARGET": 0.02,
            "GOVCORPUS_LOOP_THROTTLE_FLOOR": 16, "GOVCORPUS_LOOP_THROTTLE_STEP": 4,
            "DOWNLOAD_HANDLERS": {"http": None, "https": None}}


def throttle(**settings) -> LoopThrottle:
    crawler = get_crawler(PortalSpider, {**SETTINGS, **settings})
    crawler.engine = ExecutionEngine(crawler, lambda _: None)
    return LoopThrottle.from_crawler(crawler)


def test_a_crawl_starts_at_the_floor_and_climbs_while_the_loop_keeps_time():
    extension = throttle()
    assert extension.start_low() == 16
    assert [extension.adjust(0.0) for _ in range(3)] == [20, 24, 28]


def test_a_late_loop_lowers_the_limit_by_a_fifth_a_tick_down_to_the_floor():
    extension = throttle()
    assert [extension.adjust(0.05) for _ in range(3)] == [204, 163, 130]
    assert [extension.adjust(0.05) for _ in range(20)][-1] == 16
    assert extension.crawler.engine.downloader.total_concurrency == 16


def test_a_loop_on_time_raises_it_step_by_step_up_to_concurrent_requests():
    extension = throttle()
    extension.adjust(0.5)  # 204
    assert [extension.adjust(0.001) for _ in range(3)] == [208, 212, 216]
    assert [extension.adjust(0.0) for _ in range(20)][-1] == 256  # never above the setting


def test_a_lateness_at_the_target_is_on_time():
    assert throttle().adjust(0.02) == 256


def test_never_above_concurrent_requests_set_below_the_floor():
    extension = throttle(CONCURRENT_REQUESTS=8)
    assert extension.start_low() == 8
    assert [extension.adjust(0.5), extension.adjust(0.0)] == [8, 8]


def test_off_when_the_target_is_zero():
    with pytest.raises(NotConfigured):
        throttle(GOVCORPUS_LOOP_LAG_TARGET=0)


QUEUE = "crawler.politeness.scheduling.BacklogAwarePriorityQueue"


def opened_scheduler(extension: LoopThrottle):
    """Scrapy's scheduler with the crawl's queue, opened beside the engine as Scrapy opens it
    for a spider."""
    crawler = extension.crawler
    scheduler = Scheduler.from_crawler(crawler)
    scheduler.open(Spider("portal"))
    crawler.engine._slot = SimpleNamespace(scheduler=scheduler)  # the engine's own needs a reactor
    return scheduler


def queue_host(scheduler, host: str, documents: int, delay: float, queued: int = 1) -> None:
    """A host whose portal was said to list `documents` documents, `queued` requests queued,
    at `delay` seconds a request."""
    downloader = scheduler.crawler.engine.downloader
    downloader.slots[host] = Slot(concurrency=2, delay=delay)
    for n in range(queued):
        scheduler.enqueue_request(Request(f"http://{host}/{n}.html", dont_filter=True,
                                          meta={PORTAL_SIZE: documents} if n == 0 else {}))


def test_a_late_loop_lowers_the_limit_while_a_host_has_a_minute_of_requests_queued():
    extension = throttle(GOVCORPUS_LOOP_THROTTLE_NEED_S=60, SCHEDULER_PRIORITY_QUEUE=QUEUE)
    scheduler = opened_scheduler(extension)
    queue_host(scheduler, "small.gov.cn", 20, 0.5, queued=20)
    queue_host(scheduler, "large.gov.cn", 130, 0.6, queued=101)  # its documents: 60.6 s
    assert extension.adjust(0.05) == 204


def test_a_late_loop_keeps_the_limit_climbing_while_no_host_has_that_much_queued():
    extension = throttle(GOVCORPUS_LOOP_THROTTLE_NEED_S=60, SCHEDULER_PRIORITY_QUEUE=QUEUE)
    scheduler = opened_scheduler(extension)
    for n in range(50):  # a second night: a page or two per portal, however large
        queue_host(scheduler, f"p{n}.gov.cn", 300, 1.0, queued=2)
    queue_host(scheduler, "large.gov.cn", 3000, 0.6, queued=99)  # 59.4 s
    extension.start_low()
    assert [extension.adjust(0.05) for _ in range(3)] == [20, 24, 28]
