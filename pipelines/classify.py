"""Classify stage: is the page an annual disclosure report, and for which year."""

from __future__ import annotations

from crawler.items import PageItem
from govcorpus.reports.classify import classify_report
from pipelines.base import Stage


def classify(page: PageItem) -> PageItem:
    """Fill `is_annual_report` and `report_year` from the title and the normalised text."""
    page.is_annual_report, page.report_year = classify_report(
        page.title, page.text_normalized or page.text
    )
    return page


class ClassifyPipeline(Stage):
    name = "classify"
    transform = staticmethod(classify)
