"""The testbed's date and source markup is the real pages' own, and the parser reads it."""

from __future__ import annotations

import re

import pytest

from govcorpus.extraction.metadata import extract_metadata
from testbed.labels import INFO_LINES, InfoLine
from tests.paths import PAGES

PLACEHOLDER = re.compile(r"\{(?:date|time|source|source_line)\}")
CAPTURE_ATTRIBUTES = re.compile(r' (?:is_visiable|coordinate)="[^"]*"')  # GNE's DOM dump
TITLE = "师宗县投资促进局2024年度政府信息公开工作年度报告"
BODY = "<div id='zoom'><p>一、总体情况</p><p>" + "本局严格落实《条例》规定。" * 12 + "</p></div>"


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def page(line: InfoLine, source: str | None) -> str:
    before, after = line.render("2025-01-16", "09:30", source)
    return (f"<html><head><title>{TITLE}</title></head><body><h1>{TITLE}</h1>"
            f"{before}{BODY}{after}</body></html>")


@pytest.mark.parametrize("line", INFO_LINES, ids=[line.pages for line in INFO_LINES])
def test_markup_stands_in_the_real_page(line):
    real = " ".join(folded(CAPTURE_ATTRIBUTES.sub("", (PAGES / name).read_text("utf-8")))
                    for name in line.pages.split())
    for part in (line.before, line.source, line.after):
        for piece in PLACEHOLDER.split(part):
            for markup in filter(None, (folded(m).strip() for m in piece.split("\n"))):
                assert markup in real


@pytest.mark.parametrize("line", INFO_LINES, ids=[line.pages for line in INFO_LINES])
def test_parser_reads_date_and_source(line):
    found = extract_metadata(page(line, "师宗县投资促进局"))
    assert (found["publish_date"], found["issuing_body"]) == ("2025-01-16", "师宗县投资促进局")


@pytest.mark.parametrize("line", INFO_LINES, ids=[line.pages for line in INFO_LINES])
def test_a_source_label_left_empty_names_no_source(line):
    """Real pages leave labels empty (fgw.zj.gov.cn's 浏览次数, kepu's 作者). With the
    source's value left empty, the issuer is the one the report's title names; where the parser
    takes the next text on the page, the body's first heading, instead: a known miss, kept
    visible here."""
    empty = InfoLine(line.pages, line.before, line.source.replace("{source}", ""), line.after)
    before, after = empty.render("2025-01-16", "09:30", "-")
    html = f"<html><body><h1>{TITLE}</h1>{before}{BODY}{after}</body></html>"
    issuing_body = extract_metadata(html)["issuing_body"]
    if issuing_body == "一、总体情况":
        pytest.xfail("an empty source label takes the body's first line "
                     "(govcorpus/extraction/metadata.py)")
    assert issuing_body == "师宗县投资促进局"
