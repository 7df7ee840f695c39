"""Analysis workers yield the CPU to the crawling process (GOVCORPUS_WORKER_NICENESS)."""

from __future__ import annotations

import asyncio
import os
from datetime import datetime, timezone

from crawler.items import PageItem
from pipelines.offload import OffloadPipeline


def note_niceness(page: PageItem, stages: tuple, timeout: float | None) -> PageItem:
    """Stands in for the analysis: notes the worker's niceness on the page."""
    page.errors.append(f"niceness {os.nice(0)}")
    return page


def test_workers_run_at_the_configured_niceness_above_the_crawl():
    pipeline = OffloadPipeline(1, timeout=10, stages=(), analyse=note_niceness, niceness=5)
    page = PageItem(portal_code="350128", url="https://www.pingtan.gov.cn/a.htm", status=200,
                    headers={}, body=b"<html></html>",
                    fetched_at=datetime(2026, 3, 10, tzinfo=timezone.utc))

    async def run() -> PageItem:
        pipeline.open_spider()
        try:
            return await pipeline.process_item(page)
        finally:
            pipeline.close_spider()

    analysed = asyncio.run(run())
    assert analysed.errors == [f"niceness {min(19, os.nice(0) + 5)}"]
