"""One page in, one contract record out, through the crawl's own analysis stages.

`govcorpus extract` and `govcorpus eval` run the stages the crawler's ITEM_PIPELINES name, in
their order and with the crawl's page timeout, on a page built as the spider builds it: what
they print and score is what a crawl stores, not a second composition of the library.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import Any

from crawler.items import PageItem
from govcorpus.cli.common import UserError
from govcorpus.cli.scrapy_run import project_settings
from govcorpus.contract import ITEM_FIELDS, RECORD_FIELDS
from pipelines.offload import analyse, analysis_stage_paths

STATS_FIELDS = ("stats", "stats_checks")


@cache
def crawl_stages() -> tuple[tuple[str, ...], float]:
    """The analysis stages of the crawler's settings, in pipeline order, and the page timeout."""
    settings = project_settings()
    return analysis_stage_paths(settings), settings.getfloat("GOVCORPUS_PAGE_TIMEOUT")


def analysed_page(
    body: bytes,
    url: str | None = None,
    content_type: str | None = None,
    portal_code: str | None = None,
) -> PageItem:
    """The page as the crawl's stages leave it."""
    headers = {"Content-Type": content_type} if content_type else {}
    page = PageItem(portal_code=portal_code or "", url=url or "", status=200, headers=headers,
                    body=body, fetched_at=datetime.now(timezone.utc))
    stages, timeout = crawl_stages()
    return analyse(page, stages, timeout)


def extract_record(
    body: bytes,
    url: str | None = None,
    content_type: str | None = None,
    portal_code: str | None = None,
) -> dict[str, Any]:
    """The contract record of a raw page, keys in RECORD_FIELDS order, None where absent.

    An annual report also gets `stats` (section → row → column → value) and `stats_checks`.
    Without `portal_code` the region comes from the issuing body and the title alone.
    """
    page = analysed_page(body, url, content_type, portal_code)
    record = {name: getattr(page, name) for name in RECORD_FIELDS}
    record["url"] = url
    record.update(_statistics(page))
    return record


def _statistics(page: PageItem) -> dict[str, Any]:
    """The report's statistics cells, nested, and their checks; None for other pages."""
    if not page.stats_cells:
        return dict.fromkeys(STATS_FIELDS)
    nested: dict[str, dict[str, dict[str, Any]]] = {}
    for cell in page.stats_cells:
        nested.setdefault(cell["section"], {}).setdefault(cell["row"], {})[cell["column"]] = (
            cell["value"])
    return {"stats": nested, "stats_checks": page.stats_checks}


def document_fields(body: bytes, url: str | None = None) -> dict[str, Any]:
    """Every document field the crawl's stages give a raw page (the record's and the rest)."""
    page = analysed_page(body, url)
    return {field.name: getattr(page, field.name) for field in ITEM_FIELDS}


def extract_file(
    file: Path, url: str | None, content_type: str | None, portal: str | None = None
) -> dict:
    """The contract record of one saved page."""
    if not file.is_file():
        raise UserError(f"no such file: {file}")
    return extract_record(file.read_bytes(), url=url or file.resolve().as_uri(),
                          content_type=content_type, portal_code=portal)
