"""The cyclic collector's tuning for a crawl (crawler/runtime/progress.py), and the process as
it was once the spider closes."""

from __future__ import annotations

import gc

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from crawler.runtime.progress import GarbageCollectorTuning


def test_a_crawl_freezes_what_exists_and_collects_the_young_less_often() -> None:
    before = gc.get_threshold()
    tuning = GarbageCollectorTuning.from_crawler(
        get_crawler(settings_dict={"GOVCORPUS_GC_THRESHOLDS": "50000,20,10"}))
    tuning.spider_opened(None)
    try:
        assert gc.get_threshold() == (50000, 20, 10)
        assert gc.get_freeze_count() > 1000  # at least the modules imported so far
    finally:
        tuning.spider_closed(None)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_no_thresholds_leave_the_collector_alone() -> None:
    with pytest.raises(NotConfigured):
        GarbageCollectorTuning.from_crawler(
            get_crawler(settings_dict={"GOVCORPUS_GC_THRESHOLDS": ""}))
