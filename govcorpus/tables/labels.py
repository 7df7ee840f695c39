"""Match table labels (row and column headings) against the schema's label patterns."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from govcorpus.extraction.normalize import normalize_chars
from govcorpus.tables.schema import S3_COLUMNS, S3_ORG_GROUP, Label

WS_BETWEEN_DIGITS_RE = re.compile(r"(?<=\d)\s+(?=[+-]?\d)")
WS_RE = re.compile(r"\s+")
ENUM_PREFIX_RE = re.compile(r"^\d{1,2}[.．、]?")
ENUM_TEMPLATE = r"(?:{n}[.．、])?"
CACHED_CELL_CHARS = 64


def compact(text: str) -> str:
    """Normalise text and drop whitespace, keeping one "|" where it separated two numbers."""
    if len(text) <= CACHED_CELL_CHARS:  # table cells: the same labels and numbers, page after page
        return _compact_cell(text)
    return _compact(text)


def _compact(text: str) -> str:
    return WS_RE.sub("", WS_BETWEEN_DIGITS_RE.sub("|", normalize_chars(text)))


_compact_cell = lru_cache(maxsize=8192)(_compact)


@lru_cache(maxsize=512)
def _regex(pattern: str) -> re.Pattern[str]:
    """Compile and cache a label pattern."""
    return re.compile(pattern)


def text_regex(label: Label) -> re.Pattern[str]:
    """Pattern for a label inside running text, swallowing its enumerator ("2." or "2、")."""
    prefix = ENUM_TEMPLATE.format(n=label.enum) if label.enum is not None else ""
    return _regex(prefix + label.pattern)


def cell_matches(label: Label, cell: str) -> bool:
    """Whether one table cell's compacted text is this label."""
    if not cell:
        return False
    if label.exact:
        return _regex(label.pattern).fullmatch(ENUM_PREFIX_RE.sub("", cell)) is not None
    return _regex(label.pattern).search(cell) is not None


def first_match(labels: Iterable[Label], cell: str) -> Label | None:
    """The first label that this cell's text matches."""
    for label in labels:
        if cell_matches(label, cell):
            return label
    return None


def positions(labels: Iterable[Label], text: str) -> dict[str, int]:
    """Position of the first occurrence of each label in text (labels not found are absent)."""
    found: dict[str, int] = {}
    for label in labels:
        match = _regex(label.pattern).search(text)
        if match:
            found[label.id] = match.start()
    return found


def order_by_position(found: dict[str, int], default: Sequence[str]) -> list[str] | None:
    """Column ids sorted by where their labels occur, or None unless all were found."""
    if not all(column in found for column in default):
        return None
    return sorted(default, key=lambda column: found[column])


def s3_column_order(header: str) -> list[str] | None:
    """Leaf column order of the section 三 header, read from its labels.

    In flattened text the two header rows follow each other ("自然人 法人或其他组织 总计
    商业企业 … 其他"), so the organisation columns are placed where their group label stands.
    """
    found = positions(S3_COLUMNS, header)
    group = positions((S3_ORG_GROUP,), header).get(S3_ORG_GROUP.id)
    children = [col.id for col in S3_COLUMNS[1:-1]]
    if group is not None and all(child in found for child in children):
        order = sorted(children, key=lambda child: found[child])
        for index, child in enumerate(order):
            found[child] = group * 100 + index
        for column in ("natural_person", "total"):
            if column in found:
                found[column] *= 100
    return order_by_position(found, [col.id for col in S3_COLUMNS])
