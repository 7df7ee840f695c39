"""Attachment files made from a report's text: PDF with tables, DOCX, XLSX, scans, broken files.

Every generator is deterministic: same blocks, same bytes (fixed PDF ids, fixed zip times).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from functools import cache

from lxml import html as lxml_html

Block = str | list[list[str]]  # a paragraph, or a table as rows of cells
FIXED_TIME = (2025, 1, 1, 0, 0, 0)
CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
PDF_FONT = "STSong-Light"  # a CID font built into reportlab: no font file needed


def blocks_from_html(body: str) -> list[Block]:
    """Paragraphs and tables of a report body, in order."""
    root = lxml_html.fragment_fromstring(body, create_parent="div")
    blocks: list[Block] = []
    for element in root.iter("p", "table"):
        if element.tag == "table":
            rows = [[_text(cell) for cell in row.iter("td", "th")] for row in element.iter("tr")]
            blocks.append([row for row in rows if any(row)])
        elif not any(parent.tag == "table" for parent in element.iterancestors()):
            text = _text(element)
            if text:
                blocks.append(text)
    return blocks


def pdf_file(title: str, blocks: list[Block]) -> bytes:
    """A text PDF: the title, paragraphs and ruled tables, in a CJK font."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    heading, body, cell = _pdf_styles()
    flow = [Paragraph(_xml(title), heading)]
    for block in blocks:
        if isinstance(block, str):
            flow.append(Paragraph(_xml(block), body))
            continue
        width = max(len(row) for row in block)
        rows = [[Paragraph(_xml(c), cell) for c in row + [""] * (width - len(row))]
                for row in block]
        flow.append(Table(rows, colWidths=[450 / width] * width, style=TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.5, colors.black)])))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, invariant=1, title="report").build(flow)
    return out.getvalue()


def scanned_pdf_file(title: str = "", blocks: list[Block] | None = None, pages: int = 2) -> bytes:
    """A PDF of page images only, as a scanner makes: no text layer. The first page prints the
    title and opening lines when a Chinese font is installed (so OCR can read it back); the
    rest, or every page without such a font, shows grey bars where lines of print would be."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    font = cjk_font_file()
    lines = _scan_lines(title, blocks or []) if font and title else []
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1)
    for page in range(pages):
        image = _printed_page(lines, font) if page == 0 and lines else _barred_page(page)
        canvas.drawImage(ImageReader(image), 0, 0, *A4)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


SCAN_SIZE = (1240, 1754)  # A4 at 150 dpi
SCAN_LINE_CHARS = 28
SCAN_LINES = 8


@cache
def cjk_font_file() -> str | None:
    """A font file with Chinese glyphs (Debian's fonts-wqy-microhei, or any fontconfig knows)."""
    if shutil.which("fc-list"):
        listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True,
                                check=False, timeout=30).stdout
        files = sorted(line.split(":")[0].strip() for line in listed.splitlines() if line.strip())
        if files:
            return files[0]
    return None


def _scan_lines(title: str, blocks: list[Block]) -> list[str]:
    text = "".join(block for block in blocks if isinstance(block, str))
    body = [text[i : i + SCAN_LINE_CHARS] for i in range(0, len(text), SCAN_LINE_CHARS)]
    return [title, *body[: SCAN_LINES - 1]]


def _printed_page(lines: list[str], font_file: str):
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", SCAN_SIZE, 250)
    draw = ImageDraw.Draw(image)
    heading, body = ImageFont.truetype(font_file, 44), ImageFont.truetype(font_file, 36)
    draw.text((120, 160), lines[0], font=heading, fill=20)
    for number, line in enumerate(lines[1:]):
        draw.text((120, 300 + 70 * number), line, font=body, fill=20)
    return image


def _barred_page(page: int):
    from PIL import Image, ImageDraw

    image = Image.new("L", (595, 842), 250)
    draw = ImageDraw.Draw(image)
    for line in range(8 + page, 46):  # grey bars where a scan shows lines of print
        length = 300 + (line * 37 + page * 11) % 200
        draw.rectangle((60, 18 * line, 60 + length, 18 * line + 9), fill=70)
    return image


def corrupt_pdf_file(title: str, blocks: list[Block]) -> bytes:
    """A PDF cut short in transfer: its first half only."""
    data = pdf_file(title, blocks)
    return data[: len(data) // 2]


def docx_file(title: str, blocks: list[Block]) -> bytes:
    """A Word document: the title as a heading, paragraphs and tables."""
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        width = max(len(row) for row in block)
        table = document.add_table(rows=len(block), cols=width)
        table.style = "Table Grid"
        for row, cells in zip(table.rows, block, strict=False):
            for cell, value in zip(row.cells, cells, strict=False):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return stable_zip(out.getvalue())


def xlsx_file(title: str, blocks: list[Block]) -> bytes:
    """A workbook with one sheet: the title, paragraphs in column A, tables cell by cell."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "年报"
    sheet.append([title])
    for block in blocks:
        for row in [[block]] if isinstance(block, str) else block:
            sheet.append([_number(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return stable_zip(out.getvalue())


def stable_zip(data: bytes) -> bytes:
    """The same zip with fixed entry times and document dates, so bytes repeat run to run."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = CORE_TIMES.sub(rb"\g<1>2025-01-01T00:00:00Z\g<2>", content)
            target.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME), content,
                            zipfile.ZIP_DEFLATED)
    return out.getvalue()


@cache
def _pdf_styles():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    heading = ParagraphStyle("heading", fontName=PDF_FONT, fontSize=12, leading=20,
                             wordWrap="CJK")
    body = ParagraphStyle("body", fontName=PDF_FONT, fontSize=10.5, leading=16, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=PDF_FONT, fontSize=7.5, leading=9, wordWrap="CJK")
    return heading, body, cell


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _number(value: str) -> int | str:
    return int(value) if value.isdigit() and len(value) < 12 else value
