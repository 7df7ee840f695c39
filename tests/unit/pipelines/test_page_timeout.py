"""The per-page analysis timeout holds wherever the stages run: in the crawling process or in
worker processes, for a page stuck in Python code and for a worker no signal reaches."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler.items import PageItem
from govcorpus.cli.crawl import project_settings
from pipelines import DecodePipeline, ExtractPipeline
from pipelines.offload import OffloadPipeline, analysis_stage_paths
from tests.paths import PAGES
from tests.slow_pages import SpinPipeline, analyse_forever, stuck_beyond_signals

URL = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202603/t20260310_105587.htm"
REPORT = "平潭综合实验区2025年度政府信息公开工作年度报告"
STAGES = analysis_stage_paths(project_settings())


def page(list_title: str | None = None) -> PageItem:
    body = (PAGES / "reports/pingtan_2025/page.html").read_bytes()
    return PageItem(portal_code="350128", url=URL, status=200,
                    headers={"Content-Type": "text/html; charset=utf-8"}, body=body,
                    fetched_at=datetime(2026, 3, 10, tzinfo=timezone.utc),
                    list_title=list_title)


def in_process(*stages) -> list:
    crawler = get_crawler(settings_dict={"GOVCORPUS_WORKERS": 0, "GOVCORPUS_PAGE_TIMEOUT": 0.5})
    return [build_from_crawler(stage, crawler) for stage in stages]


def test_a_page_stuck_in_a_stage_of_the_crawling_process_is_stopped_and_kept():
    item = page()
    for stage in in_process(DecodePipeline, SpinPipeline, ExtractPipeline):
        item = stage.process_item(item)
    assert item.encoding == "utf-8"  # the stage before kept its work
    assert item.title is None  # the stages after the timeout were skipped
    assert len(item.errors) == 1 and "PageTimeout" in item.errors[0]


def analyse_in_pool(pipeline: OffloadPipeline, *items: PageItem) -> list[PageItem]:
    """The items analysed side by side, once the worker has imported the stages."""
    async def run() -> list[PageItem]:
        pipeline.open_spider()
        try:
            warm = await pipeline.process_item(page())
            assert warm.errors == []
            return list(await asyncio.gather(*(pipeline.process_item(i) for i in items)))
        finally:
            pipeline.close_spider()

    return asyncio.run(run())


def test_a_worker_stops_a_page_stuck_in_python_and_goes_on():
    hung, fine = analyse_in_pool(OffloadPipeline(1, timeout=3, stages=STAGES,
                                                 analyse=analyse_forever),
                                 page("hang"), page())
    assert hung.title is None and "PageTimeout" in hung.errors[0]
    assert fine.title == REPORT and fine.errors == []


def test_a_worker_no_signal_reaches_is_killed_and_the_other_pages_are_analysed():
    pipeline = OffloadPipeline(1, timeout=3, stages=STAGES, grace=1,
                               analyse=stuck_beyond_signals)
    hung, *others = analyse_in_pool(pipeline, page("hang"), page(), page())
    assert hung.title is None and "no answer from the worker" in hung.errors[0]
    assert [item.title for item in others] == [REPORT, REPORT]
    assert all(item.errors == [] for item in others)
