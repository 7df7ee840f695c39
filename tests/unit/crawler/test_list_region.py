"""Column pages read by their structure: list regions, report titles, pages that are columns."""

import pytest
from parsel import Selector

from crawler.listing.links import page_links, report_column_links
from crawler.listing.list_region import (
    ListPage,
    announced_items,
    document_links,
    is_report_column,
    list_region_links,
)
from crawler.listing.pagers import announced_page_count
from tests.paths import REPLAY

PINGTAN_PAGE = REPLAY / "pingtan" / "pages"
COLUMN = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/"
# The ten documents the real page shows, as its own table lists them (read by eye).
PINGTAN_STATIC = [
    "202603/t20260313_105587.htm", "202503/t20250310_97791.htm", "202403/t20240308_87885.htm",
    "202302/t20230220_80629.htm", "202202/t20220208_80613.htm", "202103/t20210305_80595.htm",
    "202001/t20200120_80576.htm", "201901/t20190110_80529.htm", "201801/t20180123_80506.htm",
    "201701/t20170118_80485.htm",
]
# Jiangxi-platform rows: 32-hex .shtml URLs that match no article URL pattern.
JIANGXI_LIST = """<html><head><title>政府信息公开年报_樟树市人民政府</title></head><body>
<div class="nav"><ul>
<li><a href="/zssrmzf/index.shtml">首页</a></li>
<li><a href="/zssrmzf/xxgk/index.shtml">信息公开</a></li>
<li><a href="/zssrmzf/zfxxgkzn/index.shtml">政府信息公开指南</a></li></ul></div>
<div class="xxgk-list"><ul>
<li><a href="/zssrmzf/zfxxgknb/202401/3f093ec317ba4609b241d0c79175c7cd.shtml"
 title="樟树市2023年政府信息公开工作年度报告">樟树市2023年政府信息公开工作年度报告</a>
 <span class="date">2024-01-19</span></li>
<li><a href="/zssrmzf/zfxxgknb/202301/a0c5e4a1b2c3d4e5f60718293a4b5c6d.shtml"
 title="关于公布政府信息公开工作年度报告的通知">关于公布政府信息公开工作年度报告的通知</a>
 <span class="date">2023-01-30</span></li>
<li><a href="/zssrmzf/zfxxgknb/202201/0123456789abcdef0123456789abcdef.shtml">樟树市工作要点</a>
 <span class="date">2022/1/28</span></li>
</ul></div>
<div class="page"><a href="index_1.shtml">下一页</a><a href="index_2.shtml">尾页</a></div>
<div class="footer"><ul><li><a href="http://www.jiangxi.gov.cn/">江西省人民政府</a></li>
<li><a href="http://www.yichun.gov.cn/">宜春市人民政府</a></li></ul></div>
</body></html>"""


def _read(html: str, url: str):
    selector = Selector(text=html, base_url=url)
    return selector, page_links(selector, url)


def test_the_real_pingtan_page_gives_exactly_its_ten_static_documents():
    selector, links = _read((PINGTAN_PAGE / "zfxxgknb_index.html").read_text("utf-8"), COLUMN)
    region = [link.url for link in list_region_links(selector, COLUMN)]
    assert region == [COLUMN + path for path in PINGTAN_STATIC]
    assert [link.url for link in document_links(selector, links, COLUMN)] == region


def test_rows_are_documents_whatever_their_urls_and_navigation_is_not():
    url = "http://www.zhangshu.gov.cn/zssrmzf/zfxxgknb/index.shtml"
    selector, links = _read(JIANGXI_LIST, url)
    urls = [link.url for link in document_links(selector, links, url)]
    assert urls == [
        "http://www.zhangshu.gov.cn/zssrmzf/zfxxgknb/202401/3f093ec317ba4609b241d0c79175c7cd.shtml",
        "http://www.zhangshu.gov.cn/zssrmzf/zfxxgknb/202301/a0c5e4a1b2c3d4e5f60718293a4b5c6d.shtml",
        "http://www.zhangshu.gov.cn/zssrmzf/zfxxgknb/202201/0123456789abcdef0123456789abcdef.shtml",
    ]


def test_undated_link_rows_are_no_list():
    html = """<ul><li><a href="/a/">政府信息公开指南</a></li>
    <li><a href="/b/">政府信息公开制度</a></li>
    <li><a href="/c/">法定主动公开内容</a></li></ul>"""
    selector, _ = _read(html, "http://x.gov.cn/")
    assert list_region_links(selector, "http://x.gov.cn/") == []


def test_a_report_title_is_a_document_not_a_column_wherever_it_appears():
    html = """<div class="banner">
    <a href="/special/nb2024.shtml">某县2024年度政府信息公开工作年度报告</a></div>
    <a href="/xxgk/nb/">政府信息公开年报</a>"""
    selector, links = _read(html, "http://x.gov.cn/")
    assert [link.url for link in report_column_links(links)] == ["http://x.gov.cn/xxgk/nb/"]
    assert [link.url for link in document_links(selector, links, "http://x.gov.cn/")] == [
        "http://x.gov.cn/special/nb2024.shtml"
    ]


def test_a_page_is_a_report_column_by_its_meta_title_or_list():
    selector, _ = _read((PINGTAN_PAGE / "zfxxgknb_index.html").read_text("utf-8"), COLUMN)
    assert is_report_column(selector, COLUMN)  # <meta name="ColumnName" content="政府信息公开年报">
    url = "http://www.zhangshu.gov.cn/zssrmzf/zfxxgknb/index.shtml"
    assert is_report_column(Selector(text=JIANGXI_LIST, base_url=url), url)  # its title
    hub = "<html><head><title>政府信息公开_某县人民政府</title></head><body></body></html>"
    assert not is_report_column(Selector(text=hub), "http://x.gov.cn/xxgk/")


def test_a_home_page_listing_reports_is_read_once_for_both_questions():
    url = "http://x.gov.cn/"
    home = """<html><head><title>某县人民政府</title></head><body><ul>
    <li><a href="/nb/2024.html">某县2023年政府信息公开工作年度报告</a> 2024-01-20</li>
    <li><a href="/nb/2023.html">某县2022年政府信息公开工作年度报告</a> 2023-01-18</li>
    </ul><div><a href="/xxgk/">信息公开</a></div></body></html>"""
    selector = Selector(text=home, base_url=url)
    page = ListPage(selector, url)
    assert is_report_column(selector, url, page) == "report_titles"
    region = page.region_links
    documents = document_links(selector, page.links, url, page)
    assert page.region_links is region  # the list-region pass ran once for both
    assert [link.url for link in documents] == ["http://x.gov.cn/nb/2024.html",
                                                "http://x.gov.cn/nb/2023.html"]
    assert documents == document_links(selector, page_links(selector, url), url)


def test_rows_that_are_one_link_with_the_date_inside_it_are_a_list():
    html = """<ul class="nav"><li><a href="/a/">机构概况</a></li>
    <li><a href="/b/">政策文件</a></li></ul>
    <ul class="list">
    <li><a href="/d/1.php"><span>某县2023年政府信息公开工作年度报告</span>
      <i>2024-01-20</i></a></li>
    <li><a href="/d/2.php"><span>关于公布政府信息公开工作年度报告的通知</span>
      <i>2023-01-05</i></a></li>
    </ul>"""
    selector, _ = _read(html, "http://x.gov.cn/nb/")
    assert [link.url for link in list_region_links(selector, "http://x.gov.cn/nb/")] == [
        "http://x.gov.cn/d/1.php", "http://x.gov.cn/d/2.php"]


def test_a_count_in_a_script_is_announced_where_the_pager_is_a_template():
    # the real 平潭 page: `recordCount: '20'` in its listModel, its pager filled by script
    pingtan = Selector(text=(PINGTAN_PAGE / "zfxxgknb_index.html").read_text("utf-8"))
    assert announced_items(pingtan) == 20
    putian = REPLAY / "putian_shape" / "pages" / "zfxxgknb_index_built_to_shape.html"
    page = Selector(text=putian.read_text("utf-8"))
    assert '<em ms-text="recordCount"></em>条' in putian.read_text("utf-8")
    assert announced_items(page) == 18


@pytest.mark.parametrize(("html", "count"), [
    ("<div class='page'>共 128 条 1/13页</div>", 128),
    ("<script>var totalRecord = 27;</script>", 27),
    ("<script>pager({totalrecord:'41', perpage: 10})</script>", 41),
    ("<script>var cfg = {\"recordCount\": 9};</script>", 9),
    ("<script>a({recordCount: '9'})</script><script>b({recordCount: '12'})</script>", None),
    ("<div>共<em ms-text='recordCount'></em>条</div>", None),
])
def test_announced_counts_in_text_scripts_and_config_objects(html, count):
    assert announced_items(Selector(text=html)) == count


@pytest.mark.parametrize(("html", "pages"), [
    ("<div class='page'>共 5 页</div>", 5),
    ("<script>var countPage = 7;</script>", 7),
    ("<script>createPage({pageCount: '3'})</script>", 3),
    ("<div>首页 下一页</div>", None),
])
def test_announced_page_counts(html, pages):
    assert announced_page_count(Selector(text=html)) == pages


def test_a_list_built_by_script_is_told_from_a_static_one():
    from crawler.listing.list_region import builds_list_by_script
    from testbed.scripted_built_to_shape import SCRIPTED, _scripted_column
    from tests.paths import ROOT

    real = ROOT / "tests/files/real/Gerapy__GerapyAutoExtractor/samples/list"
    rolling = Selector(text=(real / "netease_rolling_news.html").read_bytes().decode("utf-8"))
    assert list_region_links(rolling, "https://news.163.com/latest/") == []  # rows come by XHR
    assert builds_list_by_script(rolling)
    assert builds_list_by_script(Selector(text=_scripted_column(SCRIPTED).decode("utf-8")))
    static = (real / "hrfund_announcement.html").read_bytes().decode("utf-8")
    assert not builds_list_by_script(Selector(text=static))
