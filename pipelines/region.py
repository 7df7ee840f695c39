"""Region stage: the issuing body's GB/T 2260 region code and name, and its body type."""

from __future__ import annotations

from crawler.items import PageItem
from govcorpus.reports.regions import resolve_region
from pipelines.base import Stage


def assign_region(page: PageItem) -> PageItem:
    """Fill `region_code`, `region_name` and `body_type`; the portal's code is the context."""
    region = resolve_region(page.issuing_body, page.portal_code, page.title)
    page.region_code, page.region_name, page.body_type = region.code, region.name, region.body_type
    if region.source:
        page.field_sources["region_code"] = region.source
    return page


class RegionPipeline(Stage):
    name = "region"
    transform = staticmethod(assign_region)
