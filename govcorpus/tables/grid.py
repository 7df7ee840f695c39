"""Expand HTML tables into rectangular grids, copying rowspan/colspan cells into every slot."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from govcorpus.tables.labels import compact

MAX_SPAN = 100
MAX_TABLE_ROWS = 2_000
SPACE_RE = re.compile(r"\s+")
SPAN_RE = re.compile(r"\d+")
XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass(frozen=True)
class GridCell:
    """One grid slot: the text of the cell covering it and that cell's origin (row, col)."""

    raw: str
    label: str
    origin: tuple[int, int]


Grid = list[list[GridCell | None]]


def _span(element: etree._Element, name: str) -> int:
    """A rowspan/colspan attribute as a sane positive int."""
    match = SPAN_RE.search(element.get(name) or "")
    return min(max(int(match.group()), 1), MAX_SPAN) if match else 1


def _cell_text(element: etree._Element) -> str:
    """Visible text of a cell with runs of whitespace collapsed."""
    for br in element.iter("br"):
        br.tail = " " + (br.tail or "")
    return SPACE_RE.sub(" ", element.text_content()).strip()


def _place(grid: Grid, r: int, c: int, rows: int, cols: int, cell: GridCell) -> None:
    """Write a cell into every slot it covers, growing the grid as needed."""
    for rr in range(r, r + rows):
        while len(grid) <= rr:
            grid.append([])
        row = grid[rr]
        while len(row) < c + cols:
            row.append(None)
        for cc in range(c, c + cols):
            row[cc] = cell


def table_grid(table: etree._Element) -> Grid:
    """Expand one <table> (without nested tables) into a grid."""
    grid: Grid = []
    for r, tr in enumerate(table.iter("tr")):
        if r >= MAX_TABLE_ROWS:
            break
        while len(grid) <= r:
            grid.append([])
        c = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            raw = _cell_text(td)
            cell = GridCell(raw=raw, label=compact(raw), origin=(r, c))
            cols = _span(td, "colspan")
            _place(grid, r, c, _span(td, "rowspan"), cols, cell)
            c += cols
    width = max((len(row) for row in grid), default=0)
    return [row + [None] * (width - len(row)) for row in grid]


def _document(html: str | bytes) -> etree._Element | None:
    """Parse a page; str input keeps its decoding (an XML declaration is dropped)."""
    if isinstance(html, str):
        html = XML_DECL_RE.sub("", html)
    if not html or not html.strip():
        return None
    try:
        return lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def html_grids(html: str | bytes) -> list[Grid]:
    """Grids of every innermost table of a page, in document order."""
    doc = _document(html)
    if doc is None:
        return []
    tables = [t for t in doc.iter("table") if not any(True for _ in t.iterdescendants("table"))]
    return [grid for grid in (table_grid(t) for t in tables) if grid]


def html_text(html: str | bytes) -> str:
    """The page's text with one line per text node (cell borders become line breaks)."""
    doc = _document(html)
    if doc is None:
        return ""
    # read around scripts and styles, not out of the tree: dropping a node rewrites its
    # neighbour's text, which lxml refuses when a page's text holds control characters
    parts = doc.xpath("//text()[not(ancestor::script or ancestor::style)]")
    return "\n".join(part.strip() for part in parts if part.strip())
