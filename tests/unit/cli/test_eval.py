"""The evaluation against the gold set: metrics, targets, and the rendered table."""


import pytest
from rich.console import Console

from govcorpus.cli.evaluate import char_f1, evaluate, leakage, render_eval_table
from govcorpus.contract import METADATA_FIELDS, REGION_FIELDS
from tests.paths import GOLD


@pytest.fixture(scope="module")
def rows():
    return {row["system"]: row for row in evaluate(GOLD)}


def test_char_f1():
    assert char_f1("政府 信息 | 公开", "政府信息公开") == 1.0
    assert char_f1(None, "政府") == 0.0
    assert char_f1("政府信息", "政府信息公开") == pytest.approx(2 * 1 * (4 / 6) / (1 + 4 / 6))


def test_leakage():
    assert leakage("正文内容。版权所有", ["版权所有"]) == pytest.approx(4 / 9)
    assert leakage("正文内容。", ["版权所有"]) == 0.0
    assert leakage(None, ["版权所有"]) == 0.0


def test_baselines_are_scored(rows):
    assert {"govcorpus", "trafilatura"} <= set(rows)


def test_metadata_targets(rows):
    ours = rows["govcorpus"]
    unscored = {"written_date", "doc_number"}  # no gold page has one
    assert {field for field in METADATA_FIELDS if ours[field] is None} == unscored
    for field in set(METADATA_FIELDS) - unscored:
        assert ours[field] >= 0.98, (field, ours["failures"])


def test_body_and_classification_targets(rows):
    ours = rows["govcorpus"]
    assert ours["body_f1"] >= 0.97
    assert ours["leakage"] <= 0.01
    assert ours["classification"] == 1.0
    assert ours["classifier_cases"] == 1.0


def test_ahead_of_baselines(rows):
    ours = rows["govcorpus"]
    for name, row in rows.items():
        if name != "govcorpus":
            assert ours["body_f1"] > row["body_f1"]
            assert ours["title"] > row["title"]
            assert ours["leakage"] <= row["leakage"]


def test_table_renders(rows):
    console = Console(width=240, record=True)
    console.print(render_eval_table(list(rows.values())))
    output = console.export_text()
    assert "govcorpus" in output and "body F1" in output


def test_region_targets(rows):
    ours = rows["govcorpus"]
    assert all(ours[field] == 1.0 for field in REGION_FIELDS), ours["failures"]
    assert ours["region_cases"] == 1.0 and ours["regions"] >= 30
