"""PDF text with pdfplumber: lines and tables in reading order, scanned pages detected."""

from __future__ import annotations

import io

from govcorpus.attachments.model import (
    STATUS_CORRUPT,
    STATUS_SCANNED,
    Extraction,
    Limits,
    finish,
    join_cells,
)
from govcorpus.attachments.ocr import ocr_pages

Block = tuple[float, str]  # (top of the block on the page, its text)


def pdf_text(data: bytes, limits: Limits) -> Extraction:
    """Every page's text lines and tables (one row per line, cells joined by " | ")."""
    import pdfplumber  # heavy: loaded on the first PDF

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = pdf.pages[: limits.max_pages]
            lines, images = [], 0
            for page in pages:
                lines += [text for _, text in sorted(_page_blocks(page))]
                images += len(page.images)
            truncated = len(pdf.pages) > len(pages)
    except MemoryError:
        raise  # the bounded reader reports it as too_large
    except Exception as exc:  # pdfminer raises many kinds on broken files
        return Extraction("pdf", STATUS_CORRUPT, None, f"{type(exc).__name__}: {exc}"[:300])
    if not pages:  # a page tree that loops or leads nowhere: pdfminer finds no page
        return Extraction("pdf", STATUS_CORRUPT, None, "no page: the page tree is broken")
    if not any(line.strip() for line in lines):
        return _scanned(data, images, limits)
    detail = f"first {limits.max_pages} pages only" if truncated else None
    return finish("pdf", lines, limits, detail)


def _page_blocks(page) -> list[Block]:
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    blocks: list[Block] = []
    for table in tables:
        rows = [join_cells(row) for row in table.extract() if any(cell for cell in row)]
        blocks += [(table.bbox[1] + n * 1e-3, row) for n, row in enumerate(rows)]
    outside = page.filter(lambda obj: not _inside(obj, boxes)) if boxes else page
    for line in outside.extract_text_lines(keep_blank_chars=False):
        blocks.append((line["top"], line["text"]))
    return blocks


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    if obj.get("object_type") != "char":
        return False
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _scanned(data: bytes, images: int, limits: Limits) -> Extraction:
    """No text layer: OCR it when tesseract is installed, else say it is a scan."""
    text = ocr_pages(data, limits)
    if text:
        return Extraction("pdf", STATUS_SCANNED, text, "text layer missing; text from OCR")
    what = f"{images} page images" if images else "no text and no images"
    return Extraction("pdf", STATUS_SCANNED, None, f"no text layer ({what})")
