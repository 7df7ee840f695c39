"""Turn the raw text of schema cells into Cell objects under the blank-cell rule.

A blank cell (``raw == ""``) is 0 when its table holds at least one number (a filled table
leaves zero counts blank); in a table without any number it stays None. Text that is not a
number stays None with its raw text kept.
"""

from __future__ import annotations

from govcorpus.tables.model import Cell
from govcorpus.tables.schema import CELLS_BY_KEY, cell_key
from govcorpus.tables.values import parse_value


def is_schema_cell(section: str, row: str, column: str) -> bool:
    """Whether the schema knows this (section, row, column)."""
    return cell_key(section, row, column) in CELLS_BY_KEY


def build_cell(section: str, row: str, column: str, raw: str, filled: bool) -> Cell:
    """A Cell from raw text; blank → 0 in a filled table, else None."""
    spec = CELLS_BY_KEY[cell_key(section, row, column)]
    raw = raw.strip()
    if raw:
        value = parse_value(raw, spec.amount)
    elif filled:
        value = 0.0 if spec.amount else 0
    else:
        value = None
    return Cell(section=section, row=row, column=column, value=value, raw=raw)


def has_number(raws: list[str]) -> bool:
    """Whether any of these texts is a number (the table is filled)."""
    return any(parse_value(raw) is not None for raw in raws if raw.strip())
