"""Attachment stage: a fetched file (PDF, DOCX, XLSX, XLS, DOC, WPS) becomes text.

Runs before decoding: a page whose bytes are a document file gets its `text` here, and the
HTML stages leave it alone. HTML pages only get their `content_type` ("html") noted.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from crawler.items import PageItem
from govcorpus.attachments import DOCUMENT_KINDS, extract_attachment, sniff
from govcorpus.attachments.model import STATUS_CORRUPT, STATUS_TOO_LARGE
from govcorpus.identity import canonical_url
from pipelines.base import Stage

LINK_LABEL = re.compile(r"^\s*(附件|附|下载|点击下载|相关附件)\s*\d*\s*[:：．.、]?\s*")
FILE_SUFFIX = re.compile(r"\.(pdf|docx?|wps|xlsx?|et)\s*$", re.I)
GENERIC_TITLE = re.compile(r"^(附件\s*\d*|下载|点击下载|点击查看|查看|原文|pdf|word)?$", re.I)


def read_attachment(page: PageItem) -> PageItem:
    """Fill `content_type`; for a file also `text`, `attachment_status` and a title."""
    kind = sniff(page.body, page.headers.get("Content-Type"), page.url)
    page.content_type = kind
    if page.parent_url:
        page.parent_url = canonical_url(page.parent_url)
    if kind == "html" or (kind not in DOCUMENT_KINDS and not page.parent_url):
        return page
    result = extract_attachment(page.body, page.headers.get("Content-Type"), page.url)
    page.text = result.text
    page.attachment_status = result.status
    page.attachment_detail = result.detail
    if page.title is None:
        page.title = attachment_title(page.list_title, page.url)
        if page.title:
            page.field_sources["title"] = "link"
    if page.title is None:  # "下载", "附件1": no title; the parent page's is taken when stored
        page.list_title = None
    if result.status in (STATUS_CORRUPT, STATUS_TOO_LARGE):  # a fault, the page stored all the same
        page.errors.append(f"attachment: {result.status} {kind}: {result.detail}"[:500])
    return page


def is_file(page: PageItem) -> bool:
    """Whether the attachment stage read this page as a file (the HTML stages skip it)."""
    return page.attachment_status is not None


def attachment_title(link_text: str | None, url: str) -> str | None:
    """The title a file's link gives it ("附件：X报告.pdf" → "X报告"), else its file name."""
    for candidate in (link_text, unquote(urlsplit(url).path.rsplit("/", 1)[-1])):
        title = FILE_SUFFIX.sub("", LINK_LABEL.sub("", candidate or "")).strip()
        if not GENERIC_TITLE.match(title) and not re.fullmatch(r"[\w-]{1,40}", title, re.A):
            return title
    return None


class AttachmentPipeline(Stage):
    name = "attachment"
    transform = staticmethod(read_attachment)
