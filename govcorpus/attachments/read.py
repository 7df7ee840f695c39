"""One entry point: sniff a file's type, check its size, and read it with its reader.

The reader runs in a child process under the operating system's memory and CPU limits
(`Limits.isolated`, see bounded.py); zip containers are checked before their XML is read.
"""

from __future__ import annotations

from collections.abc import Callable

from govcorpus.attachments.bounded import read_bounded
from govcorpus.attachments.containers import TooLarge, check_zip
from govcorpus.attachments.legacy import legacy_text
from govcorpus.attachments.model import (
    LIMITS,
    STATUS_CORRUPT,
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
ZIP_KINDS = frozenset({"docx", "xlsx"})


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
    return read_bounded(kind, data, limits) if limits.isolated else read_kind(kind, data, limits)


def read_kind(kind: str, data: bytes, limits: Limits = LIMITS) -> Extraction:
    """The reader of `kind` on `data` in this process, zip containers checked first."""
    if kind in ZIP_KINDS:
        try:
            check_zip(data, limits)
        except TooLarge as exc:
            return Extraction(kind, STATUS_TOO_LARGE, None, str(exc))
        except MemoryError:
            raise
        except Exception as exc:  # Refused; zipfile, zlib, struct errors of a broken container
            return Extraction(kind, STATUS_CORRUPT, None, f"{type(exc).__name__}: {exc}"[:300])
    return READERS[kind](data, limits)
