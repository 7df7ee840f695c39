"""What a night's items add up to, kept in the crawl's stats as they pass.

Pages, reports, attachments and how reading them went, faults by kind, list columns, and the
seconds each analysis stage took: the run's summary (`crawl_runs.stats`, written by the store
stage when the crawl closes), the terminal progress and the morning report read them.
"""

from __future__ import annotations

from typing import Any

from scrapy import signals

from crawler.items import ColumnItem, ColumnReportItem, FaultItem, PageItem
from govcorpus.fault_kinds import STAGE_ERROR

INTERNAL_REQUESTS = "govcorpus/internal_requests"
"""Requests the crawler made for itself (robots.txt …): not counted as the portals' requests."""
LIST_PAGES_NOT_MODIFIED = "govcorpus/lists/not_modified"
"""List pages that answered 304 (their stored reading replayed): not counted as documents."""


class ItemCounts:
    """Count every item the pipelines let through (on `item_scraped`)."""

    def __init__(self, stats) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler) -> ItemCounts:
        extension = cls(crawler.stats)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        return extension

    def item_scraped(self, item, spider=None) -> None:
        if isinstance(item, PageItem):
            self._count_page(item)
        elif isinstance(item, FaultItem):
            self.stats.inc_value("govcorpus/faults")
            self.stats.inc_value(f"govcorpus/faults/{item.kind}")
        elif isinstance(item, ColumnReportItem):
            for column in item.columns:
                self._count_column(column)

    def _count_page(self, page: PageItem) -> None:
        stats = self.stats
        stats.inc_value("govcorpus/pages")
        if page.is_annual_report:
            stats.inc_value("govcorpus/reports")
        if page.attachment_status:  # a file: how reading it went
            stats.inc_value("govcorpus/attachments")
            stats.inc_value(f"govcorpus/attachments/{page.attachment_status}")
        for stage, seconds in page.timings.items():
            stats.inc_value(f"govcorpus/seconds/{stage}", seconds, start=0.0)
        if page.errors:
            stats.inc_value("govcorpus/faults", len(page.errors))
            stats.inc_value(f"govcorpus/faults/{STAGE_ERROR}", len(page.errors))

    def _count_column(self, column: ColumnItem) -> None:
        """Per-run column figures (`columns/…` in the run's summary)."""
        stats = self.stats
        stats.inc_value("govcorpus/columns")
        stats.inc_value(f"govcorpus/columns/read_by/{column.read_by}")
        stats.inc_value("govcorpus/columns/listed", column.listed)
        stats.inc_value("govcorpus/columns/fetched", column.fetched)
        if not column.counted:
            stats.inc_value("govcorpus/columns/uncounted")
        if column.announced is not None:
            stats.inc_value("govcorpus/columns/announcing")
            stats.inc_value("govcorpus/columns/announced", column.announced)


def run_summary(stats: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The run's summary for `crawl_runs.stats` from the crawl's stats, and the run's status."""
    summary = {key.removeprefix("govcorpus/"): round(value, 3) if isinstance(value, float)
               else value for key, value in stats.items()
               if key.startswith("govcorpus/") and isinstance(value, int | float)}
    summary["requests"] = (stats.get("downloader/request_count", 0)
                           - stats.get(INTERNAL_REQUESTS, 0))
    summary["not_modified"] = (stats.get("downloader/response_status_count/304", 0)
                               - stats.get(LIST_PAGES_NOT_MODIFIED, 0))  # documents only
    summary["response_bytes"] = stats.get("downloader/response_bytes", 0)
    status = "finished" if stats.get("finish_reason", "finished") == "finished" else "failed"
    return summary, status
