"""What reading an attachment gives: its text, a status and the limits that bound the work."""

from __future__ import annotations

import re
from dataclasses import dataclass

DOCUMENT_KINDS = frozenset({"pdf", "docx", "xlsx", "xls", "doc", "wps"})
"""File types read as documents; anything else (HTML, images, archives) is not an attachment."""

CELL_SEPARATOR = " | "
WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
STATUS_OK = "ok"
STATUS_SCANNED = "scanned"  # a PDF without a text layer (page images only)
STATUS_UNSUPPORTED = "unsupported"  # no reader for the type here (e.g. no catdoc installed)
STATUS_CORRUPT = "corrupt"  # the reader failed on the bytes
STATUS_TOO_LARGE = "too_large"
STATUS_EMPTY = "empty"  # read fine, but holds no text


@dataclass(frozen=True)
class Limits:
    """Bounds on the work one file may cause."""

    max_bytes: int = 20 * 1024 * 1024
    max_pages: int = 200  # PDF pages read
    max_rows: int = 20_000  # spreadsheet rows read, over all sheets
    max_chars: int = 2_000_000
    tool_timeout: float = 60.0  # seconds for an external converter (catdoc, antiword, tesseract)
    # zip containers (DOCX, XLSX), checked before any XML is read
    max_unzipped_bytes: int = 200 * 1024 * 1024  # all members together, as their headers say
    max_zip_ratio: float = 100.0  # uncompressed / compressed, for members over 1 MB uncompressed
    max_zip_members: int = 10_000
    # the process reading one file: the operating system stops it past these
    max_memory_mb: int = 768  # address space of the reading process
    max_cpu_s: int = 60  # CPU seconds of the reading process
    isolated: bool = True  # read in a child process under those limits


LIMITS = Limits()


@dataclass(frozen=True)
class Extraction:
    """The text of one file (tables as rows, cells joined by " | ") and how reading went."""

    kind: str
    status: str
    text: str | None = None
    detail: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == STATUS_OK


def join_cells(cells: list[str | None]) -> str:
    """One table row as a line: cells unwrapped, trailing empty cells dropped, joined by " | "."""
    cleaned = [unwrap(cell or "") for cell in cells]
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    return CELL_SEPARATOR.join(cleaned)


def unwrap(text: str) -> str:
    """Text wrapped over lines made one line: no space where Chinese text was broken."""
    pieces = [piece.strip() for piece in text.split("\n") if piece.strip()]
    out = ""
    for piece in pieces:
        glue = "" if not out or WIDE.match(out[-1]) or WIDE.match(piece[0]) else " "
        out += glue + " ".join(piece.split())
    return out


def finish(kind: str, lines: list[str], limits: Limits, detail: str | None = None) -> Extraction:
    """An extraction from text lines: empty lines dropped, capped at `limits.max_chars`."""
    text = "\n".join(line.strip() for line in lines if line and line.strip())
    if not text:
        return Extraction(kind, STATUS_EMPTY, None, detail or "no text in the file")
    return Extraction(kind, STATUS_OK, text[: limits.max_chars], detail)
