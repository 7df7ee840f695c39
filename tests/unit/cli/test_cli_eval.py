"""`govcorpus eval` end to end: the table on the gold set, three systems, targets met."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import GOLD


def run_eval(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "govcorpus", "eval", *args],
                          capture_output=True, text=True, timeout=300, cwd=cwd)


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> dict[str, list[str]]:
    # run away from the source tree: the gold set must come with the installed package
    result = run_eval(cwd=tmp_path_factory.mktemp("elsewhere"))
    assert result.returncode == 0, result.stderr
    assert f"{len(list(GOLD.glob('*.json')))} gold pages" in result.stdout
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
