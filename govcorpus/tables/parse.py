"""Parse the statistics tables of an annual report: HTML tables first, report text for the rest.

``parse_stats`` reads the sections it finds in the page's HTML tables (true cell borders) and
takes any section missing there from the text (the given text, or else the page's own text).
It then decides the format from the cells found and runs the 勾稽 checks.
"""

from __future__ import annotations

import re
from collections import Counter

from govcorpus.tables.checks import run_checks
from govcorpus.tables.grid import html_text
from govcorpus.tables.html_tables import extract_html
from govcorpus.tables.model import Cell, Extraction, ReportStats
from govcorpus.tables.schema import CELLS_BY_KEY, F2019, F2021, KEY_ORDER
from govcorpus.tables.text_cells import extract_text

FORMAT_2021_RE = re.compile(r"国办公开办函\W{0,2}2021\W{0,2}30号")
FORMAT_2019_RE = re.compile(r"国办公开办函\W{0,2}2019\W{0,2}60号")
UNKNOWN = "unknown"
MAX_INPUT_CHARS = 2_000_000


def detect_format(cells: list[Cell], text: str = "") -> str:
    """ "2021", "2019" or "unknown": cells only one format has, else the circular cited."""
    votes: Counter[str] = Counter()
    for cell in cells:
        formats = CELLS_BY_KEY[cell.key].formats
        if len(formats) == 1:
            votes[formats[0]] += 1
    if votes[F2021] != votes[F2019]:
        return F2021 if votes[F2021] > votes[F2019] else F2019
    cites_2021 = bool(FORMAT_2021_RE.search(text))
    cites_2019 = bool(FORMAT_2019_RE.search(text))
    if cites_2021 != cites_2019:
        return F2021 if cites_2021 else F2019
    return UNKNOWN


def _merge(primary: Extraction, secondary: Extraction) -> Extraction:
    """Sections of primary, plus the sections only secondary has."""
    extra = [cell for cell in secondary.cells if cell.section not in primary.sections]
    notes = primary.notes + [note for note in secondary.notes if note[:2] not in primary.sections]
    return Extraction(cells=primary.cells + extra, notes=notes)


def _source(html_part: Extraction, merged: Extraction) -> str:
    """Where the cells came from: "html", "text" or "html+text"."""
    if not html_part.cells:
        return "text"
    return "html" if merged.sections <= html_part.sections else "html+text"


def parse_stats(text: str | None = None, html: str | bytes | None = None) -> ReportStats | None:
    """The report's statistics tables as numbers, or None when it has none.

    Inputs longer than ``MAX_INPUT_CHARS`` are cut to that length first.
    """
    text = text[:MAX_INPUT_CHARS] if text else text
    html = html[:MAX_INPUT_CHARS] if html else html
    from_html = extract_html(html) if html else Extraction()
    body = text if text is not None else (html_text(html) if html else "")
    from_text = extract_text(body) if body and len(from_html.sections) < 3 else Extraction()
    merged = _merge(from_html, from_text)
    if not merged.cells:
        return None
    cells = sorted(merged.cells, key=lambda cell: KEY_ORDER[cell.key])
    return ReportStats(
        cells=cells,
        checks=run_checks(cells),
        format=detect_format(cells, body),
        source=_source(from_html, merged),
        notes=merged.notes,
    )
