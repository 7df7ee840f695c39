"""One entry point: sniff a file's type, check its size, and read it with its reader."""

from __future__ import annotations

from collections.abc import Callable

from govcorpus.attachments.legacy import legacy_text
from govcorpus.attachments.model import (
    LIMITS,
    STATUS_TOO_LARGE,
    STATUS_UNSUPPORTED,
    Extraction,
    Limits,
)
from govcorpus.attachments.pdf_text import pdf_text
from govcorpus.attachments.sheets import xls_text, xlsx_text
from govcorpus.attachments.sniff import sniff
from govcorpus.attachments.word import docx_text

READERS: dict[str, Callable[[bytes, Limits], Extraction]] = {
    "pdf": pdf_text,
    "docx": docx_text,
    "xlsx": xlsx_text,
    "xls": xls_text,
    "doc": lambda data, limits: legacy_text(data, "doc", limits),
    "wps": lambda data, limits: legacy_text(data, "wps", limits),
}


def extract_attachment(
    data: bytes, content_type: str | None = None, url: str | None = None,
    limits: Limits = LIMITS,
) -> Extraction:
    """The text of a fetched file and how reading it went; never raises."""
    kind = sniff(data, content_type, url)
    if len(data) > limits.max_bytes:
        return Extraction(kind, STATUS_TOO_LARGE, None, f"{len(data)} bytes > {limits.max_bytes}")
    reader = READERS.get(kind)
    if reader is None:
        return Extraction(kind, STATUS_UNSUPPORTED, None, f"no reader for {kind} files")
    return reader(data, limits)
