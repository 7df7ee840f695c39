"""Extract stage: metadata fields and body text from the decoded page."""

from __future__ import annotations

from crawler.items import PageItem
from govcorpus.body import body_from_tree
from govcorpus.metadata import metadata_from_tree, parse_html
from pipelines.base import Stage


def extract(page: PageItem) -> PageItem:
    """Fill the metadata fields and `text`; the list entry's title stands in for a missing one."""
    root = parse_html(page.html) if page.html else None
    if root is not None:
        for name, value in metadata_from_tree(root).items():
            setattr(page, name, value)
        page.text = body_from_tree(root, page.url, page.title)
    page.title = page.title or page.list_title
    return page


class ExtractPipeline(Stage):
    name = "extract"
    transform = staticmethod(extract)
