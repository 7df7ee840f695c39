"""Attachments of the testbed: report files linked from report pages and from a column.

Each portal links one file of every kind from its first reports' pages — a PDF with tables,
a DOCX behind an extension-less download URL, an XLSX, a scanned PDF, a truncated PDF, a
DOCX whose name and Content-Type say PDF, a Word 97 DOC and a WPS — and an XLSX of its newest
report from its column.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from govcorpus.attachments.legacy import legacy_reader
from testbed.bodies import body_html
from testbed.chrome import Page, esc
from testbed.files import (
    Block,
    blocks_from_html,
    corrupt_pdf_file,
    docx_file,
    pdf_file,
    scanned_pdf_file,
    xlsx_file,
)
from testbed.plan import Item, PortalPlan
from testbed.regions import PortalSpec
from testbed.word97 import word97_file

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOC = "application/msword"
WPS = "application/kswps"
KINDS = ("pdf", "docx", "xlsx", "scanned", "corrupt", "lying", "doc", "wps")
"""File kinds linked from report pages; "lying" is a DOCX named and served as a PDF."""
TEXT_KINDS = frozenset({"pdf", "docx", "xlsx", "lying"})


@dataclass(frozen=True)
class FileKind:
    extension: str  # in the link text (and in the URL unless the URL has none)
    content_type: str
    make: Callable[[str, list[Block]], bytes]
    status: str  # what reading the file should give
    url_extension: bool = True


FILE_KINDS: dict[str, FileKind] = {
    "pdf": FileKind("pdf", PDF, pdf_file, "ok"),
    "docx": FileKind("docx", DOCX, docx_file, "ok", url_extension=False),
    "xlsx": FileKind("xlsx", XLSX, xlsx_file, "ok"),
    "scanned": FileKind("pdf", PDF, scanned_pdf_file, "scanned"),
    "corrupt": FileKind("pdf", PDF, corrupt_pdf_file, "corrupt"),
    "lying": FileKind("pdf", PDF, docx_file, "ok"),
    "doc": FileKind("doc", DOC, word97_file, "ok"),
    "wps": FileKind("wps", WPS, word97_file, "ok"),
}


def file_status(kind: str) -> str:
    """What reading a file of this kind gives here: DOC and WPS need antiword or catdoc."""
    if kind in ("doc", "wps") and legacy_reader(kind) is None:
        return "unsupported"
    return FILE_KINDS[kind].status


@dataclass(frozen=True)
class Attachment:
    """One file: where it is served, what links to it, and the report it carries."""

    url_path: str
    kind: str
    item: Item
    title: str
    parent_path: str
    on_column: bool = False

    @property
    def link_text(self) -> str:
        return f"附件：{self.title}.{FILE_KINDS[self.kind].extension}"

    @property
    def sniffed_type(self) -> str:
        """The type a reader should find in the bytes."""
        return {"scanned": "pdf", "corrupt": "pdf", "lying": "docx"}.get(self.kind, self.kind)


@dataclass(frozen=True)
class PortalFiles:
    by_path: dict[str, Attachment]
    by_parent: dict[str, tuple[Attachment, ...]]


def plan_files(plan: PortalPlan) -> PortalFiles:
    """The attachments of one portal, keyed by their path and by the page linking them."""
    spec, reports = plan.spec, [item for item in plan.items() if item.is_report]
    files = [
        _attachment(spec, item, KINDS[(n + spec.index) % len(KINDS)], item.url_path)
        for n, item in enumerate(reports[: len(KINDS)])
    ]
    column = plan.columns[0]
    newest = next((item for item in column.items if item.is_report), None)
    if newest is not None:
        files.append(dataclasses.replace(
            _attachment(spec, newest, "xlsx", page_key(column.path), suffix="t"),
            title=f"{newest.title}附表", on_column=True,
        ))
    by_parent: dict[str, tuple[Attachment, ...]] = {}
    for file in files:
        by_parent[file.parent_path] = (*by_parent.get(file.parent_path, ()), file)
    return PortalFiles({file.url_path: file for file in files}, by_parent)


def file_response(spec: PortalSpec, file: Attachment) -> tuple[dict[str, str], bytes]:
    """Headers and bytes of an attachment."""
    body = _file_bytes(spec, file.item, file.kind, file.title)
    kind = FILE_KINDS[file.kind]
    headers = {"Content-Type": kind.content_type, "Content-Length": str(len(body))}
    if not kind.url_extension:
        headers["Content-Disposition"] = f'attachment; filename="{file.item.doc_id}.docx"'
    return headers, body


def with_links(page: Page, files: tuple[Attachment, ...]) -> Page:
    """The page with its attachment links added at the end of the body."""
    links = "".join(
        f'<p>附件：<a href="{esc(file.url_path)}">{esc(file.link_text.removeprefix("附件："))}'
        "</a></p>"
        for file in files
    )
    block = f'<div class="fj">{links}</div>'
    text = page.text.replace("</body>", block + "</body>", 1)
    return dataclasses.replace(page, text=text)


def parent_files(files: PortalFiles, path_and_query: str) -> tuple[Attachment, ...]:
    """Files linked from the page at this path (a report page, or any page of the column)."""
    found = files.by_parent.get(path_and_query)
    if found is None:
        found = files.by_parent.get(page_key(path_and_query.split("?", 1)[0]), ())
    return found


def page_key(path: str) -> str:
    """A column path as requested: a trailing slash means index.html."""
    return path + "index.html" if path.endswith("/") else path


def _attachment(spec: PortalSpec, item: Item, kind: str, parent: str,
                suffix: str = "") -> Attachment:
    day, code = item.published, spec.region_code
    if FILE_KINDS[kind].url_extension:
        path = f"/{code}/uploadfiles/{day:%Y%m}/P0{day:%Y%m%d}{item.doc_id}{suffix}." \
               f"{FILE_KINDS[kind].extension}"
    else:
        path = f"/{code}/uploadfiles/download.jsp?fileid={item.doc_id}{suffix}"
    return Attachment(path, kind, item, item.title, parent)


@cache
def _file_bytes(spec: PortalSpec, item: Item, kind: str, title: str) -> bytes:
    blocks = blocks_from_html(body_html(spec, item))
    return FILE_KINDS[kind].make(title, blocks)
