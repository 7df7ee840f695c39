"""Choose among the readings of run-together rows with the table's column arithmetic.

When a flattened row has several readings that each satisfy its own row total ("220000022"
is 22 | 0 | … | 22 or 2 | 20 | … | 22), the columns decide: the reading is kept only if it is
the single combination for which every column adds up (outcome rows = (七) 总计, and
一 + 二 = (七) + 四). Rows used this way then pass those checks by construction; the parser
notes every row it resolved like this.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence

from govcorpus.tables.values import Number

MAX_COMBINATIONS = 5_000
TOLERANCE = 1e-9

Vector = tuple[Number, ...]
Equation = tuple[Sequence[str], Sequence[str]]


def _holds(equation: Equation, rows: Mapping[str, Vector]) -> bool:
    """Whether sum(left rows) equals sum(right rows) in every column."""
    left, right = equation
    width = len(next(iter(rows.values())))
    for col in range(width):
        lhs = sum(rows[row][col] for row in left)
        rhs = sum(rows[row][col] for row in right)
        if abs(lhs - rhs) > TOLERANCE:
            return False
    return True


def choose_readings(
    fixed: Mapping[str, Vector],
    open_rows: Mapping[str, Sequence[Vector]],
    equations: Sequence[Equation],
) -> dict[str, int] | None:
    """Index of the reading chosen for each open row, or None unless exactly one fits."""
    if not open_rows or not fixed:
        return None
    known = set(fixed) | set(open_rows)
    usable = [eq for eq in equations if set(eq[0]) | set(eq[1]) <= known]
    touching = [eq for eq in usable if (set(eq[0]) | set(eq[1])) & set(open_rows)]
    names = list(open_rows)
    if not touching or math.prod(len(open_rows[n]) for n in names) > MAX_COMBINATIONS:
        return None
    solutions = []
    for choice in itertools.product(*(range(len(open_rows[n])) for n in names)):
        rows = dict(fixed) | {n: open_rows[n][i] for n, i in zip(names, choice, strict=True)}
        if all(_holds(eq, rows) for eq in touching):
            solutions.append(dict(zip(names, choice, strict=True)))
    return solutions[0] if len(solutions) == 1 else None
