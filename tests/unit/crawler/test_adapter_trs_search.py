"""The TRS 动静结合 adapter on the real 平潭 column page and answers in the documented shape."""

import json

import pytest
from parsel import Selector

from crawler.listing.adapters import AdapterError, ApiCall, adapters_for
from crawler.listing.adapters.trs_search import ADAPTER
from tests.paths import REPLAY

PINGTAN = REPLAY / "pingtan"
COLUMN = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/"
SEARCH_API = "https://www.pingtan.gov.cn/fjdzapp/search"
PAGE_2 = ApiCall(SEARCH_API, "POST", (
    ("channelid", "200210"), ("classsql", "chnlid=1813"), ("page", "2"), ("prepage", "10"),
    ("sortfield", "-docorderpri,-docreltime"),
))


def _page() -> Selector:
    html = (PINGTAN / "pages" / "zfxxgknb_index.html").read_text("utf-8")
    return Selector(text=html, base_url=COLUMN)


def test_the_real_page_is_recognised_and_asks_for_the_second_page():
    page = _page()
    assert ADAPTER in adapters_for(page)
    read = ADAPTER.read_page(page)
    # recordCount '20', prepage 10, maxStaticIndex 1; channelid from SiteInfo.searchId,
    # classsql from `"" || "chnlid=1813"`
    assert read.announced == 20
    assert read.calls == [PAGE_2]


def test_a_page_without_the_script_is_not_this_adapter():
    page = Selector(text="<script>createPageHTML(2, 0, 'index', 'htm');</script>")
    assert not ADAPTER.detect(page)


def test_an_answer_in_the_documented_shape_lists_its_documents():
    read = ADAPTER.read_answer((PINGTAN / "api" / "search_page2_shape.json").read_bytes(), PAGE_2)
    assert len(read.listed) == 10
    letter = read.listed[2]
    assert letter.title == "关于2014年政府信息公开工作要点落实情况的函"
    assert letter.url == COLUMN + "201412/t20141210_80787.htm"
    assert read.calls == []  # page 2 of 2


def test_a_column_without_a_count_is_read_until_the_answers_page_count():
    answer = {"pageCount": 3, "data": [{"doctitle": "<em>某县</em>2020年年报",
                                        "chnldocurl": COLUMN + "202101/t20210101_1.htm"}]}
    read = ADAPTER.read_answer(json.dumps(answer).encode(), PAGE_2)
    assert read.listed[0].title == "某县2020年年报"
    assert read.listed[0].url == COLUMN + "202101/t20210101_1.htm"  # no docpuburl: chnldocurl
    assert [dict(call.form)["page"] for call in read.calls] == ["3"]


@pytest.mark.parametrize("body", [
    b"", b"<html>error</html>", b"[]", b'{"pageCount": 1}', b'{"data": [1]}',
    b'{"data": [{"doctitle": "x"}]}',
])
def test_answers_out_of_shape_are_adapter_errors(body):
    with pytest.raises(AdapterError):
        ADAPTER.read_answer(body, PAGE_2)
