"""One entry point: sniff a file's type, check its size, and read it with its reader.

The reader runs in a child process under the operating system's memory and CPU limits
(`Limits.isolated`, see bounded.py); zip containers are checked before their XML is read
(readers.py).
"""

from __future__ import annotations

from govcorpus.attachments.bounded import read_bounded
from govcorpus.attachments.model import (
    LIMITS,
    STATUS_TOO_LARGE,
    STATUS_UNSUPPORTED,
    Extraction,
    Limits,
)
from govcorpus.attachments.readers import READERS, read_kind
from govcorpus.attachments.sniff import sniff


def extract_attachment(
    data: bytes, content_type: str | None = None, url: str | None = None,
    limits: Limits = LIMITS,
) -> Extraction:
    """The text of a fetched file and how reading it went; never raises."""
    kind = sniff(data, content_type, url)
    if len(data) > limits.max_bytes:
        return Extraction(kind, STATUS_TOO_LARGE, None, f"{len(data)} bytes > {limits.max_bytes}")
    if kind not in READERS:
        return Extraction(kind, STATUS_UNSUPPORTED, None, f"no reader for {kind} files")
    return read_bounded(kind, data, limits) if limits.isolated else read_kind(kind, data, limits)
