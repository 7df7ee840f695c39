"""The reader of each file type, run in this process, zip containers checked first."""

from __future__ import annotations

from collections.abc import Callable

from govcorpus.attachments.containers import TooLarge, check_zip
from govcorpus.attachments.legacy import legacy_text
from govcorpus.attachments.model import (
    LIMITS,
    STATUS_CORRUPT,
    STATUS_TOO_LARGE,
    Extraction,
    Limits,
)
from govcorpus.attachments.pdf_text import pdf_text
from govcorpus.attachments.sheets import xls_text, xlsx_text
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
