"""The TRS list adapter on the real 平潭 column page (动静结合), a 莆田-shaped page (wasdoc), the
real 三明 /fjdzapp/data answer, and answers in the documented shape."""

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
), fallback=ApiCall(
    "https://www.pingtan.gov.cn/fjdzapp/data?channelid=200210&classsql=chnlid%3D1813&page=2"
    "&prepage=10&sortfield=-docorderpri%2C-docreltime", "GET",
))
PUTIAN_PAGE = REPLAY / "putian_shape" / "pages" / "zfxxgknb_index_built_to_shape.html"
PUTIAN = "https://czj.putian.gov.cn/zwgk/zfxxgknb/"
SANMING = REPLAY / "sanming"
SANMING_COLUMN = "https://www.sm.gov.cn/smsrmzfbgs/smsrmzf/zfxxgkndbg/"
SANMING_CALL = ApiCall(
    "https://www.sm.gov.cn/fjdzapp/data?channelid=100000&classsql=chnlid%3D4161&page=1"
    "&prepage=100&sortfield=-docorderpri%2C-docreltime", "GET",
)


def _page(path=PINGTAN / "pages" / "zfxxgknb_index.html", url=COLUMN) -> Selector:
    return Selector(text=path.read_text("utf-8"), base_url=url)


def test_the_real_page_is_recognised_and_asks_for_the_second_page():
    page = _page()
    assert [adapter.name for adapter in adapters_for(page)] == [ADAPTER.name]
    read = ADAPTER.read_page(page)
    # recordCount '20', prepage 10, maxStaticIndex 1; channelid from SiteInfo.searchId,
    # classsql from `"" || "chnlid=1813"`; the page names no API path: search, then data
    assert read.announced == 20
    assert read.calls == [PAGE_2]


def test_the_wasdoc_variant_asks_for_the_pages_after_its_static_one():
    page = _page(PUTIAN_PAGE, PUTIAN)
    assert [adapter.name for adapter in adapters_for(page)] == [ADAPTER.name]
    read = ADAPTER.read_page(page)
    # recordCount '18', prepage 15, showStatic: page 1 is static; channelid SiteInfo.was4doc
    assert read.announced == 18
    [call] = read.calls
    assert (call.url, call.method) == ("https://czj.putian.gov.cn/fjdzapp/search", "POST")
    assert dict(call.form) == {"channelid": "210831", "classsql": "chnlid=20271", "page": "2",
                               "prepage": "15", "sortfield": "-docorderpri,-docreltime"}
    assert call.fallback.method == "GET"
    assert call.fallback.url.startswith("https://czj.putian.gov.cn/fjdzapp/data?channelid=210831")


def test_the_wasdoc_variant_is_recognised_without_the_require_wrapper():
    html = PUTIAN_PAGE.read_text("utf-8").replace('"list2.trsapi", ', "")
    assert "list2.trsapi" not in html
    assert ADAPTER.read_page(Selector(text=html, base_url=PUTIAN)).announced == 18


def test_a_site_info_field_commented_out_is_not_read():
    # the real 平潭 SiteInfo has `//was4doc: 290792,  //文档检索的was频道号` switched off
    html = (PINGTAN / "pages" / "zfxxgknb_index.html").read_text("utf-8")
    assert "//was4doc: 290792" in html
    page = Selector(text=html.replace("channelid: SiteInfo.searchId",
                                      "channelid: SiteInfo.was4doc"), base_url=COLUMN)
    with pytest.raises(AdapterError, match="no channelid"):
        ADAPTER.read_page(page)


def test_a_page_naming_its_api_path_is_asked_there_only():
    page = _page(SANMING / "pages" / "zfxxgkndbg_index_built_to_shape.html", SANMING_COLUMN)
    read = ADAPTER.read_page(page)
    assert read.announced == 13
    assert read.calls == [SANMING_CALL]  # showStatic false: page 1 from the API, by GET


def test_the_bare_variant_reads_its_static_pages_and_count():
    page = Selector(text="<script>require(['list2.trsapi']);listModel({maxStaticIndex:7,"
                         "listArgs:{channelid:5},pagebar:{prepage:10,recordCount:'213'}})"
                         "</script>", base_url="https://x.gov.cn/a/")
    read = ADAPTER.read_page(page)
    assert read.announced == 213
    assert [dict(call.form)["page"] for call in read.calls] == [str(n) for n in range(8, 23)]


def test_the_real_sanming_answer_with_dotted_dates_is_read():
    read = ADAPTER.read_answer((SANMING / "api" / "nlist_api_p001.json").read_bytes(),
                               SANMING_CALL)
    assert len(read.listed) == 13 and (read.announced, read.pages) == (13, 1)
    first = read.listed[0]
    assert first.title == "三明市2025年政府信息公开工作年度报告"
    assert first.url == SANMING_COLUMN + "202603/t20260305_2192644.htm"
    assert first.date == "2026-03-05 14:48:00"  # "2026.03.05 14:48:00" in the answer
    assert read.calls == []  # pageCount 1


def test_the_next_page_of_a_get_answer_is_asked_by_get():
    answer = {"pageCount": 2, "data": [{"doctitle": "某县2020年年报",
                                        "url": SANMING_COLUMN + "202101/t20210101_1.htm"}]}
    read = ADAPTER.read_answer(json.dumps(answer).encode(), SANMING_CALL)
    assert read.listed[0].url == SANMING_COLUMN + "202101/t20210101_1.htm"  # `url` alone
    [call] = read.calls
    assert call.method == "GET" and "page=2" in call.url and "prepage=100" in call.url


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
    b'{"data": [{"doctitle": "x"}]}', '{"error": "系统繁忙", "data": []}'.encode(),
])
def test_answers_out_of_shape_are_adapter_errors(body):
    with pytest.raises(AdapterError):
        ADAPTER.read_answer(body, PAGE_2)
