"""CMS list adapters on their samples: Hanweb jpage datastores and gkmlpt catalogues."""

from __future__ import annotations

import pytest
from parsel import Selector

from crawler.listing.adapters import ADAPTERS, AdapterError, ApiCall, adapters_for
from crawler.listing.adapters.gkmlpt import GkmlptAdapter
from crawler.listing.adapters.hanweb import HanwebAdapter
from tests.paths import REPLAY

HW = "https://www.hanweb-shape.gov.cn"
PROXY = f"{HW}/module/web/jpage/dataproxy.jsp"
GK = "https://www.gkmlpt-shape.gov.cn"
FORM_A = (("col", "1"), ("appid", "1"), ("webid", "3090"), ("path", "/"),
          ("columnid", "1229612345"), ("sourceContentType", "1"), ("unitid", "7654321"),
          ("webname", "汉韦县人民政府"), ("permissiontype", "0"))


def page(name: str, url: str) -> Selector:
    return Selector(text=(REPLAY / name).read_text(encoding="utf-8"), base_url=url)


def sample(name: str) -> bytes:
    return (REPLAY / name).read_bytes()


HANWEB_A = page("hanweb/pages/col1229612345_index_shape.html", f"{HW}/col/col1229612345/index.html")
HANWEB_B = page("hanweb/pages/col1229612346_index_shape.html", f"{HW}/col/col1229612346/index.html")
GKMLPT = page("gkmlpt/pages/gkmlpt_index_shape.html", f"{GK}/gkmlpt/index#2811")


def test_each_adapter_recognises_only_its_own_pages() -> None:
    pingtan = page("pingtan/pages/zfxxgknb_index.html", "https://www.pingtan.gov.cn/zwgk/zfxxgk/")
    assert [a.name for a in adapters_for(HANWEB_A)] == ["hanweb"]
    assert [a.name for a in adapters_for(GKMLPT)] == ["gkmlpt"]
    assert [a.name for a in ADAPTERS if a.detect(pingtan)] == ["trs_search"]


def test_hanweb_reads_the_records_inline_in_the_datastore_script() -> None:
    read = HanwebAdapter().read_page(HANWEB_A)
    assert read.announced == 27
    assert len(read.listed) == 5
    first = read.listed[0]
    assert first.url == f"{HW}/art/2025/1/10/art_1229612345_59001.html"
    assert first.title == "汉韦县人民政府2024年度政府信息公开工作年度报告"
    assert first.date == "2025-01-10"


def test_hanweb_asks_dataproxy_with_the_form_of_the_nextgroup_link() -> None:
    [call] = HanwebAdapter().read_page(HANWEB_A).calls
    assert call == ApiCall(f"{PROXY}?startrecord=6&endrecord=20&perpage=5", "POST", FORM_A)


def test_hanweb_takes_the_form_from_the_script_without_a_nextgroup_link() -> None:
    [call] = HanwebAdapter().read_page(HANWEB_B).calls
    assert dict(call.form)["columnid"] == "1229612346"
    assert dict(call.form)["unitid"] == "7654322"
    assert dict(call.form)["webname"] == "汉韦县人民政府"


def test_a_dataproxy_answer_gives_its_records_and_asks_for_the_next_group() -> None:
    call = ApiCall(f"{PROXY}?startrecord=6&endrecord=20&perpage=5", "POST", FORM_A)
    read = HanwebAdapter().read_answer(sample("hanweb/api/col1229612345_6-20_shape.xml"), call)
    assert read.announced == 27
    assert len(read.listed) == 15
    assert read.calls == [ApiCall(f"{PROXY}?startrecord=21&endrecord=35&perpage=5", "POST",
                                  FORM_A)]


def test_the_last_group_asks_for_nothing_more() -> None:
    call = ApiCall(f"{PROXY}?startrecord=21&endrecord=35&perpage=5", "POST", FORM_A)
    read = HanwebAdapter().read_answer(sample("hanweb/api/col1229612345_21-35_shape.xml"), call)
    assert len(read.listed) == 7
    assert read.calls == []


def test_a_raw_wrapped_answer_is_unwrapped() -> None:
    call = ApiCall(f"{PROXY}?startrecord=6&endrecord=20&perpage=5", "POST", ())
    read = HanwebAdapter().read_answer(sample("hanweb/api/col1229612346_6-20_raw_shape.js"), call)
    assert read.announced == 8
    assert [item.url.rsplit("/", 1)[1] for item in read.listed] == [
        "art_1229612346_61006.html", "art_1229612346_61007.html", "art_1229612346_61008.html"]


@pytest.mark.parametrize("body", [
    b"<html><body><h1>\xe7\xb3\xbb\xe7\xbb\x9f\xe7\xb9\x81\xe5\xbf\x99</h1></body></html>",
    b"<datastore><totalrecord>9</totalrecord></datastore>",  # XML without a recordset
    b'raw({"result": 3});',
    b"raw({not json});",
    b"",
])
def test_an_unexpected_dataproxy_answer_is_an_adapter_error(body: bytes) -> None:
    call = ApiCall(f"{PROXY}?startrecord=6&endrecord=20&perpage=5", "POST", FORM_A)
    with pytest.raises(AdapterError):
        HanwebAdapter().read_answer(body, call)


def test_a_page_num_pager_is_read_page_by_page() -> None:
    html = ('<div id="4561"><script type="text/xml"><datastore><recordset>'
            '<record><![CDATA[<li><a href="/art/2024/1/2/art_1_2.html">a</a></li>]]></record>'
            '</recordset></datastore></script></div>'
            "<script>$('#4561').jpage({perPage: 1, totalRecord: 3, "
            "pageUrl: 'index.html?uid=4561&pageNum=' });</script>")
    read = HanwebAdapter().read_page(Selector(text=html, base_url=f"{HW}/col/col1/index.html"))
    assert [call.url for call in read.calls] == [
        f"{HW}/col/col1/index.html?uid=4561&pageNum=2",
        f"{HW}/col/col1/index.html?uid=4561&pageNum=3",
    ]


def test_gkmlpt_asks_the_list_api_of_the_category_in_the_fragment() -> None:
    read = GkmlptAdapter().read_page(GKMLPT)
    assert read.calls == [ApiCall(f"{GK}/gkmlpt/api/all/2811?page=1&sid=440999")]


def test_gkmlpt_without_a_category_asks_nothing() -> None:
    catalogue = page("gkmlpt/pages/gkmlpt_index_shape.html", f"{GK}/gkmlpt/index")
    assert GkmlptAdapter().read_page(catalogue).calls == []


def test_a_department_catalogue_asks_its_own_site() -> None:
    catalogue = page("gkmlpt/pages/bm_gkmlpt_index_shape.html", f"{GK}/bm/gkmlpt/index#2812")
    [call] = GkmlptAdapter().read_page(catalogue).calls
    assert call.url == f"{GK}/bm/gkmlpt/api/all/2812?page=1&sid=440998"


def test_the_first_gkmlpt_answer_gives_its_articles_and_the_other_pages() -> None:
    call = ApiCall(f"{GK}/gkmlpt/api/all/2811?page=1&sid=440999")
    read = GkmlptAdapter().read_answer(sample("gkmlpt/api/all_2811_page1_shape.json"), call)
    assert read.announced == 23
    assert len(read.listed) == 10
    assert read.listed[0].url == f"{GK}/gkmlpt/content/3/3812/post_3812301.html"
    assert read.listed[0].date == "2025-01-10"  # create_time read in China time
    assert [c.url for c in read.calls] == [f"{GK}/gkmlpt/api/all/2811?page=2&sid=440999",
                                           f"{GK}/gkmlpt/api/all/2811?page=3&sid=440999"]


def test_a_later_gkmlpt_answer_asks_nothing_more() -> None:
    call = ApiCall(f"{GK}/gkmlpt/api/all/2811?page=3&sid=440999")
    read = GkmlptAdapter().read_answer(sample("gkmlpt/api/all_2811_page3_shape.json"), call)
    assert len(read.listed) == 3
    assert read.calls == []


@pytest.mark.parametrize("body", [
    b"<html><body><h1>502 Bad Gateway</h1></body></html>",
    b'{"total": 3}',
    b'{"total": "many", "articles": []}',
    b"[1, 2]",
    b"\xff\xfe",
])
def test_an_unexpected_gkmlpt_answer_is_an_adapter_error(body: bytes) -> None:
    with pytest.raises(AdapterError):
        GkmlptAdapter().read_answer(body, ApiCall(f"{GK}/gkmlpt/api/all/1?page=1&sid=1"))


def test_hanweb_reads_the_columns_own_datastore_beside_a_side_list() -> None:
    side = ('<div id="9001"><script type="text/xml"><datastore><recordset>'
            + "".join(f'<record><![CDATA[<li><a href="/art/2024/1/{n}/art_77_{n}.html">热点{n}'
                      "</a></li>]]></record>" for n in range(1, 9))
            + "</recordset></datastore></script></div>"
            "<script>$('#9001').jpage({perPage: 8, totalRecord: 300});</script>")
    own = ('<div id="4561"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/'
           'web/jpage/dataproxy.jsp?page=1&webid=2&columnid=1234&unitid=55"></a>]]></nextgroup>'
           '<recordset><record><![CDATA[<li><a href="/art/2024/1/2/art_1234_1.html">年报</a>'
           "</li>]]></record></recordset></datastore></script></div>"
           "<script>$('#4561').jpage({perPage: 1, totalRecord: 2});</script>")
    url = f"{HW}/col/col1234/index.html"
    read = HanwebAdapter().read_page(Selector(text=side + own, base_url=url))
    assert [item.url for item in read.listed] == [f"{HW}/art/2024/1/2/art_1234_1.html"]
    assert read.announced == 2
    assert [dict(call.form)["columnid"] for call in read.calls] == ["1234"]


def test_a_gbk_dataproxy_answer_keeps_its_titles() -> None:
    body = ('<?xml version="1.0" encoding="gb2312"?><datastore><totalrecord>1</totalrecord>'
            '<recordset><record><![CDATA[<li><a href="/art/2025/1/2/art_9_1.html">'
            "城关镇2024年度政府信息公开工作年度报告</a></li>]]></record></recordset></datastore>")
    call = ApiCall(f"{PROXY}?startrecord=1&endrecord=15&perpage=5", "POST", FORM_A)
    [item] = HanwebAdapter().read_answer(body.encode("gbk"), call).listed
    assert item.title == "城关镇2024年度政府信息公开工作年度报告"
