"""Tests for govcorpus.extraction.normalize on the seed reports and small hand-made strings."""

from __future__ import annotations

import re
import time

import pytest

from govcorpus.extraction.normalize import (
    Normalized,
    detect_script,
    fold_width,
    normalize_text,
    strip_pinyin,
)
from tests.paths import REPORTS

SEEDS = REPORTS / "seeds"
TRADITIONAL_SEEDS = ["000_ab773b947ff241ca.txt", "002_e5ec33f7358f9fa7.txt"]
SIMPLIFIED_SEEDS = ["001_d373a25c9de15b4d.txt", "003_68120aa8738a8fff.txt"]
PINYIN_LEFT_RE = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")


def _read(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", TRADITIONAL_SEEDS)
def test_traditional_seed_is_detected(name: str) -> None:
    assert normalize_text(_read(name)).script == "traditional"


@pytest.mark.parametrize("name", TRADITIONAL_SEEDS)
def test_traditional_seed_has_no_pinyin_left(name: str) -> None:
    text = normalize_text(_read(name)).text
    assert not PINYIN_LEFT_RE.search(text)


@pytest.mark.parametrize("name", TRADITIONAL_SEEDS)
def test_traditional_seed_becomes_simplified(name: str) -> None:
    text = normalize_text(_read(name)).text
    assert detect_script(text) == "simplified"
    for phrase in ("政府信息公开", "本年制发件数", "行政复议", "存在的主要问题及改进情况"):
        assert phrase in text


def test_seed_000_key_phrases() -> None:
    text = normalize_text(_read("000_ab773b947ff241ca.txt")).text
    assert "师宗县投资促进局严格按照" in text
    assert "依申请公开情况" in text
    assert "第二十条第(一)项" in text


def test_seed_002_key_phrases() -> None:
    text = normalize_text(_read("002_e5ec33f7358f9fa7.txt")).text
    assert "依申请公开" in text
    assert "结转下年度继续办理" in text
    assert "本报告中所列数据的统计期限" in text


def test_original_is_not_altered() -> None:
    original = _read("000_ab773b947ff241ca.txt")
    copy = str(original)
    result = normalize_text(original)
    assert original == copy
    assert "投資促進(jìn)局" in original
    assert result.text != original


@pytest.mark.parametrize("name", SIMPLIFIED_SEEDS)
def test_simplified_seed_round_trips(name: str) -> None:
    original = _read(name)
    result = normalize_text(original)
    assert result.script == "simplified"
    assert result.text == fold_width(original)


def test_normalized_is_frozen() -> None:
    result = normalize_text("二〇二四年")
    assert isinstance(result, Normalized)
    with pytest.raises(AttributeError):
        result.text = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("投資促進(jìn)局", "投資促進局"),
        ("嚴(yán)格", "嚴格"),
        ("國（guó）家", "國家"),
        ("國(guó）家", "國家"),
        ("。┍O(jiān)督", "。┍O督"),
        ("我們(men)的", "我們的"),
    ],
)
def test_strip_pinyin_removes_annotations(raw: str, expected: str) -> None:
    assert strip_pinyin(raw) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "(一)予以公开",
        "第二十条第(一)项",
        "《条例》(国务院令第711号)",
        "统计年度(2021)",
        "网站（www.pingtan.gov.cn）",
        "专(兼)职人员",
        "收费金额(单位:万元)",
        "英文缩写(app)",
        "(de)",
    ],
)
def test_strip_pinyin_keeps_real_brackets(kept: str) -> None:
    assert strip_pinyin(kept) == kept


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("２０２４年", "2024年"),
        ("５９４９．０８万元", "5949.08万元"),
        ("１０：４０", "10:40"),
        ("ＷＷＷ．ｇｏｖ", "WWW．gov"),
        ("５０％", "50%"),
        ("第一项，第二项。", "第一项，第二项。"),
        ("（一）予以公开；", "（一）予以公开；"),
        ("电话：０５９１", "电话：0591"),
        ("\u3000\u3000一、总体情况", "  一、总体情况"),
    ],
)
def test_fold_width(raw: str, expected: str) -> None:
    assert fold_width(raw) == expected


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("政府信息公开工作年度报告", "simplified"),
        ("政府資訊公開工作年度報告", "traditional"),
        ("政府信息公开工作年度报告，政府資訊公開工作年度報告", "mixed"),
        ("2024", "simplified"),
    ],
)
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text) == script


def test_normalize_is_fast_enough() -> None:
    page = _read("004_c26d84461eef8b9b.txt") * 6
    normalize_text(page)
    start = time.perf_counter()
    for _ in range(10):
        normalize_text(page)
    assert (time.perf_counter() - start) / 10 < 0.05


def test_the_light_s2t_judges_every_cjk_character_as_the_full_one():
    from govcorpus.extraction.normalize import _character_s2t, _converter

    light, full = _character_s2t(), _converter("s2t")
    ranges = (range(0x3400, 0x4DC0), range(0x4E00, 0xA000), range(0xF900, 0xFB00))
    chars = [chr(code) for block in ranges for code in block]
    assert [light.convert(c) != c for c in chars] == [full.convert(c) != c for c in chars]
