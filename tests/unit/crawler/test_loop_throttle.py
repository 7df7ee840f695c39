"""Requests under way are held down while the event loop runs late, and come back as it keeps
time (crawler/runtime/loop_throttle.py)."""

from __future__ import annotations

import pytest
from scrapy.core.engine import ExecutionEngine
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

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
