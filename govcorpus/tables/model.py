"""Result types of the statistics parser: cells, consistency checks and the report's stats."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from govcorpus.tables.schema import KEY_ORDER, cell_key

Value = int | float | None


@dataclass(frozen=True)
class Cell:
    """One statistics cell: its place in the schema, its number and its text as found.

    ``raw`` is the cell text as found (HTML: the cell's text; plain text: the token after
    ``normalize_text``, so full-width digits appear folded). ``""`` marks a blank cell; when a
    flattened row could not be split, every cell of the row carries the whole run and None.
    """

    section: str
    row: str
    column: str
    value: Value
    raw: str

    @property
    def key(self) -> str:
        """Stable key, e.g. ``s3_new_natural_person`` (see schema.py / COLUMNS.md)."""
        return cell_key(self.section, self.row, self.column)


@dataclass(frozen=True)
class Check:
    """One 勾稽 (consistency) check: which cells it read and whether the report adds up."""

    name: str
    ok: bool
    cells: list[str]
    detail: str


@dataclass
class Extraction:
    """Cells read from one source (HTML tables or text) before they are merged."""

    cells: list[Cell] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def sections(self) -> set[str]:
        """Sections with at least one cell."""
        return {cell.section for cell in self.cells}


@dataclass
class ReportStats:
    """The statistics tables of one report as numbers, with the result of every check."""

    cells: list[Cell]
    checks: list[Check]
    format: str
    source: str = ""
    notes: list[str] = field(default_factory=list)

    def get(self, key: str) -> Cell | None:
        """The cell with this key, or None when the report has no such cell."""
        for cell in self.cells:
            if cell.key == key:
                return cell
        return None

    def values(self) -> dict[str, Value]:
        """Flat mapping key → value, in schema order (export row)."""
        ordered = sorted(self.cells, key=lambda cell: KEY_ORDER.get(cell.key, len(KEY_ORDER)))
        return {cell.key: cell.value for cell in ordered}

    def as_nested(self) -> dict[str, dict[str, dict[str, Value]]]:
        """Section → row → column → value, JSON-ready."""
        nested: dict[str, dict[str, dict[str, Value]]] = {}
        for cell in self.cells:
            nested.setdefault(cell.section, {}).setdefault(cell.row, {})[cell.column] = cell.value
        return nested

    def checks_as_dicts(self) -> list[dict[str, Any]]:
        """Every check as a plain dict (name, ok, cells, detail)."""
        return [{"name": check.name, "ok": check.ok, "cells": list(check.cells),
                 "detail": check.detail} for check in self.checks]

    @property
    def failed_checks(self) -> list[Check]:
        """Checks the report's own numbers do not pass."""
        return [check for check in self.checks if not check.ok]
