"""The statistics tables of 政府信息公开工作年度报告 as numbers, with their 勾稽 checks.

Entry point: ``parse_stats(text=..., html=...)``. Cell keys are documented in ``schema.py``
and ``COLUMNS.md``.
"""

from govcorpus.tables.checks import run_checks
from govcorpus.tables.model import Cell, Check, ReportStats
from govcorpus.tables.parse import detect_format, parse_stats
from govcorpus.tables.schema import CELLS, CellSpec, cell_key, columns_markdown

__all__ = [
    "CELLS",
    "Cell",
    "CellSpec",
    "Check",
    "ReportStats",
    "cell_key",
    "columns_markdown",
    "detect_format",
    "parse_stats",
    "run_checks",
]
