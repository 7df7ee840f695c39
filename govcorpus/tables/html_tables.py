"""Read the statistics cells from HTML table grids, matching rows and columns by label.

Columns are found in the header rows above the data (the lowest header cell over a grid column
that is a known column label); rows by the rightmost label cell of each data row. Cells that
span several grid slots are read once (by origin).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from govcorpus.tables.cells import build_cell, has_number, is_schema_cell
from govcorpus.tables.grid import Grid, GridCell, html_grids
from govcorpus.tables.labels import cell_matches, first_match
from govcorpus.tables.model import Cell, Extraction
from govcorpus.tables.schema import (
    S2_COLUMNS,
    S2_ROWS,
    S3_COLUMNS,
    S3_ROWS,
    S4_GROUPS,
    S4_OUTCOMES,
    Label,
    s2_item_of_row,
)
from govcorpus.tables.values import parse_value

S3_NEW = S3_ROWS[0]
S3_PARENTS: dict[str, str] = {"result_other_other": "其他处理"}
S4_SUBGROUPS = S4_GROUPS[1:]
S4_CELL_COUNT = len(S4_GROUPS) * len(S4_OUTCOMES)
SECTION_MARKERS: dict[str, tuple[str, ...]] = {
    "s2": ("信息内容",),
    "s3": ("本年新收",),
    "s4": ("行政复议", "维持"),
}


def _distinct(cells: Sequence[GridCell | None]) -> list[tuple[int, GridCell]]:
    """(first column, cell) for each distinct cell of a row, left to right."""
    seen: set[tuple[int, int]] = set()
    out: list[tuple[int, GridCell]] = []
    for col, cell in enumerate(cells):
        if cell is not None and cell.origin not in seen:
            seen.add(cell.origin)
            out.append((col, cell))
    return out


def _sections_of(grid: Grid) -> list[str]:
    """Which statistics sections this table holds, judged by marker labels."""
    text = "".join(cell.label for row in grid for _, cell in _distinct(row))
    return [s for s, marks in SECTION_MARKERS.items() if all(m in text for m in marks)]


def _header_map(
    header: Sequence[Sequence[GridCell | None]], labels: Sequence[Label]
) -> dict[int, str]:
    """Grid column → column id, from the lowest header cell over each column that matches."""
    mapping: dict[int, str] = {}
    width = max((len(row) for row in header), default=0)
    for col in range(width):
        for row in reversed(header):
            cell = row[col] if col < len(row) else None
            label = first_match(labels, cell.label) if cell else None
            if label:
                mapping[col] = label.id
                break
    return mapping


def _row_values(row: Sequence[GridCell | None], mapping: dict[int, str]) -> dict[str, str]:
    """Column id → raw text for one data row (the first non-blank cell over each column)."""
    values: dict[str, str] = {}
    seen: set[tuple[int, int]] = set()
    for col, column in mapping.items():
        cell = row[col] if col < len(row) else None
        if cell is None or cell.origin in seen:
            continue
        seen.add(cell.origin)
        if not values.get(column):
            values[column] = cell.raw
    return values


def _table_filled(rows: Sequence[Sequence[GridCell | None]], mapping: dict[int, str]) -> bool:
    """Whether any mapped cell of these rows holds a number."""
    return any(has_number(list(_row_values(row, mapping).values())) for row in rows)


def _s3_row_id(row: Sequence[GridCell | None], mapping: dict[int, str]) -> str | None:
    """The section 三 row a grid row is, from its rightmost matching label cell."""
    labels = [cell.label for col, cell in _distinct(row) if col not in mapping]
    for index in range(len(labels) - 1, -1, -1):
        for spec in S3_ROWS:
            parent = S3_PARENTS.get(spec.id)
            if parent and not any(parent in label for label in labels[:index]):
                continue
            if cell_matches(spec, labels[index]):
                return spec.id
    return None


def _cells_for(section: str, row_id: str, values: dict[str, str], filled: bool) -> list[Cell]:
    """Cells of one row, skipping columns the schema does not define for it."""
    return [
        build_cell(section, row_id, column, raw, filled)
        for column, raw in values.items()
        if is_schema_cell(section, row_id, column)
    ]


def _spans(row: Sequence[GridCell | None], cell: GridCell) -> list[int]:
    """Grid columns a cell covers in this row."""
    return [col for col, slot in enumerate(row) if slot is not None and slot.origin == cell.origin]


def _is_value(cell: GridCell) -> bool:
    """Whether a cell is blank or a number."""
    return not cell.raw or parse_value(cell.raw) is not None


def _s3_fallback(
    row: Sequence[GridCell | None], mapping: dict[int, str], ex: Extraction
) -> dict[int, str]:
    """Standard column order over the 7 value cells ending row 一 when the header is unreadable."""
    cells = [cell for _, cell in _distinct(row)]
    tail: list[GridCell] = []
    for cell in reversed(cells):
        if not _is_value(cell):
            break
        tail.insert(0, cell)
    if len(tail) != len(S3_COLUMNS):
        ex.notes.append(f"s3: header names only {sorted(set(mapping.values()))}")
        return mapping
    ex.notes.append("s3: header labels incomplete; 7 value cells read in the standard order")
    return {
        col: spec.id
        for cell, spec in zip(tail, S3_COLUMNS, strict=True)
        for col in _spans(row, cell)
    }


def _s3_cells(grid: Grid, ex: Extraction) -> None:
    """Section 三 cells of one table."""
    start = next(
        (
            i
            for i, row in enumerate(grid)
            if any(cell_matches(S3_NEW, c.label) for _, c in _distinct(row))
        ),
        None,
    )
    if start is None:
        return
    mapping = _header_map(grid[:start], S3_COLUMNS)
    if len(set(mapping.values())) < len(S3_COLUMNS):
        mapping = _s3_fallback(grid[start], mapping, ex)
    filled = _table_filled(grid[start:], mapping)
    rows: dict[str, list[Cell]] = {}
    for row in grid[start:]:
        row_id = _s3_row_id(row, mapping)
        if row_id and row_id not in rows:
            rows[row_id] = _cells_for("s3", row_id, _row_values(row, mapping), filled)
    if any(key.startswith("result_other_") for key in rows):
        rows.pop("result_other", None)
    ex.cells.extend(cell for cells in rows.values() for cell in cells)


def _s4_mapping(header: Sequence[Sequence[GridCell | None]]) -> dict[int, str]:
    """Grid column → "group/outcome" from the section 四 header rows."""
    mapping: dict[int, str] = {}
    width = max((len(row) for row in header), default=0)
    for col in range(width):
        labels = [cell.label for cell in _column_cells(header, col)]
        group = next((g for g in S4_SUBGROUPS for lab in labels if cell_matches(g, lab)), None)
        group = group or next(
            (g for lab in labels for g in S4_GROUPS[:1] if cell_matches(g, lab)), None
        )
        outcome = next(
            (o for lab in reversed(labels) for o in S4_OUTCOMES if cell_matches(o, lab)), None
        )
        if group and outcome:
            mapping[col] = f"{group.id}/{outcome.id}"
    return mapping


def _column_cells(header: Sequence[Sequence[GridCell | None]], col: int) -> list[GridCell]:
    """Header cells over one grid column, top to bottom."""
    return [row[col] for row in header if col < len(row) and row[col] is not None]


def _is_value_row(row: Sequence[GridCell | None]) -> bool:
    """Whether every cell of a row is a number or blank."""
    cells = _distinct(row)
    return bool(cells) and all(_is_value(cell) for _, cell in cells)


def _s4_cells(grid: Grid, ex: Extraction) -> None:
    """Section 四 cells of one table (one data row of 15 numbers)."""
    rows = [i for i, row in enumerate(grid) if i and _is_value_row(row)]
    data = next((i for i in rows if has_number([c.raw for _, c in _distinct(grid[i])])), None)
    data = data if data is not None else next(iter(rows), None)
    if data is None:
        return
    mapping = _s4_mapping(grid[:data])
    cells = _distinct(grid[data])
    if len(set(mapping.values())) < S4_CELL_COUNT and len(cells) == S4_CELL_COUNT:
        ex.notes.append("s4: header labels incomplete; 15 cells read in the standard order")
        order = [f"{g.id}/{o.id}" for g in S4_GROUPS for o in S4_OUTCOMES]
        mapping = {col: key for (col, _), key in zip(cells, order, strict=True)}
    values = _row_values(grid[data], mapping)
    filled = has_number(list(values.values()))
    for key, raw in values.items():
        group, outcome = key.split("/")
        ex.cells.append(build_cell("s4", group, outcome, raw, filled))


@dataclass(frozen=True)
class S2Header:
    """A 信息内容 header row: the grid columns of each column cell and its id (None: unread)."""

    spans: tuple[tuple[int, ...], ...]
    ids: tuple[str | None, ...]


def _s2_header(row: Sequence[GridCell | None]) -> S2Header:
    """Read the column cells that follow the 信息内容 cell."""
    cells = [cell for _, cell in _distinct(row)]
    first = next(i for i, cell in enumerate(cells) if "信息内容" in cell.label)
    spans, ids = [], []
    for cell in cells[first + 1 :]:
        label = first_match(S2_COLUMNS, cell.label)
        spans.append(tuple(_spans(row, cell)))
        ids.append(label.id if label else None)
    return S2Header(tuple(spans), tuple(ids))


def _s2_mapping(header: S2Header, row_id: str, ex: Extraction) -> dict[int, str]:
    """Grid column → column id for one row; unread header cells take the format's order."""
    ids = header.ids
    if None in ids:
        item = s2_item_of_row(row_id)
        fits = [
            cols
            for cols in item.columns.values()
            if len(cols) == len(ids)
            and all(i is None or i == c.id for i, c in zip(ids, cols, strict=True))
        ]
        if len(fits) == 1:
            ids = tuple(col.id for col in fits[0])
            ex.notes.append(f"s2 {row_id}: header incomplete; standard column order used")
    return {col: cid for cols, cid in zip(header.spans, ids, strict=True) if cid for col in cols}


def _s2_cells(grid: Grid, ex: Extraction) -> None:
    """Section 二 cells: each 信息内容 header row sets the columns of the rows below it."""
    header: S2Header | None = None
    pending: list[tuple[str, dict[str, str]]] = []
    for row in grid:
        cells = _distinct(row)
        if not cells:
            continue
        if any("信息内容" in cell.label for _, cell in cells):
            header = _s2_header(row)
            continue
        spec = first_match(S2_ROWS, cells[0][1].label)
        if spec is not None and header is not None:
            pending.append((spec.id, _row_values(row, _s2_mapping(header, spec.id, ex))))
    filled = any(has_number(list(values.values())) for _, values in pending)
    seen: set[str] = set()
    for row_id, values in pending:
        if row_id not in seen:
            seen.add(row_id)
            ex.cells.extend(_cells_for("s2", row_id, values, filled))


def extract_html(html: str | bytes) -> Extraction:
    """All statistics cells found in the tables of a page."""
    ex = Extraction()
    readers = {"s2": _s2_cells, "s3": _s3_cells, "s4": _s4_cells}
    for grid in html_grids(html):
        for section in _sections_of(grid):
            if section not in ex.sections:
                readers[section](grid, ex)
    return ex
