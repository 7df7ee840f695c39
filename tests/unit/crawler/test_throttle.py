"""AutoThrottle from the median of a host's last few latency readings
(crawler/politeness/throttle.py)."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.core.downloader import Slot
from scrapy.core.engine import ExecutionEngine
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawler.politeness.throttle import SteadyAutoThrottle
from crawler.spiders.portal import PortalSpider

HOST, FAST = "slow.gov.cn", "fast.gov.cn"


@pytest.fixture
def throttle():
    crawler = get_crawler(PortalSpider, {
        "AUTOTHROTTLE_ENABLED": True, "DOWNLOAD_DELAY": 0.1, "AUTOTHROTTLE_START_DELAY": 0.6,
        "AUTOTHROTTLE_MAX_DELAY": 10.0, "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "DOWNLOAD_HANDLERS": {"http": None, "https": None}})
    crawler.engine = ExecutionEngine(crawler, lambda _: None)
    extension = SteadyAutoThrottle.from_crawler(crawler)
    extension._spider_opened(crawler.spider)
    for host in (HOST, FAST):
        crawler.engine.downloader.slots[host] = Slot(concurrency=2, delay=0.6, jitter=0)
    return extension


def answer(throttle: SteadyAutoThrottle, latency: float, host: str = HOST) -> float:
    """One answer from the host after `latency` seconds: the host's delay after it."""
    request = Request(f"http://{host}/a.html",
                      meta={"download_slot": host, "download_latency": latency})
    response = Response(request.url)  # as the download handler makes it: no request yet
    throttle._response_downloaded(response, request, None)
    return throttle.crawler.engine.downloader.slots[host].delay


def test_one_late_reading_does_not_raise_the_delay(throttle):
    assert answer(throttle, 0.6) == pytest.approx(0.6)
    assert answer(throttle, 0.6) == pytest.approx(0.6)
    # Scrapy's AutoThrottle would take 1.5 at once; the median of 0.6, 0.6, 1.5 is 0.6
    assert answer(throttle, 1.5) == pytest.approx(0.6)


def test_a_host_that_slows_down_is_followed_at_its_second_slow_reading(throttle):
    for _ in range(3):
        answer(throttle, 0.6)
    assert answer(throttle, 2.0) == pytest.approx(0.6)
    assert answer(throttle, 2.0) == pytest.approx(2.0)  # the median of 0.6, 2.0, 2.0


def test_the_delay_comes_down_as_autothrottle_brings_it_down(throttle):
    throttle.crawler.engine.downloader.slots[HOST].delay = 2.0
    # halfway to the least reading each time, as AutoThrottle does: (2.0 + 0.4) / 2
    assert answer(throttle, 0.4) == pytest.approx(1.2)
    assert answer(throttle, 0.9) == pytest.approx(0.925)  # median 0.65: (1.2 + 0.65) / 2


def test_a_fast_hosts_readings_do_not_pace_a_slow_one(throttle):
    for _ in range(3):
        answer(throttle, 0.6)
    # the fast host's own delay comes halfway down to 0.1 each time
    assert [answer(throttle, 0.1, FAST) for _ in range(3)] == pytest.approx([0.35, 0.225, 0.1625])
    assert answer(throttle, 0.6) == pytest.approx(0.6)
