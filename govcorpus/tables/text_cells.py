"""Read the statistics cells from report text: " | "-flattened, one cell per line, or run together.

The text is normalised and compacted (``labels.compact``: whitespace dropped, "|" kept between
numbers). Each table is located by anchor labels; its rows are then found in schema order by
their labels, and the values of a row are the numbers right after its label, up to the next
label. Columns follow the order in which the header names them; where the header is
incomplete, the standard order of the format is used (and a note says so). Rows whose numbers
ran together are rebuilt with ``values.resolve_row``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from govcorpus.tables.cells import build_cell, is_schema_cell
from govcorpus.tables.disambiguate import Equation, choose_readings
from govcorpus.tables.labels import (
    compact,
    order_by_position,
    positions,
    s3_column_order,
    text_regex,
)
from govcorpus.tables.model import Cell, Extraction
from govcorpus.tables.schema import (
    S2_ROWS,
    S3_COLUMNS,
    S3_OUTCOME_ROWS,
    S3_ROWS,
    S4_GROUPS,
    S4_OUTCOMES,
    Label,
    s2_item_of_row,
)
from govcorpus.tables.values import (
    Constraint,
    Number,
    Resolution,
    reading_values,
    resolve_row,
    tokens_of,
)

S2_ANCHOR_RE = re.compile(r"第二十条第\W{0,2}一\W{0,2}项")
S2_HEADER_RE = re.compile(r"信息内容")
S3_ROW_NEW_RE = re.compile(r"本年新收政府信息公开申请数量|本年新收")
S3_HEADER_RE = re.compile(r"勾稽关系|申请人情况|收到和处理政府信息公开申请情况")
S4_ANCHOR_RE = re.compile(r"行政复议\|*行政诉讼(?!情况)")
S4_HEADER_WORDS_RE = re.compile(
    r"结果维持|结果纠正|其他结果|尚未审结|未经复议直接起诉|复议后起诉|总计|结果|维持|纠正|其他|尚未|审结|[|\W]"
)
FIRST_NUMBER_RE = re.compile(r"[+-]?\d")
VALUE_RUN_RE = re.compile(r"[\d.|+\-,]*")
ENUM_TAIL_RE = re.compile(r"\d\.$")
ENUM_MARKS = frozenset("、．")
S2_ANCHOR_WINDOW = 60
S3_HEADER_WINDOW = 400
S4_HEADER_SLACK = 4

Slot = tuple[str, str]
S4_SLOTS: tuple[Slot, ...] = tuple((g.id, o.id) for g in S4_GROUPS for o in S4_OUTCOMES)


@dataclass(frozen=True)
class Span:
    """Where a table sits in the compacted text."""

    start: int
    end: int


@dataclass(frozen=True)
class RowHit:
    """A row label found in the text, with the text that follows it up to the next label."""

    label: Label
    start: int
    end: int
    values: str


@dataclass
class RowContext:
    """What every row of one table shares: its arithmetic, fill state and the notes sink."""

    ex: Extraction
    filled: bool
    constraint: Constraint | None = None


def _sum_constraint(columns: Sequence[str], total: str, parts: Sequence[str]) -> Constraint:
    """Constraint: the value in column ``total`` equals the sum of the ``parts`` columns."""
    t = columns.index(total)
    idx = [columns.index(part) for part in parts]

    def check(values: Sequence[Number]) -> bool:
        return abs(values[t] - sum(values[i] for i in idx)) < 1e-9

    return check


def _s4_constraint(values: Sequence[Number]) -> bool:
    """Each group's total equals the sum of its four outcomes."""
    width = len(S4_OUTCOMES)
    groups = [values[i : i + width] for i in range(0, len(values), width)]
    return all(abs(group[-1] - sum(group[:-1])) < 1e-9 for group in groups)


def _value_run(region: str) -> str:
    """The run of number text at the start of a row's region (leading label text skipped).

    A trailing enumerator of the next row label that its pattern did not take ("…0005." or
    "…0003、") is cut off: a number never ends with a dot.
    """
    first = FIRST_NUMBER_RE.search(region)
    if first is None:
        return ""
    match = VALUE_RUN_RE.match(region, first.start())
    run = match.group()
    if ENUM_TAIL_RE.search(run):
        run = run[:-2]
    elif region[match.end() : match.end() + 1] in ENUM_MARKS and run[-1:].isdigit():
        run = run[:-1]
    return run.rstrip("|.,")


def _find_rows(text: str, span: Span, labels: Sequence[Label]) -> list[RowHit]:
    """Row labels found in order inside span, each with the text up to the next label."""
    found: list[tuple[Label, int, int]] = []
    pos = span.start
    for label in labels:
        match = text_regex(label).search(text, pos, span.end)
        if match:
            found.append((label, match.start(), match.end()))
            pos = match.end()
    hits = []
    for index, (label, start, end) in enumerate(found):
        stop = found[index + 1][1] if index + 1 < len(found) else span.end
        hits.append(RowHit(label, start, end, text[end:stop]))
    return hits


def _resolve(section: str, slots: Sequence[Slot], run: str, ctx: RowContext) -> Resolution:
    """Assign a row's run of numbers to its slots (a row without numbers is all blank)."""
    tokens = tokens_of(run)
    if not tokens:
        return Resolution(("",) * len(slots))
    resolution = resolve_row(tokens, len(slots), ctx.constraint)
    if resolution.note:
        ctx.ex.notes.append(f"{section} {slots[0][0]}: {resolution.note} ({run!r})")
    return resolution


def _cells(
    section: str, slots: Sequence[Slot], run: str, resolution: Resolution, ctx: RowContext
) -> list[Cell]:
    """Cells of one row; an unresolved row keeps its whole run as raw text and no values."""
    unresolved = resolution.raws is None
    raws = resolution.raws or ("",) * len(slots)
    cells = [
        build_cell(section, row, col, raw, ctx.filled and not unresolved)
        for (row, col), raw in zip(slots, raws, strict=True)
        if is_schema_cell(section, row, col)
    ]
    return [replace(cell, raw=run) for cell in cells] if unresolved else cells


def _row_cells(section: str, slots: Sequence[Slot], run: str, ctx: RowContext) -> list[Cell]:
    """Cells of one row (its (row, column) slots in order) from its run of number text."""
    return _cells(section, slots, run, _resolve(section, slots, run, ctx), ctx)


# --- section 二 ---------------------------------------------------------------------------


def _s2_columns(row_id: str, header: str, ntokens: int, ex: Extraction) -> list[str]:
    """Column ids of a section 二 row, from the 信息内容 header above it."""
    item = s2_item_of_row(row_id)
    best: tuple[float, int, str] | None = None
    for fmt, labels in item.columns.items():
        found = positions(labels, header)
        score = (len(found) / len(labels), len(found), fmt)
        if found and (best is None or score[:2] > best[:2]):
            best = score
    if best is None:
        fits = [f for f, cols in item.columns.items() if len(cols) == ntokens]
        fmt = fits[0] if len(fits) == 1 else next(iter(item.columns))
        ex.notes.append(f"s2 {row_id}: no column header; read as {fmt} format")
    else:
        fmt = best[2]
    default = [label.id for label in item.columns[fmt]]
    order = order_by_position(positions(item.columns[fmt], header), default)
    if order is None and best is not None and len(default) > 1:
        ex.notes.append(f"s2 {row_id}: header incomplete; standard {fmt} column order used")
    return order or default


def _s2(text: str, span: Span, ex: Extraction) -> None:
    """Section 二 cells."""
    hits = _find_rows(text, span, S2_ROWS)
    runs = [_value_run(hit.values) for hit in hits]
    ctx = RowContext(ex, filled=any(tokens_of(run) for run in runs))
    for hit, run in zip(hits, runs, strict=True):
        headers = list(S2_HEADER_RE.finditer(text, span.start, hit.start))
        header = text[headers[-1].end() : hit.start] if headers else ""
        columns = _s2_columns(hit.label.id, header, len(tokens_of(run)), ex)
        slots = [(hit.label.id, col) for col in columns]
        ex.cells.extend(_row_cells("s2", slots, run, ctx))


# --- section 三 ---------------------------------------------------------------------------


def _s3_equations(row_ids: Sequence[str]) -> list[Equation]:
    """Column equations of section 三 over the rows present."""
    outcomes = [row for row in row_ids if row in S3_OUTCOME_ROWS]
    return [
        (["result_total"], outcomes),
        (["new", "carried_over"], ["result_total", "carry_forward"]),
    ]


def _settle(resolutions: dict[str, Resolution], ex: Extraction) -> dict[str, Resolution]:
    """Resolve ambiguous rows with the column totals when exactly one combination fits."""
    fixed = {r: reading_values(res.raws) for r, res in resolutions.items() if res.raws}
    open_rows = {r: res.candidates for r, res in resolutions.items() if res.candidates}
    vectors = {r: [reading_values(c) for c in cands] for r, cands in open_rows.items()}
    choice = choose_readings(fixed, vectors, _s3_equations(list(resolutions)))
    if choice is None:
        return resolutions
    settled = dict(resolutions)
    for row, index in choice.items():
        settled[row] = Resolution(open_rows[row][index], "resolved with the column totals")
        ex.notes.append(f"s3 {row}: resolved with the column totals")
    return settled


def _s3(text: str, span: Span, first_row: int, ex: Extraction) -> None:
    """Section 三 cells: header columns, then every row label in schema order."""
    columns = s3_column_order(text[span.start : first_row])
    if columns is None:
        columns = [col.id for col in S3_COLUMNS]
        ex.notes.append("s3: header incomplete; standard column order used")
    hits = _find_rows(text, Span(first_row, span.end), S3_ROWS)
    if any(hit.label.id.startswith("result_other_") for hit in hits):
        hits = [hit for hit in hits if hit.label.id != "result_other"]
    runs = {hit.label.id: _value_run(hit.values) for hit in hits}
    parts = [col for col in columns if col != "total"]
    ctx = RowContext(
        ex,
        filled=any(tokens_of(run) for run in runs.values()),
        constraint=_sum_constraint(columns, "total", parts),
    )
    slots = {row: [(row, col) for col in columns] for row in runs}
    resolutions = {row: _resolve("s3", slots[row], run, ctx) for row, run in runs.items()}
    for row, resolution in _settle(resolutions, ex).items():
        ex.cells.extend(_cells("s3", slots[row], runs[row], resolution, ctx))


# --- section 四 ---------------------------------------------------------------------------


def _s4(text: str, anchor: re.Match[str], ex: Extraction) -> None:
    """Section 四 cells: the 15 numbers after the header, in the standard order."""
    first = FIRST_NUMBER_RE.search(text, anchor.end())
    header = text[anchor.end() : first.start()] if first else text[anchor.end() :]
    run = ""
    if first and len(S4_HEADER_WORDS_RE.sub("", header)) <= S4_HEADER_SLACK:
        run = _value_run(text[first.start() :])
    ctx = RowContext(ex, filled=bool(tokens_of(run)), constraint=_s4_constraint)
    ex.cells.extend(_row_cells("s4", S4_SLOTS, run, ctx))


# --- locating the tables ------------------------------------------------------------------


def _s2_start(text: str) -> int | None:
    """Start of the section 二 tables: 第二十条第(一)项 just before 信息内容."""
    for match in S2_ANCHOR_RE.finditer(text):
        if S2_HEADER_RE.search(text, match.end(), match.end() + S2_ANCHOR_WINDOW):
            return match.start()
    header = S2_HEADER_RE.search(text)
    return header.start() if header else None


def _s3_header_start(text: str, first_row: int, floor: int) -> int:
    """Start of the section 三 header: the last header label shortly before the first row."""
    low = max(floor, first_row - S3_HEADER_WINDOW)
    starts = [m.start() for m in S3_HEADER_RE.finditer(text, low, first_row)]
    return starts[-1] if starts else first_row


def extract_text(text: str) -> Extraction:
    """All statistics cells found in report text."""
    ex = Extraction()
    flat = compact(text)
    s2_start = _s2_start(flat)
    origin = s2_start or 0
    new = S3_ROW_NEW_RE.search(flat, origin)
    s4 = S4_ANCHOR_RE.search(flat, new.end() if new else origin)
    end = s4.start() if s4 else len(flat)
    s3_start = _s3_header_start(flat, new.start(), origin) if new else end
    if s2_start is not None:
        _s2(flat, Span(s2_start, s3_start), ex)
    if new is not None:
        _s3(flat, Span(s3_start, end), new.start(), ex)
    if s4 is not None:
        _s4(flat, s4, ex)
    return ex
