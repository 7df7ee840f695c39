"""`govcorpus eval` end to end: the table on the gold set, three systems, targets met."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

GOLD = Path(__file__).parent / "gold"


def run_eval(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govcorpus", "eval", *args],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def table() -> dict[str, list[str]]:
    result = run_eval("--gold", str(GOLD))
    assert result.returncode == 0, result.stderr
    rows = {}
    for line in result.stdout.splitlines():
        cells = [cell.strip() for cell in re.split(r"[│┃]", line)[1:-1]]
        if cells and cells[0] in ("govcorpus", "trafilatura", "gne"):
            rows[cells[0]] = cells[1:]
    return rows


def percent(cell: str) -> float | None:
    return None if cell == "—" else float(cell.rstrip("%")) / 100


def test_three_systems(table):
    pytest.importorskip("gne")
    assert set(table) == {"govcorpus", "trafilatura", "gne"}


def test_targets(table):
    *fields, classification, body_f1, _, leakage, _ = table["govcorpus"]
    assert all(percent(cell) in (None, 1.0) or percent(cell) >= 0.98 for cell in fields)
    assert percent(classification) == 1.0
    assert float(body_f1) >= 0.97 and percent(leakage) <= 0.01
    for name, row in table.items():
        if name != "govcorpus":
            assert float(body_f1) > float(row[-4]) and percent(leakage) <= percent(row[-2])


def test_missing_gold_is_one_line(tmp_path):
    result = run_eval("--gold", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "no gold set" in result.stderr and "Traceback" not in result.stderr
