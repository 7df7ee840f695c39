"""DOCX text with python-docx: paragraphs and tables in document order."""

from __future__ import annotations

import io

from govcorpus.attachments.model import STATUS_CORRUPT, Extraction, Limits, finish, join_cells

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data: bytes, limits: Limits) -> Extraction:
    """Paragraph lines and table rows (cells joined by " | "), merged cells written once."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for child in document.element.body.iterchildren():
            if child.tag == f"{W_NS}p":
                lines.append(Paragraph(child, document).text)
            elif child.tag == f"{W_NS}tbl":
                lines += _table_rows(Table(child, document))
    except MemoryError:
        raise  # the bounded reader reports it as too_large
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors…
        return Extraction("docx", STATUS_CORRUPT, None, f"{type(exc).__name__}: {exc}"[:300])
    return finish("docx", lines, limits)


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells, seen = [], None
        for cell in row.cells:
            if cell._tc is not seen:  # a horizontally merged cell comes back once per column
                cells.append(cell.text)
            seen = cell._tc
        if any(c.strip() for c in cells):
            rows.append(join_cells(cells))
    return rows
