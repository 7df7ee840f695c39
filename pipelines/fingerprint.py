"""Dedupe stage: the keys that make a page the same as another."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from crawler.items import PageItem
from govcorpus.identity import canonical_url
from govcorpus.minhash import signature
from pipelines.base import Stage

WHITESPACE = re.compile(r"\s+")


def content_hash(text: str | None) -> str | None:
    """SHA-256 of the text with width variants and white space folded; None for no text."""
    if not text:
        return None
    folded = WHITESPACE.sub("", unicodedata.normalize("NFKC", text))
    return hashlib.sha256(folded.encode("utf-8")).hexdigest() if folded else None


def dedupe(page: PageItem) -> PageItem:
    """Fill `canonical_url`, `content_hash` and the MinHash `signature` of the normalised text."""
    page.canonical_url = canonical_url(page.url)
    page.content_hash = content_hash(page.text_normalized or page.text)
    signed = signature(page.text_normalized or page.text)
    page.signature = signed.to_bytes() if signed is not None else None
    return page


class FingerprintPipeline(Stage):
    name = "dedupe"
    transform = staticmethod(dedupe)
