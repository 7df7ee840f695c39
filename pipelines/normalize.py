"""Normalise stage: simplified, width-folded text beside the original; script and mojibake."""

from __future__ import annotations

from crawler.items import PageItem
from govcorpus.decoding.mojibake import mojibake_score
from govcorpus.extraction.normalize import normalize_text
from pipelines.base import Stage


def normalize(page: PageItem) -> PageItem:
    """Fill `text_normalized`, `script` and `mojibake_score`; `text` itself is never changed."""
    if page.text:
        normalized = normalize_text(page.text)
        page.text_normalized, page.script = normalized.text, normalized.script
        page.mojibake_score = mojibake_score(page.text)
    return page


class NormalizePipeline(Stage):
    name = "normalize"
    transform = staticmethod(normalize)
