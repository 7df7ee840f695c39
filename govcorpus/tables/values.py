"""Read numbers from statistics cells, and rebuild rows whose cell borders were lost.

A row of ``n`` cells may arrive as fewer tokens than cells in two ways: cells ran together
("801000081" for 80 | 1 | 0 | 0 | 0 | 0 | 81) or blank cells were dropped ("0" alone where the
other six cells were empty). ``resolve_row`` tries both readings — splitting digit runs and
placing the tokens among blank cells (a blank count cell in a filled table means 0) — and keeps
a reading only when it is the single one satisfying the row's own arithmetic (``constraint``),
or when the digits allow exactly one reading at all. Anything else stays unresolved.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

Number = int | float
Constraint = Callable[[Sequence[Number]], bool]

NUMBER_RE = re.compile(r"[+-]?\d+(?:\.\d+)?")
THOUSANDS_RE = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
UNIT_RE = re.compile(r"(?:件|个|项|条|次|人次|万元|元)$")
SPACE_RE = re.compile(r"\s+")
ZERO_WORDS = frozenset({"无", "-", "—", "－", "--", "——", "/", "／"})
MAX_READINGS = 20_000


@dataclass(frozen=True)
class Resolution:
    """The raw text of each cell of a row, or None with the reason it stayed unresolved."""

    raws: tuple[str, ...] | None
    note: str = ""
    candidates: tuple[tuple[str, ...], ...] = ()


@lru_cache(maxsize=4096)  # cells repeat ("0", "1", "无"…) within and across reports
def parse_value(raw: str, amount: bool = False) -> Number | None:
    """Number in a cell: int for counts, float for amounts.

    "无", dashes and slashes mean 0; a trailing unit (件, 个, 万元, 元 …) and thousands commas
    are dropped; any other text gives None.
    """
    text = SPACE_RE.sub("", raw)
    if text in ZERO_WORDS:
        return 0.0 if amount else 0
    text = THOUSANDS_RE.sub("", UNIT_RE.sub("", text))
    if not NUMBER_RE.fullmatch(text):
        return None
    if amount or "." in text:
        return float(text)
    return int(text)


def tokens_of(run: str) -> list[str]:
    """Number tokens of a run of value text ("0|0 |12" → ["0", "0", "12"])."""
    return NUMBER_RE.findall(THOUSANDS_RE.sub("", run))


def _valid_part(part: str) -> bool:
    """A digit string that can stand alone as a count: no leading zero except "0"."""
    digits = part.lstrip("+-").split(".")[0]
    return bool(digits) and (digits == "0" or not digits.startswith("0"))


def _cuts(token: str, parts: int) -> Iterator[tuple[str, ...]]:
    """Every way to cut one token into ``parts`` valid numbers."""
    sign = token[0] if token[0] in "+-" else ""
    body = token[len(sign) :]
    if parts == 1 or "." in body:
        if parts == 1 and _valid_part(body):
            yield (token,)
        return
    for cut in itertools.combinations(range(1, len(body)), parts - 1):
        bounds = (0, *cut, len(body))
        pieces = tuple(body[a:b] for a, b in itertools.pairwise(bounds))
        if all(_valid_part(piece) for piece in pieces):
            yield (sign + pieces[0], *pieces[1:])


def _split_count(tokens: Sequence[str], n: int) -> int:
    """Upper bound of the number of ways to cut tokens into n parts."""
    digits = sum(len(token.lstrip("+-")) for token in tokens)
    return math.comb(max(digits - 1, 0), max(n - 1, 0))


def _splits(tokens: Sequence[str], n: int) -> Iterator[tuple[str, ...]]:
    """Every way to cut the tokens, in order, into exactly n cells."""
    if not tokens:
        if n == 0:
            yield ()
        return
    head, rest = tokens[0], tokens[1:]
    rest_digits = sum(len(token.lstrip("+-")) for token in rest)
    least, most = max(1, n - rest_digits), n - len(rest)
    for parts in range(least, most + 1):
        for pieces in _cuts(head, parts):
            for tail in _splits(rest, n - parts):
                yield pieces + tail


def _placements(tokens: Sequence[str], n: int) -> Iterator[tuple[str, ...]]:
    """Every way to place whole tokens, in order, among n cells; the others are blank ("")."""
    if not all(_valid_part(token) for token in tokens):
        return
    for slots in itertools.combinations(range(n), len(tokens)):
        row = [""] * n
        for slot, token in zip(slots, tokens, strict=True):
            row[slot] = token
        yield tuple(row)


def reading_values(raws: Sequence[str]) -> tuple[Number, ...]:
    """Numbers of a reading, blanks as 0."""
    return tuple((parse_value(raw) or 0) if raw else 0 for raw in raws)


def _readings(tokens: Sequence[str], n: int) -> list[tuple[str, ...]] | None:
    """All readings of tokens as n cells, or None when there are too many to try."""
    if _split_count(tokens, n) + math.comb(n, len(tokens)) > MAX_READINGS:
        return None
    return list(_splits(tokens, n)) + list(_placements(tokens, n))


def resolve_row(tokens: Sequence[str], n: int, constraint: Constraint | None) -> Resolution:
    """Assign a row's tokens to its n cells (see the module docstring)."""
    if len(tokens) == n:
        return Resolution(tuple(tokens))
    if len(tokens) > n:
        return Resolution(None, f"{len(tokens)} values for {n} cells")
    readings = _readings(tokens, n)
    if readings is None:
        return Resolution(None, "too many possible readings")
    valid = [r for r in readings if constraint is None or constraint(reading_values(r))]
    distinct = {reading_values(r) for r in valid}
    if len(distinct) == 1:
        return Resolution(valid[0], "blank cells read as 0" if "" in valid[0] else "")
    if not valid and len(readings) == 1:
        return Resolution(readings[0], "only reading; fails the row total")
    if not valid:
        return Resolution(None, "no reading satisfies the row total")
    by_values = {reading_values(r): r for r in valid}
    return Resolution(None, f"ambiguous: {len(distinct)} readings", tuple(by_values.values()))
