"""`extract_record` on the real gold pages: contract fields, body boundaries, no boilerplate."""

import json

import pytest

from govcorpus.cli.inspect import crawl_stages, extract_record
from govcorpus.contract import RECORD_FIELDS, REGION_FIELDS
from tests.paths import GOLD as GOLD_DIR
from tests.paths import PAGES

GOLD = sorted(GOLD_DIR.glob("*.json"))
DECODING_FIELDS = ("encoding_declared", "encoding_confidence", "script", "mojibake_score")
SCALAR_FIELDS = [
    name for name in RECORD_FIELDS
    if name not in ("text", "text_normalized", "field_sources", *REGION_FIELDS, *DECODING_FIELDS)
]


RECORD_KEYS = (
    "url", "title", "index_number", "issuing_body", "publish_date", "written_date", "doc_number",
    "is_annual_report", "report_year", "region_code", "region_code_current", "region_name",
    "body_type", "encoding",
    "encoding_declared", "encoding_confidence", "script", "mojibake_score", "text",
    "text_normalized", "field_sources", "stats", "stats_checks",
)
"""The record `govcorpus extract` prints, as documented: a changed contract fails here."""


def compact(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module", params=GOLD, ids=[path.stem for path in GOLD])
def case(request):
    gold = json.loads(request.param.read_text(encoding="utf-8"))
    record = extract_record((PAGES / gold["file"]).read_bytes(), url=gold["url"])
    return gold, record


def test_gold_set_is_present():
    assert len(GOLD) >= 11


def test_record_keys_follow_the_contract(case):
    _, record = case
    assert tuple(record) == RECORD_KEYS


@pytest.mark.parametrize("field", SCALAR_FIELDS)
def test_field_matches_gold(case, field):
    gold, record = case
    assert record[field] == gold[field]


def test_region_matches_gold_where_carried(case):
    gold, record = case
    carried = [name for name in REGION_FIELDS if name in gold]
    assert {name: record[name] for name in carried} == {name: gold[name] for name in carried}


def test_decoding_fields_are_filled(case):
    _, record = case
    assert record["encoding_declared"] and 0 < record["encoding_confidence"] <= 1
    assert record["script"] == "simplified" and record["mojibake_score"] < 0.01
    assert record["text_normalized"]


def test_body_starts_with_first_sentence(case):
    gold, record = case
    assert compact(record["text"]).startswith(compact(gold["first_sentence"]))


def test_body_ends_with_last_sentence(case):
    gold, record = case
    assert compact(record["text"]).endswith(compact(gold["last_sentence"]))


def test_body_has_no_excluded_phrase(case):
    gold, record = case
    text = compact(record["text"])
    assert [phrase for phrase in gold["excluded_phrases"] if compact(phrase) in text] == []


def test_gbk_page_is_decoded():
    html = (
        "<html><head><meta charset='gb2312'></head>"
        "<body><p>政府信息公开工作年度报告</p></body></html>"
    )
    record = extract_record(html.encode("gb18030"), url="http://example.gov.cn/a.html")
    assert record["encoding"] == "gb18030"
    assert record["url"] == "http://example.gov.cn/a.html"
    assert "政府信息公开" in record["text"]


def test_empty_page_gives_nulls():
    record = extract_record(b"")
    assert record["text"] is None
    assert record["title"] is None
    assert record["is_annual_report"] is False


def test_extract_runs_the_stages_the_crawl_runs():
    """`govcorpus extract` and `govcorpus eval` follow ITEM_PIPELINES, not a list of their own."""
    from crawler import settings

    by_order = sorted(settings.ITEM_PIPELINES, key=settings.ITEM_PIPELINES.get)
    analysis = [path for path in by_order
                if path not in ("pipelines.OffloadPipeline", "pipelines.StorePipeline")]
    assert crawl_stages() == (tuple(analysis), settings.GOVCORPUS_PAGE_TIMEOUT)
