"""Text of files attached to portal pages: PDF, DOCX, XLSX/XLS, DOC and WPS.

`extract_attachment(data, content_type, url)` sniffs the file by its bytes, then reads it with
the reader of its type; every reader returns an `Extraction` (text and status), never raises.
"""

from __future__ import annotations

from govcorpus.attachments.model import (
    DOCUMENT_KINDS,
    LIMITS,
    Extraction,
    Limits,
)
from govcorpus.attachments.read import extract_attachment
from govcorpus.attachments.sniff import sniff

__all__ = ["DOCUMENT_KINDS", "LIMITS", "Extraction", "Limits", "extract_attachment", "sniff"]
