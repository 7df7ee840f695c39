"""Spreadsheet text: XLSX with openpyxl, XLS with xlrd; one row per line, cells joined by " | "."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator

from govcorpus.attachments.model import STATUS_CORRUPT, Extraction, Limits, finish, join_cells


def xlsx_text(data: bytes, limits: Limits) -> Extraction:
    """Every sheet's non-empty rows (values, not formulas)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = [(sheet.title, sheet.iter_rows(values_only=True)) for sheet in book.worksheets]
        lines = list(_lines(sheets, limits))
        book.close()
    except MemoryError:
        raise  # the bounded reader reports it as too_large
    except Exception as exc:  # zipfile, XML and openpyxl errors
        return Extraction("xlsx", STATUS_CORRUPT, None, f"{type(exc).__name__}: {exc}"[:300])
    return finish("xlsx", lines, limits)


def xls_text(data: bytes, limits: Limits) -> Extraction:
    """Every sheet of an Excel 97–2003 workbook."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
        sheets = [(sheet.name, (sheet.row_values(n) for n in range(sheet.nrows)))
                  for sheet in book.sheets()]
        lines = list(_lines(sheets, limits))
    except MemoryError:
        raise  # the bounded reader reports it as too_large
    except Exception as exc:  # xlrd.XLRDError, struct errors on broken files
        return Extraction("xls", STATUS_CORRUPT, None, f"{type(exc).__name__}: {exc}"[:300])
    return finish("xls", lines, limits)


def _lines(sheets: list[tuple[str, Iterable[tuple]]], limits: Limits) -> Iterator[str]:
    budget = limits.max_rows
    for _, rows in sheets:
        for row in rows:
            if budget <= 0:
                return
            budget -= 1
            cells = [_cell(value) for value in row]
            while cells and not cells[-1]:
                cells.pop()
            filled = [c for c in cells if c]
            if len(filled) == 1:
                yield filled[0]
            elif filled:
                yield join_cells(cells)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
