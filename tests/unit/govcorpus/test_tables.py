"""govcorpus.tables on real reports (govcorpus/data/eval/files/reports) and small built tables."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import lxml.html
import pytest

from govcorpus.extraction.normalize import fold_width
from govcorpus.tables import CELLS, ReportStats, columns_markdown, parse_stats
from govcorpus.tables.grid import html_text
from govcorpus.tables.values import parse_value, resolve_row
from tests.paths import REPORTS, ROOT, STATS_EXPECTED

EXPECTED = STATS_EXPECTED
COLUMNS_MD = ROOT / "govcorpus" / "tables" / "COLUMNS.md"
CASES = sorted(path.stem for path in EXPECTED.glob("*.json"))
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _expected(case: str) -> dict[str, Any]:
    return json.loads((EXPECTED / f"{case}.json").read_text(encoding="utf-8"))


@cache
def _parsed(case: str) -> ReportStats:
    spec = _expected(case)
    data = (REPORTS / spec["input"]).read_bytes()
    if spec["kind"] == "html":
        stats = parse_stats(html=data)
    else:
        stats = parse_stats(text=data.decode("utf-8"))
    assert stats is not None
    return stats


def _s4_html(header: list[str], groups: list[str], values: list[str]) -> str:
    """A section 四 table with the groups in the given order (five outcomes each)."""
    outcomes = "".join(f"<td>{label}</td>" for label in header) * len(groups)
    group_cells = "".join(f'<td colspan="5">{group}</td>' for group in groups)
    data = "".join(f"<td>{value}</td>" for value in values)
    return (
        "<table><tr><td colspan='15'>行政复议 行政诉讼</td></tr>"
        f"<tr>{group_cells}</tr><tr>{outcomes}</tr><tr>{data}</tr></table>"
    )


OUTCOMES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def test_every_input_has_an_expectation() -> None:
    assert len(CASES) >= 9
    inputs = {_expected(case)["input"] for case in CASES}
    assert {p.relative_to(REPORTS).as_posix() for p in REPORTS.rglob("page.*")} <= inputs


@pytest.mark.parametrize("case", CASES)
def test_values_match_expected(case: str) -> None:
    assert _parsed(case).values() == _expected(case)["values"]


@pytest.mark.parametrize("case", CASES)
def test_format_matches_expected(case: str) -> None:
    assert _parsed(case).format == _expected(case)["format"]


@pytest.mark.parametrize("case", CASES)
def test_checks_match_expected(case: str) -> None:
    stats = _parsed(case)
    spec = _expected(case)
    assert len(stats.checks) == spec["checks_run"]
    assert [check.name for check in stats.failed_checks] == spec["failed_checks"]


@pytest.mark.parametrize("case", CASES)
def test_unresolved_cells_keep_their_raw_text(case: str) -> None:
    stats = _parsed(case)
    unresolved = {cell.key: cell.raw for cell in stats.cells if cell.value is None}
    assert unresolved == _expected(case)["unresolved_raw"]


@pytest.mark.parametrize("year", ["2023", "2025"])
def test_flattened_text_agrees_with_html(year: str) -> None:
    from_html = _parsed(f"pingtan_{year}_html").values()
    from_text = _parsed(f"pingtan_{year}_txt").values()
    differing = {key for key in from_html if from_html[key] != from_text[key]}
    assert differing == {"s2_normative_issued", "s2_normative_repealed", "s2_normative_in_force"}
    assert all(from_text[key] is None for key in differing)


def _pipe_rows(html: bytes) -> str:
    """The page's table rows flattened to "cell | cell |" lines (the shape of seeds 000/001)."""
    doc = lxml.html.fromstring(html)
    rows = [
        " | ".join(cell.text_content().strip() for cell in tr if cell.tag in ("td", "th")) + " |"
        for tr in doc.iter("tr")
    ]
    return "二、主动公开政府信息情况\n" + "\n".join(rows)


@pytest.mark.parametrize("year", ["2023", "2025"])
@pytest.mark.parametrize("shape", ["one_cell_per_line", "pipe_rows"])
def test_other_shapes_of_a_real_report_agree(year: str, shape: str) -> None:
    html = (REPORTS / f"pingtan_{year}" / "page.html").read_bytes()
    text = html_text(html) if shape == "one_cell_per_line" else _pipe_rows(html)
    stats = parse_stats(text=text)
    assert stats is not None
    assert stats.values() == _expected(f"pingtan_{year}_html")["values"]
    assert stats.notes == []


def test_html_raw_keeps_cell_text() -> None:
    stats = _parsed("pingtan_2025_html")
    assert stats.get("s2_fees_amount").raw == "4166.241619"
    assert stats.get("s3_new_total").raw == "154"
    assert stats.get("s4_review_total").value == 36


def test_traditional_seed_is_parsed_after_normalisation() -> None:
    stats = _parsed("seed_000")
    assert {cell.section for cell in stats.cells} == {"s2", "s4"}
    assert stats.format == "2021"
    assert stats.get("s2_fees_amount").value == 0.0


def test_seed_001_is_2019_format() -> None:
    nested = _parsed("seed_001").as_nested()
    assert set(nested["s2"]) >= {"other_services", "procurement"}
    assert "result_other" in nested["s3"]
    assert "result_other_no_correction" not in nested["s3"]


def test_full_width_digits_parse_the_same() -> None:
    text = (REPORTS / "seeds" / "003_68120aa8738a8fff.txt").read_text(encoding="utf-8")
    stats = parse_stats(text=text.translate(FULLWIDTH))
    assert stats is not None
    assert stats.values() == _expected("seed_003")["values"]
    assert fold_width(stats.get("s2_licensing_decisions").raw) == "54"


def test_inconsistent_source_fails_checks() -> None:
    # The 2025 page with its (七)总计 / 总计 cell changed from 148 to 150: the report would no
    # longer add up, and the checks must say so instead of correcting it.
    html = (REPORTS / "pingtan_2025" / "page.html").read_text(encoding="utf-8")
    changed = html.replace(
        '<p style="text-indent: 0em;">148</p>', '<p style="text-indent: 0em;">150</p>'
    )
    assert changed != html
    stats = parse_stats(html=changed)
    assert stats is not None
    assert stats.get("s3_result_total_total").value == 150
    failed = {check.name: check for check in stats.failed_checks}
    assert set(failed) == {
        "s3_balance/total",
        "s3_row_total/result_total",
        "s3_result_total/total",
    }
    assert "s3_result_total_total" in failed["s3_balance/total"].cells
    assert "= 150" in failed["s3_row_total/result_total"].detail


def test_columns_found_by_label_not_position() -> None:
    html = _s4_html(
        OUTCOMES,
        ["复议后起诉", "未经复议直接起诉", "行政复议"],
        ["1", "0", "0", "0", "1", "2", "0", "0", "0", "2", "3", "0", "0", "0", "3"],
    )
    stats = parse_stats(html=html)
    assert stats is not None
    assert stats.get("s4_suit_after_review_total").value == 1
    assert stats.get("s4_suit_direct_upheld").value == 2
    assert stats.get("s4_review_total").value == 3
    assert all(check.ok for check in stats.checks)


# A small 2019-format section 二 table whose first header lost half of each label.
S2_2019_HTML = """<table>
<tr><td colspan="4">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td>本年新</td><td>本年新</td><td>对外公开总数量</td></tr>
<tr><td>规章</td><td>0</td><td>0</td><td>2</td></tr>
<tr><td>规范性文件</td><td>4</td><td>3</td><td>25</td></tr>
<tr><td colspan="4">第二十条第（五）项</td></tr>
<tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>
<tr><td>行政许可</td><td>12</td><td>-1</td><td>30</td></tr>
<tr><td colspan="4">第二十条第（九）项</td></tr>
<tr><td>信息内容</td><td>采购项目数量</td><td colspan="2">采购总金额</td></tr>
<tr><td>政府集中采购</td><td>5</td><td colspan="2">120.5万元</td></tr>
</table>"""


def test_2019_html_with_truncated_header_labels() -> None:
    stats = parse_stats(html=S2_2019_HTML)
    assert stats is not None
    assert stats.format == "2019"
    assert stats.as_nested()["s2"] == {
        "rules": {"new_made": 0, "new_published": 0, "total_published": 2},
        "normative": {"new_made": 4, "new_published": 3, "total_published": 25},
        "licensing": {"prev_items": 12, "change": -1, "decisions": 30},
        "procurement": {"items": 5, "amount": 120.5},
    }
    assert any("standard column order" in note for note in stats.notes)


def test_blank_cells_in_a_filled_table_are_zero() -> None:
    html = _s4_html(
        OUTCOMES, ["行政复议", "未经复议直接起诉", "复议后起诉"], ["2", "", "", "", "2"] + [""] * 10
    )
    stats = parse_stats(html=html)
    assert stats is not None
    assert stats.get("s4_review_corrected").value == 0
    assert stats.get("s4_review_corrected").raw == ""
    assert stats.get("s4_suit_after_review_total").value == 0


def test_blank_cells_in_an_empty_table_are_none() -> None:
    html = _s4_html(OUTCOMES, ["行政复议", "未经复议直接起诉", "复议后起诉"], [""] * 15)
    text = (
        "四、行政复议、行政诉讼情况\n行政复议 | 行政诉讼 |\n结果维持 | 总计 |\n五、存在的主要问题"
    )
    for stats in (parse_stats(html=html), parse_stats(text=text)):
        assert stats is not None
        assert len(stats.cells) == 15
        assert {cell.value for cell in stats.cells} == {None}
        assert stats.checks == []


def test_no_tables_means_none() -> None:
    text = (REPORTS / "seeds" / "004_c26d84461eef8b9b.txt").read_text(encoding="utf-8")
    prose = text.split("二、主动公开政府信息情况")[0]
    assert parse_stats(text=prose) is None
    assert parse_stats(text="") is None
    assert parse_stats(html="<html><body><p>通知</p></body></html>") is None


def test_results_are_json_ready() -> None:
    stats = _parsed("pingtan_2023_html")
    nested = json.loads(json.dumps(stats.as_nested()))
    assert nested["s3"]["new"]["natural_person"] == 80
    assert nested["s4"]["suit_direct"]["total"] == 5
    checks = json.loads(json.dumps(stats.checks_as_dicts()))
    assert {"name", "ok", "cells", "detail"} <= set(checks[0])


def test_cell_keys_are_unique_and_documented() -> None:
    keys = [spec.key for spec in CELLS]
    assert len(keys) == len(set(keys))
    assert {"s3_new_natural_person", "s3_result_public_total", "s4_review_upheld"} <= set(keys)
    assert COLUMNS_MD.read_text(encoding="utf-8") == columns_markdown()


@pytest.mark.parametrize(
    ("tokens", "n", "expected"),
    [
        (["801000081"], 7, ("80", "1", "0", "0", "0", "0", "81")),
        (["0000000"], 7, ("0",) * 7),
        (["0"], 7, None),
        (["0", "0", "0", "0", "0", "0", "0"], 7, ("0",) * 7),
    ],
)
def test_resolve_row(tokens: list[str], n: int, expected: tuple[str, ...] | None) -> None:
    def total(values: Any) -> bool:
        return values[-1] == sum(values[:-1])

    raws = resolve_row(tokens, n, total).raws
    if expected is None:
        assert raws is not None and [parse_value(raw) or 0 for raw in raws] == [0] * 7
    else:
        assert raws == expected


def test_resolve_row_reports_ambiguity() -> None:
    resolution = resolve_row(["220000022"], 7, lambda v: v[-1] == sum(v[:-1]))
    assert resolution.raws is None
    assert resolution.note.startswith("ambiguous")
    assert len(resolution.candidates) == 2


@pytest.mark.parametrize(
    ("raw", "amount", "value"),
    [
        ("12", False, 12),
        ("1,234", False, 1234),
        ("无", False, 0),
        ("3件", False, 3),
        ("0", True, 0.0),
        ("5949.088667", True, 5949.088667),
        ("见附件", False, None),
    ],
)
def test_parse_value(raw: str, amount: bool, value: float | None) -> None:
    assert parse_value(raw, amount) == value
