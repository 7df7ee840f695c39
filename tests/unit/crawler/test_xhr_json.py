"""The generic JSON rows reader and the remembered XHR list call, on hand-written answers."""

from __future__ import annotations

import json

import pytest

from crawler.browser import Xhr
from crawler.listing.adapters import XHR_ADAPTER, AdapterError, ApiCall, adapter_named
from crawler.listing.adapters.xhr_json import XhrCall, list_call, read_json_rows

SITE = "https://www.example-county.gov.cn"
API = f"{SITE}/api/list"


def answer(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def test_rows_at_the_top_with_their_total():
    rows = read_json_rows(answer({
        "total": 12, "size": 5,
        "rows": [{"title": "甲县2023年政府信息公开工作年度报告", "url": "/content/a.html",
                  "date": "2024-01-20"},
                 {"title": "甲县2022年政府信息公开工作年度报告", "url": "/content/b.html",
                  "date": "2023-01-19"}]}), API)
    assert rows.total == 12
    assert [(r.url, r.title, r.date) for r in rows.listed] == [
        (f"{SITE}/content/a.html", "甲县2023年政府信息公开工作年度报告", "2024-01-20"),
        (f"{SITE}/content/b.html", "甲县2022年政府信息公开工作年度报告", "2023-01-19")]


def test_rows_nested_under_data_with_the_count_beside_them_and_other_names():
    body = answer({"code": 0, "msg": "success", "data": {
        "pager": {"pageNo": 2, "totalCount": "37"},
        "list": [{"docTitle": " 乙市 <em>2021年</em>年报 ", "docUrl": "http://x.gov.cn/t/1.htm",
                  "picUrl": "/img/1.png", "pubDate": "2022.01.18 09:00"}],
        "tags": [{"name": "年报", "id": 3}]}})
    rows = read_json_rows(body, API)
    assert rows.total == 37
    [row] = rows.listed
    assert (row.url, row.title, row.date) == ("http://x.gov.cn/t/1.htm", "乙市 2021年 年报",
                                              "2022.01.18")


def test_the_link_field_named_url_wins_over_an_image():
    body = answer({"recordCount": 1, "items": [
        {"imgUrl": "/img/cover.jpg", "href": "/a/2.html", "name": "丙区年报"}]})
    [row] = read_json_rows(body, API).listed
    assert row.url == f"{SITE}/a/2.html"


def test_the_larger_list_is_the_list_and_a_page_count_is_no_total():
    body = answer({"pageCount": 3, "count": 2, "total": 25,
                   "nav": [{"title": "首页", "url": "/"}],
                   "result": [{"title": "报告一", "link": "/r/1.html"},
                              {"title": "报告二", "link": "/r/2.html"}]})
    rows = read_json_rows(body, API)
    assert [r.url for r in rows.listed] == [f"{SITE}/r/1.html", f"{SITE}/r/2.html"]
    assert rows.total == 25  # total before count: count is often the page's rows


def test_an_answer_without_rows_is_read_as_empty_and_one_not_json_is_an_error():
    assert read_json_rows(answer({"total": 0, "rows": []}), API).listed == []
    assert read_json_rows(answer({"total": 0, "rows": []}), API).total == 0
    assert read_json_rows(answer([{"id": 1}, {"id": 2}]), API).listed == []
    with pytest.raises(AdapterError, match="not JSON"):
        read_json_rows(b"<html><body>404 Not Found</body></html>", API)


def test_a_remembered_call_asks_for_the_next_page_until_the_total():
    call = XhrCall(API, "POST", (("page", "1"), ("size", "5"), ("channelId", "1042")),
                   page_field="page")
    rows = [{"title": f"报告{n}", "url": f"/c/{n}.html"} for n in range(5)]
    first = adapter_named("xhr_json").read_answer(answer({"total": 12, "rows": rows}), call)
    assert first.announced == 12 and len(first.listed) == 5
    [second] = first.calls
    assert second.form == (("page", "2"), ("size", "5"), ("channelId", "1042"))
    rows = [{"title": f"报告{n}", "url": f"/c/{n}.html"} for n in range(5, 10)]
    [third] = XHR_ADAPTER.read_answer(answer({"total": 12, "rows": rows}), second).calls
    assert dict(third.form)["page"] == "3"
    rows = [{"title": f"报告{n}", "url": f"/c/{n}.html"} for n in range(10, 12)]
    assert XHR_ADAPTER.read_answer(answer({"total": 12, "rows": rows}), third).calls == []


def test_without_a_total_a_get_call_is_paged_until_a_page_without_rows():
    call = XhrCall(f"{API}?pageIndex=0&sid=9", "GET", page_field="pageIndex")
    rows = [{"title": "报告", "url": "/c/1.html"}]
    [after] = XHR_ADAPTER.read_answer(answer({"data": rows}), call).calls
    assert after.url == f"{API}?pageIndex=1&sid=9"
    assert XHR_ADAPTER.read_answer(answer({"data": []}), after).calls == []
    again = XHR_ADAPTER.read_answer(answer({"data": rows}), after)
    assert again.calls == []  # the same first row as the page before: the page field is ignored


def test_a_plain_api_call_is_never_paged_by_the_reader():
    rows = [{"title": "报告", "url": "/c/1.html"}]
    assert XHR_ADAPTER.read_answer(answer({"total": 9, "rows": rows}), ApiCall(API)).calls == []


def test_urls_that_are_not_web_pages_are_left_out():
    body = answer({"rows": [{"title": "坏", "url": "javascript:void(0)"},
                            {"title": "好", "url": "/c/2.html"}]})
    assert [r.title for r in XHR_ADAPTER.read_answer(body, ApiCall(API)).listed] == ["好"]


def page_answer(page: int) -> bytes:
    return answer({"total": 7, "rows": [{"title": f"报告{page}{n}",
                                         "url": f"/content/{page}{n}.html"} for n in range(3)]})


PAGE_LINKS = [f"{SITE}/content/{page}{n}.html" for page in (1, 2) for n in range(3)]


def test_the_xhr_whose_rows_the_page_links_is_the_list_call_with_its_page_field():
    xhrs = [Xhr("GET", f"{SITE}/api/menu", "", answer({"rows": [{"title": "首页",
                                                                 "url": "/index.html"}]})),
            Xhr("POST", API, "page=1&size=3&_=1700000000001", page_answer(1)),
            Xhr("GET", f"{SITE}/stat.gif?x=1", "", b"GIF89a"),
            Xhr("POST", API, "page=2&size=3&_=1700000000002", page_answer(2))]
    call = list_call(xhrs, [f"{SITE}/index.html", *PAGE_LINKS])
    assert call == XhrCall(API, "POST", (("page", "1"), ("size", "3"), ("_", "1700000000001")),
                           page_field="page")


def test_a_single_get_call_gets_the_field_named_like_a_page():
    xhrs = [Xhr("GET", f"{API}?channel=12&pageNo=1", "", page_answer(1))]
    call = list_call(xhrs, PAGE_LINKS)
    assert call == XhrCall(f"{API}?channel=12&pageNo=1", "GET", (), page_field="pageNo")


def test_no_list_call_when_the_rows_are_not_the_page_links_or_the_body_is_no_form():
    other = [f"{SITE}/elsewhere/{n}.html" for n in range(6)]
    assert list_call([Xhr("POST", API, "page=1", page_answer(1))], other) is None
    json_body = Xhr("POST", API, '{"page": 1, "size": 3}', page_answer(1))
    assert list_call([json_body], PAGE_LINKS) is None
    assert list_call([Xhr("POST", API, "page=1", b"<html></html>")], PAGE_LINKS) is None


def test_hostile_answers_are_no_list_call_and_no_crash():
    deep = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(AdapterError, match="not JSON"):
        read_json_rows(deep, API)
    control = answer({"rows": [{"title": "<b>报告\x00\x01</b>", "url": "/content/99.html"}]})
    broken_host = answer({"rows": [{"title": "报告", "url": "http://[::1/content/11.html"}]})
    odd_page = Xhr("POST", API, "page=²&size=3", page_answer(1))
    xhrs = [Xhr("POST", API, "page=1", deep), Xhr("POST", API, "page=1", control),
            Xhr("POST", API, "page=1", broken_host), odd_page]
    call = list_call(xhrs, [*PAGE_LINKS, "http://[::1"])
    assert call == XhrCall(API, "POST", (("page", "²"), ("size", "3")), page_field=None)
    assert call.page is None
