"""Extract stage: metadata fields (with their sources) and body text from the decoded page."""

from __future__ import annotations

from crawler.items import PageItem
from govcorpus.extraction.body import body_from_tree
from govcorpus.extraction.metadata import issuer_from_title, parse_html, read_metadata
from pipelines.base import Stage


def extract(page: PageItem) -> PageItem:
    """Fill the metadata fields, their `field_sources` and `text`; the list entry's title stands
    in for a missing one, and a report's title names its issuer when nothing else does."""
    root = parse_html(page.html) if page.html else None
    if root is not None:
        metadata = read_metadata(root)
        for name, value in metadata.values.items():
            setattr(page, name, value)
        page.field_sources.update(metadata.sources)
        page.text = body_from_tree(root, page.url, page.title)
    if page.title is None and page.list_title:
        page.title = page.list_title
        page.field_sources["title"] = "list"
    if page.issuing_body is None:
        page.issuing_body = issuer_from_title(page.title)
        if page.issuing_body:
            page.field_sources["issuing_body"] = "title"
    return page


class ExtractPipeline(Stage):
    name = "extract"
    transform = staticmethod(extract)
