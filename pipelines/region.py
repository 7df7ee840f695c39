"""Region stage: the issuing body's GB/T 2260 region code and name, and its body type."""

from __future__ import annotations

from crawler.items import PageItem
from govcorpus.codes import code_history, dated_code
from govcorpus.reports.regions import resolve_region
from pipelines.base import Stage


def assign_region(page: PageItem) -> PageItem:
    """Fill `region_code` (in force in the document's year), `region_code_current`,
    `region_name` and `body_type`; the portal's code is the context."""
    region = resolve_region(page.issuing_body, page.portal_code, page.title)
    year = page.report_year or _year(page.publish_date)
    page.region_code, page.region_code_current = dated_code(region.code, year)
    page.region_name = region.name
    if page.region_code != page.region_code_current:  # re-coded since: its name then
        page.region_name = code_history().name(page.region_code, year) or region.name
    page.body_type = region.body_type
    if region.source:
        page.field_sources["region_code"] = region.source
    return page


class RegionPipeline(Stage):
    name = "region"
    transform = staticmethod(assign_region)


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None
