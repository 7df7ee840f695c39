"""The type of a fetched file, from its bytes first, then its Content-Type, then its extension."""

from __future__ import annotations

import io
import re
import zipfile
from urllib.parse import unquote, urlsplit

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
HTML_START = re.compile(rb"^\s*(<!doctype|<html|<head|<body|<\?xml|<meta|<div|<p[ >]|<!--)", re.I)
EXTENSION = re.compile(r"\.([a-z0-9]{2,5})$", re.I)
CONTENT_TYPES = {
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.ms-excel": "xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.ms-works": "wps",
    "application/kswps": "wps",
    "application/wps-office.wps": "wps",
    "text/html": "html",
    "application/xhtml+xml": "html",
}
EXTENSIONS = {
    "pdf": "pdf", "doc": "doc", "docx": "docx", "wps": "wps", "xls": "xls", "xlsx": "xlsx",
    "et": "xls", "htm": "html", "html": "html", "shtml": "html",
}
OLE_KINDS = {"doc": "doc", "wps": "wps", "xls": "xls"}


def sniff(data: bytes, content_type: str | None = None, url: str | None = None) -> str:
    """"pdf", "docx", "xlsx", "xls", "doc", "wps", "html", "zip", "ole" or "unknown".

    The bytes decide when they can (a DOCX served as .pdf is a DOCX); the Content-Type and
    then the URL's extension decide between look-alikes (an OLE file is DOC, WPS or XLS).
    """
    head = data[:1024]
    declared = _from_content_type(content_type) or _from_extension(url)
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(data)
    if data.startswith(OLE_MAGIC):
        return _ole_kind(data, declared)
    if HTML_START.match(head.lstrip(b"\xef\xbb\xbf")):
        return "html"
    return declared or "unknown"


def extension_of(url: str | None) -> str | None:
    """The lower-case extension of a URL's path ("pdf"), or None."""
    if not url:
        return None
    match = EXTENSION.search(unquote(urlsplit(url).path))
    return match.group(1).lower() if match else None


def _from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return CONTENT_TYPES.get(content_type.split(";")[0].strip().lower())


def _from_extension(url: str | None) -> str | None:
    return EXTENSIONS.get(extension_of(url) or "")


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def _ole_kind(data: bytes, declared: str | None) -> str:
    if declared in OLE_KINDS:
        return OLE_KINDS[declared]
    directory = data[:65536]
    if "WordDocument".encode("utf-16-le") in directory:
        return "doc"
    if "Workbook".encode("utf-16-le") in directory or "Book".encode("utf-16-le") in directory:
        return "xls"
    return "ole"
