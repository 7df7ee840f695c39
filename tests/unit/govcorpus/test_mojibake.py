"""Garbled-run detection, scoring and repair on the seeds, the real pages and synthetic damage."""

from __future__ import annotations

import json

import pytest

from govcorpus.decoding.decode import decode_html
from govcorpus.decoding.mojibake import Run, mojibake_runs, mojibake_score, repair_runs
from tests.paths import DATA
from tests.realfiles import SEEDS, real_files, real_path

EXPECTATIONS = DATA / "mojibake_expectations.json"
EXPECTED: dict[str, list[dict]] = {
    path: runs
    for path, runs in json.loads(EXPECTATIONS.read_text(encoding="utf-8")).items()
    if not path.startswith("_")
}
SEED_002 = "reports/seeds/002_e5ec33f7358f9fa7.txt"
REAL_GARBLED = (
    "real/immortal-autumn__Chinese-Web-Content-Extraction-Dataset/original/"
    "33a95b71-b49b-42c1-9c0a-ab8e3feba3cf.html"
)


def _text(path: str) -> str:
    body = real_path(path).read_bytes()
    return body.decode("utf-8") if path.endswith(".txt") else decode_html(body).text


def test_seed_002_runs_are_the_ones_found_by_eye() -> None:
    text = _text(SEED_002)
    found = [(run.start, run.end, run.text) for run in mojibake_runs(text)]
    expected = [(run["start"], run["end"], run["text"]) for run in EXPECTED[SEED_002]]
    assert found == expected
    assert all(text[start:end] == run for start, end, run in found)


def test_every_file_has_exactly_the_expected_runs() -> None:
    wrong = {}
    for path in real_files():
        found = [run.text for run in mojibake_runs(_text(path))]
        expected = [run["text"] for run in EXPECTED.get(path, [])]
        if found != expected:
            wrong[path] = found
    assert not wrong


def test_seed_scores() -> None:
    scores = {
        path: mojibake_score(_text(path)) for path in real_files() if path.endswith(".txt")
    }
    assert scores[SEED_002] > 0
    assert all(score == 0 for path, score in scores.items() if path != SEED_002)


def test_pinyin_and_traditional_script_are_not_mojibake() -> None:
    clean = "本報(bào)告根據(jù)《中華人民共和國(guó)政府信息公開條例》主動(dòng)公開"
    assert mojibake_runs(clean) == []
    assert mojibake_score(clean) == 0.0


def test_the_seed_002_heading_is_a_run() -> None:
    text = "政府信息公開工作取得新成效。\n。ǘ┲鲃(dòng)公開政府信息的情況\n"
    assert mojibake_runs(text) == [Run(15, 19, "。ǘ┲鲃")]


@pytest.mark.parametrize(
    "clean",
    [
        "José Martí 访问北京",
        "─────────\n表格",
        "①主动公开；②依申请公开",
        "温度25℃，增长≥3%",
        "Русский язык",
    ],
)
def test_legitimate_symbols_are_not_runs(clean: str) -> None:
    assert mojibake_runs(clean) == []


def test_replacement_characters_are_always_garbled() -> None:
    assert [run.text for run in mojibake_runs("政府信息\ufffd\ufffd公开")] == ["\ufffd\ufffd"]


def test_gb_bytes_shifted_by_one_byte_are_found() -> None:
    text = _text("reports/seeds/003_68120aa8738a8fff.txt")
    shifted = text.encode("gb18030")[1:].decode("gb18030", errors="replace")
    runs = mojibake_runs(shifted)
    assert runs and runs[0].start < 5


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_utf8_read_as_gbk_scores_high(seed: str) -> None:
    body = next(SEEDS.glob(f"{seed}_*.txt")).read_bytes()
    assert mojibake_score(body.decode("gb18030", errors="replace")) > 0.5


def test_score_is_a_share() -> None:
    assert mojibake_score("") == 0.0
    assert mojibake_score("┲┱┍ㄋ") == 1.0
    assert 0 < mojibake_score("政府信息公开年度报告。ǘ┲鲃公开") < 0.5


def test_repair_realigns_seed_002() -> None:
    text = _text(SEED_002)
    repaired = repair_runs(text)
    assert repaired is not None
    assert "\n（四）" in repaired
    assert "）監(jiān)督保障情況" in repaired
    assert mojibake_score(repaired) < mojibake_score(text) / 2


def test_repair_realigns_a_real_page() -> None:
    repaired = repair_runs(_text(REAL_GARBLED))
    assert repaired is not None
    assert "没有经过接触与皮肤测试" in repaired


def test_repair_leaves_clean_text_alone() -> None:
    assert repair_runs(_text("reports/seeds/000_ab773b947ff241ca.txt")) is None
    assert repair_runs("主動(dòng)公開") is None


def test_repair_declines_runs_it_cannot_improve() -> None:
    assert repair_runs("政府信息\ufffd\ufffd公开") is None
