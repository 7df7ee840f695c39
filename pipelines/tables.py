"""Statistics stage: an annual report's standard tables as numbers, with their cross-checks."""

from __future__ import annotations

from crawler.items import PageItem
from govcorpus.tables import parse_stats
from pipelines.base import Stage


def read_stats(page: PageItem) -> PageItem:
    """Fill `stats_format`, `stats_cells` and `stats_checks` for an annual report."""
    if not page.is_annual_report:
        return page
    stats = parse_stats(text=page.text_normalized or page.text, html=page.html)
    if stats is None:
        return page
    page.stats_format = stats.format
    page.stats_cells = [{"key": cell.key, "section": cell.section, "row": cell.row,
                         "column": cell.column, "value": cell.value, "raw": cell.raw}
                        for cell in stats.cells]
    page.stats_checks = stats.checks_as_dicts()
    return page


class TablesPipeline(Stage):
    name = "stats"
    transform = staticmethod(read_stats)
