"""Link reading on portal pages: report columns, pagination, documents, sub-columns."""

import pytest
from parsel import Selector

from crawler.listing.links import (
    detail_links,
    hub_links,
    js_pagination_urls,
    page_links,
    pagination_links,
    report_column_links,
    subcolumn_links,
)

COLUMN = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/"

TRS_LIST = """<html><body>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="../zfxxgkzn/">政府信息公开指南</a></li></ul>
<ul class="list">
<li><a href="./202603/t20260313_105587.htm">平潭综合实验区2025年度政府信息公开工作年度报告</a></li>
<li><a href="./201412/t20141201_80787.htm">关于2014年政府信息公开工作要点落实情况的函</a></li>
<li><a href="./202603/P020260313.pdf">附件</a></li>
</ul>
<script>createPageHTML(3, 0, "index", "htm");</script>
</body></html>"""


def links_of(html: str, url: str = COLUMN + "index.htm"):
    selector = Selector(text=html)
    return selector, page_links(selector, url)


def test_detail_links_follow_article_urls_not_nav_or_attachments():
    _, links = links_of(TRS_LIST)
    urls = [link.url for link in detail_links(links)]
    assert urls == [
        COLUMN + "202603/t20260313_105587.htm",
        COLUMN + "201412/t20141201_80787.htm",
    ]


def test_trs_js_pagination():
    selector, links = links_of(TRS_LIST)
    assert js_pagination_urls(selector, COLUMN + "index.htm") == [
        COLUMN + "index.htm",
        COLUMN + "index_1.htm",
        COLUMN + "index_2.htm",
    ]
    assert COLUMN + "index_2.htm" in pagination_links(selector, links, COLUMN + "index.htm")


def test_query_string_pagination_keeps_the_column():
    html = """<a href="list.jsp?cid=nb&page=2">下一页</a><a href="list.jsp?cid=news&page=2">2</a>
    <a href="list.jsp?cid=nb&page=9">尾页</a>"""
    url = "http://x.gov.cn/gy/list.jsp?cid=nb&page=1"
    selector, links = links_of(html, url)
    assert pagination_links(selector, links, url) == [
        "http://x.gov.cn/gy/list.jsp?cid=nb&page=2",
        "http://x.gov.cn/gy/list.jsp?cid=nb&page=9",
    ]


def test_report_columns_by_text_and_url():
    html = """<a href="/xxgk/nb/">政府信息公开年报</a><a href="/xxgk/zn/">政府信息公开指南</a>
    <a href="/zwgk/zfxxgknb/">年报</a><a href="/news/">新闻动态</a>
    <a href="/xxgk/nb/t20250101_1.html">某县2024年度政府信息公开工作年度报告</a>"""
    _, links = links_of(html, "http://x.gov.cn/")
    assert [link.url for link in report_column_links(links)] == [
        "http://x.gov.cn/xxgk/nb/",
        "http://x.gov.cn/zwgk/zfxxgknb/",
    ]


def test_hubs_are_disclosure_sections_not_documents():
    html = """<a href="/xxgk/">政府信息公开</a><a href="/zwgk/index.html">政务</a>
    <a href="/zwgk/202501/t20250101_1.html">政府信息公开</a><a href="/bsfw/">办事服务</a>"""
    _, links = links_of(html, "http://x.gov.cn/")
    assert [link.url for link in hub_links(links)] == [
        "http://x.gov.cn/xxgk/",
        "http://x.gov.cn/zwgk/index.html",
    ]


def test_department_subcolumns():
    html = """<a href="dept01/">县发展和改革局</a><a href="dept02/index.html">县教育局</a>
    <a href="../zn/">指南</a><a href="index_1.html">2</a>"""
    url = "http://x.gov.cn/xxgk/nb/index.html"
    _, links = links_of(html, url)
    assert [link.url for link in subcolumn_links(links, url)] == [
        "http://x.gov.cn/xxgk/nb/dept01/",
        "http://x.gov.cn/xxgk/nb/dept02/index.html",
    ]


def test_pages_that_may_link_files_are_told_apart_from_bytes():
    from crawler.listing.links import may_link_files

    assert may_link_files('<a href="/f/nb2024.PDF">年报</a>'.encode("gbk"))
    assert may_link_files("<a href='x.jsp?id=1'>附件：2024年度报告.docx</a>".encode("gb18030"))
    assert may_link_files(b'<a href="/f/report&#46;pdf">x</a>')  # the dot as an entity
    assert may_link_files("<a href='r.xls'>报表</a>".encode("utf-16"))  # not ASCII-compatible
    assert not may_link_files("<p>详见政府信息公开年报。</p><a href='/t1.html'>返回</a>".encode())


@pytest.mark.parametrize("base", [
    "http://a.gov.cn", "http://a.gov.cn/", "http://a.gov.cn/x/y/index_2.htm",
    "http://a.gov.cn/x/list.jsp?page=2&r=/q/", "http://a.gov.cn:8080/x/y", "http://a.gov.cn/x/#f",
])
def test_links_resolve_as_urljoin_does(base):
    from urllib.parse import urljoin

    from crawler.listing.links import absolute_url

    hrefs = ["./t1.htm", "../t2.htm", "/abs/t3.htm", "t4.htm?id=1", "?page=3", ".",
             "http://b.gov.cn/z.htm", "//c.gov.cn/w", "t5.htm#sec", "../../../up.htm"]
    assert [absolute_url(base, h) for h in hrefs] == [urljoin(base, h).split("#")[0]
                                                        for h in hrefs]


QUERY_PAGERS = [
    ("list.jsp?cid=nb&pageNo=1", "list.jsp?cid=nb&pageNo=2", "list.jsp?cid=news&pageNo=2"),
    ("list.jsp?cid=nb&pageNum=1", "list.jsp?cid=nb&pageNum=2", "list.jsp?cid=xx&pageNum=2"),
    ("iList.jsp?node_id=GK&cat_id=7&cur_page=1", "iList.jsp?node_id=GK&cat_id=7&cur_page=2",
     "iList.jsp?node_id=GK&cat_id=8&cur_page=2"),
]


@pytest.mark.parametrize(("here", "next_page", "other_list"), QUERY_PAGERS)
def test_query_pagers_by_page_no_page_num_and_cur_page(here, next_page, other_list):
    url = f"http://x.gov.cn/gk/{here}"
    html = f'<a href="{next_page}">下一页</a><a href="{other_list}">2</a>'
    selector, links = links_of(html, url)
    assert pagination_links(selector, links, url) == [f"http://x.gov.cn/gk/{next_page}"]


@pytest.mark.parametrize("name", ["index_3.shtml", "list_2.html", "index-2.htm", "index_1.jhtml"])
def test_index_n_variants_are_pages_of_the_column(name):
    url = "http://x.gov.cn/gk/nb/index.html"
    selector, links = links_of(f'<a href="{name}">下一页</a>', url)
    assert pagination_links(selector, links, url) == [f"http://x.gov.cn/gk/nb/{name}"]


SICHUAN_PAGER = """<table><tr><td><a href="content.jsp?id=1">一</a></td></tr></table>
<div class="page">共 23 条记录 当前第 1/3 页
<a href="javascript:void(0)" onclick="goPage(2)">下一页</a></div>
<script>function goPage(n) { location.href = 'iList.jsp?node_id=GK&cat_id=7&cur_page=' + n; }
</script>"""


def test_a_pager_that_only_announces_its_page_count_is_read_to_the_end():
    url = "http://x.gov.cn/info/iList.jsp?node_id=GK&cat_id=7"
    selector, links = links_of(SICHUAN_PAGER, url)
    assert pagination_links(selector, links, url) == [
        "http://x.gov.cn/info/iList.jsp?node_id=GK&cat_id=7&cur_page=2",
        "http://x.gov.cn/info/iList.jsp?node_id=GK&cat_id=7&cur_page=3",
    ]


def test_an_announced_page_count_from_a_later_page_names_the_later_ones():
    url = "http://x.gov.cn/info/iList.jsp?node_id=GK&cat_id=7&cur_page=2"
    selector, links = links_of(SICHUAN_PAGER.replace("1/3", "2/3"), url)
    assert pagination_links(selector, links, url) == [
        "http://x.gov.cn/info/iList.jsp?node_id=GK&cat_id=7&cur_page=3",
    ]


def test_a_page_count_without_a_page_parameter_writes_no_pages():
    url = "http://x.gov.cn/gk/nb/index.html"
    selector, links = links_of("<div>共 3 页</div>", url)
    assert pagination_links(selector, links, url) == []
