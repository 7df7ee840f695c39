"""The 勾稽 (consistency) checks built into the report format, run on parsed cells.

- ``s3_balance/<column>``: 一 本年新收 + 二 上年结转 = 三(七) 总计 + 四 结转下年度, per column;
- ``s3_row_total/<row>``: 总计 = the sum of the six applicant columns, per row;
- ``s3_result_total/<column>``: 三(七) 总计 = the sum of the outcome rows, per column;
- ``s4_total/<group>``: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结, per group.

A check runs only when every cell it needs has a number; a failed check records the cells
and the two sides. Failures describe the source: nothing is corrected.
"""

from __future__ import annotations

from collections.abc import Sequence

from govcorpus.tables.model import Cell, Check, Value
from govcorpus.tables.schema import (
    S3_APPLICANT_COLUMNS,
    S3_COLUMNS,
    S3_OUTCOME_ROWS,
    S3_ROWS,
    S4_GROUPS,
    S4_OUTCOMES,
    cell_key,
)

TOLERANCE = 1e-6


def _equation(
    name: str, values: dict[str, Value], left: Sequence[str], right: Sequence[str]
) -> Check | None:
    """Check sum(left) == sum(right), or None when a cell is missing or empty."""
    needed = [*left, *right]
    if any(values.get(key) is None for key in needed):
        return None
    lhs = sum(values[key] or 0 for key in left)
    rhs = sum(values[key] or 0 for key in right)
    ok = abs(lhs - rhs) <= TOLERANCE
    detail = f"{' + '.join(left)} = {lhs}; {' + '.join(right)} = {rhs}"
    return Check(name=name, ok=ok, cells=needed, detail=detail)


def _s3_balance(values: dict[str, Value]) -> list[Check | None]:
    """一 + 二 = 三(七) + 四 for every column."""
    return [
        _equation(
            f"s3_balance/{col.id}",
            values,
            [cell_key("s3", "new", col.id), cell_key("s3", "carried_over", col.id)],
            [cell_key("s3", "result_total", col.id), cell_key("s3", "carry_forward", col.id)],
        )
        for col in S3_COLUMNS
    ]


def _s3_row_totals(values: dict[str, Value]) -> list[Check | None]:
    """总计 column = sum of the applicant columns, for every row."""
    return [
        _equation(
            f"s3_row_total/{row.id}",
            values,
            [cell_key("s3", row.id, "total")],
            [cell_key("s3", row.id, col) for col in S3_APPLICANT_COLUMNS],
        )
        for row in S3_ROWS
    ]


def _s3_result_totals(values: dict[str, Value]) -> list[Check | None]:
    """三(七) 总计 = the sum of the outcome rows present, for every column."""
    checks: list[Check | None] = []
    for col in S3_COLUMNS:
        outcomes = [
            cell_key("s3", row, col.id)
            for row in S3_OUTCOME_ROWS
            if cell_key("s3", row, col.id) in values
        ]
        total = [cell_key("s3", "result_total", col.id)]
        if outcomes:
            checks.append(_equation(f"s3_result_total/{col.id}", values, total, outcomes))
    return checks


def _s4_totals(values: dict[str, Value]) -> list[Check | None]:
    """总计 = sum of the four outcomes, for review and both kinds of lawsuit."""
    return [
        _equation(
            f"s4_total/{group.id}",
            values,
            [cell_key("s4", group.id, "total")],
            [cell_key("s4", group.id, out.id) for out in S4_OUTCOMES[:-1]],
        )
        for group in S4_GROUPS
    ]


def run_checks(cells: Sequence[Cell]) -> list[Check]:
    """Every check whose cells are all present with numbers."""
    values = {cell.key: cell.value for cell in cells}
    candidates = [
        *_s3_balance(values),
        *_s3_row_totals(values),
        *_s3_result_totals(values),
        *_s4_totals(values),
    ]
    return [check for check in candidates if check is not None]
