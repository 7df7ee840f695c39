"""Decode stage: raw bytes → text, with the evidence for the codec chosen."""

from __future__ import annotations

from crawler.items import PageItem
from govcorpus.decoding.decode import decode_html
from pipelines.attachment import is_file
from pipelines.base import Stage


def decode(page: PageItem) -> PageItem:
    """Fill `html`, `encoding`, `encoding_declared`, `encoding_evidence` and the confidence."""
    if is_file(page):  # a PDF, DOCX… read by the attachment stage
        return page
    decoded = decode_html(page.body, page.headers.get("Content-Type"))
    page.html = decoded.text
    page.encoding = decoded.encoding
    page.encoding_declared = decoded.declared
    page.encoding_evidence = decoded.evidence
    page.encoding_confidence = decoded.confidence
    return page


class DecodePipeline(Stage):
    name = "decode"
    transform = staticmethod(decode)
