"""Metadata of detail pages: label/value layouts, meta tags, titles, and the real pages' gold."""

import pytest

from govcorpus.extraction.metadata import (
    extract_metadata,
    issuer_from_title,
    parse_html,
    read_metadata,
)


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


FOUR_COLUMNS = page(
    "<table><tr><td>索引号：</td><td>11530323MB1234567X/2025-00012</td>"
    "<td>主题分类：</td><td>政务公开</td></tr>"
    "<tr><td>发布机构：</td><td>师宗县投资促进局</td><td>成文日期：</td><td>2025年01月16日</td></tr>"
    "<tr><td>文号：</td><td>师投促〔2025〕3号</td><td>发布日期：</td><td>2025/1/20</td></tr>"
    "<tr><td>标题：</td><td colspan='3'>师宗县投资促进局2024年度政府信息公开工作年度报告</td></tr>"
    "</table><div class='TRS_Editor'><p>一、总体情况</p></div>"
)


def test_fields_are_the_contract_keys():
    assert tuple(extract_metadata(FOUR_COLUMNS)) == (
        "title", "index_number", "issuing_body", "publish_date", "written_date", "doc_number",
        "topic",
    )


def test_four_column_table():
    meta = extract_metadata(FOUR_COLUMNS)
    assert meta == {
        "title": "师宗县投资促进局2024年度政府信息公开工作年度报告",
        "index_number": "11530323MB1234567X/2025-00012",
        "issuing_body": "师宗县投资促进局",
        "publish_date": "2025-01-20",
        "written_date": "2025-01-16",
        "doc_number": "师投促〔2025〕3号",
        "topic": "政务公开",
    }


def test_label_and_value_in_one_cell_with_inner_spaces():
    html = page(
        "<table><tr><td>索  引 号:K20001-0203-2025-0001</td><td>发文字号：无</td></tr>"
        "<tr><td>发 布 机 构：涡阳县招商服务中心</td><td>生成日期：2025-01-16</td></tr></table>"
    )
    meta = extract_metadata(html)
    assert meta["index_number"] == "K20001-0203-2025-0001"
    assert meta["issuing_body"] == "涡阳县招商服务中心"
    assert meta["publish_date"] == "2025-01-16"
    assert meta["doc_number"] is None


def test_empty_label_does_not_take_the_next_label_value():
    html = page(
        "<table><tr><td>索引号</td><td>000014349/2021-336566</td><td></td><td></td></tr>"
        "<tr><td>发布机构</td><td></td><td>发文日期</td><td>2021-01-28 15:40</td></tr>"
        "<tr><td>文号</td><td></td><td>是否有效</td><td></td></tr></table>"
    )
    meta = extract_metadata(html)
    assert meta["issuing_body"] is None
    assert meta["doc_number"] is None
    assert meta["publish_date"] == "2021-01-28"
    assert meta["index_number"] == "000014349/2021-336566"


def test_publish_line_under_breadcrumb():
    html = page(
        "<div>您现在所在的位置: <a>网站首页</a> &gt; <a>政府信息公开年报</a></div>"
        "<h1>涡阳县招商服务中心2024年政府信息公开工作年度报告</h1>"
        "<div>发布时间:2025-01-16 10:40 来源:涡阳县招商服务中心 字体:[<a>大</a> <a>中</a>"
        " <a>小</a>]</div>",
        "<title>涡阳县招商服务中心2024年政府信息公开工作年度报告_涡阳县人民政府</title>",
    )
    meta = extract_metadata(html)
    assert meta["title"] == "涡阳县招商服务中心2024年政府信息公开工作年度报告"
    assert meta["publish_date"] == "2025-01-16"
    assert meta["issuing_body"] == "涡阳县招商服务中心"


def test_trs_meta_tags():
    head = (
        '<meta name="ArticleTitle" content="平潭综合实验区2025年度政府信息公开工作年度报告"/>'
        '<meta name="PubDate" content="2026-03-10 12:56"/>'
        '<meta name="ContentSource" content="平潭综合实验区管委会办公室"/>'
    )
    meta = extract_metadata(page("<p>正文</p>", head))
    assert meta["title"] == "平潭综合实验区2025年度政府信息公开工作年度报告"
    assert meta["publish_date"] == "2026-03-10"
    assert meta["issuing_body"] == "平潭综合实验区管委会办公室"


def test_title_without_site_suffix():
    title = "平潭综合实验区2025年度政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区…"
    meta = extract_metadata(page("<p>正文</p>", f"<title>{title}</title>"))
    assert meta["title"] == "平潭综合实验区2025年度政府信息公开工作年度报告"


def test_issuing_body_trust_order():
    html = page("<p>来源：县政府办</p><table><tr><td>发布机构</td><td>县财政局</td></tr></table>")
    assert extract_metadata(html)["issuing_body"] == "县财政局"


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "not html at all"])
def test_pages_without_metadata(html):
    assert set(extract_metadata(html).values()) == {None}


def test_two_column_rows_and_issuer_labels():
    html = page(
        "<table><tr><th>发文机关</th><td>岳阳县人民政府办公室</td></tr>"
        "<tr><th>责任部门</th><td>县政务服务中心</td></tr>"
        "<tr><th>发文字号</th><td>岳政办发〔2025〕1号</td></tr>"
        "<tr><th>成文日期</th><td>2025年01月10日</td></tr>"
        "<tr><th>分类</th><td>政府信息公开年报</td></tr></table>"
    )
    meta = extract_metadata(html)
    assert meta["issuing_body"] == "岳阳县人民政府办公室"
    assert meta["doc_number"] == "岳政办发〔2025〕1号"
    assert meta["written_date"] == "2025-01-10"
    assert meta["publish_date"] is None
    assert meta["topic"] == "政府信息公开年报"


def test_definition_list_layout():
    html = page(
        "<dl><dt>索 引 号：</dt><dd>000014349/2021-336566</dd>"
        "<dt>信息来源：</dt><dd>水城区招商投资促进服务中心</dd>"
        "<dt>生成日期：</dt><dd>2021-01-28</dd></dl>"
    )
    meta = extract_metadata(html)
    assert meta["index_number"] == "000014349/2021-336566"
    assert meta["issuing_body"] == "水城区招商投资促进服务中心"
    assert meta["publish_date"] == "2021-01-28"


def test_empty_source_followed_by_a_counter():
    html = page(
        "<h1>万载县2015年国民经济和社会发展统计公报</h1>"
        "<span>来源：</span><span>访问量：</span><span>199</span>"
        "<span>发布日期：</span><span>2017-05-15 10:49:00</span>"
    )
    meta = extract_metadata(html)
    assert meta["issuing_body"] is None
    assert meta["publish_date"] == "2017-05-15"


def test_labels_run_together_on_one_line():
    html = page("<p>发布时间:2025/1/16 10:40来源:涡阳县招商服务中心 浏览次数:12</p>")
    meta = extract_metadata(html)
    assert meta["publish_date"] == "2025-01-16"
    assert meta["issuing_body"] == "涡阳县招商服务中心"


def test_label_words_inside_body_sentences_are_not_labels():
    html = page("<p>本报告数据来源：各乡镇统计报表，发布日期另行通知。</p>")
    meta = extract_metadata(html)
    assert meta["issuing_body"] is None
    assert meta["publish_date"] is None


def test_publication_date_is_preferred_over_written_and_generated_dates():
    html = page(
        "<table><tr><td>生成日期：2025-01-10</td><td>成文日期：2025-01-09</td>"
        "<td>发布日期：2025-01-16</td></tr></table>"
    )
    meta = extract_metadata(html)
    assert meta["publish_date"] == "2025-01-16"
    assert meta["written_date"] == "2025-01-09"


def test_unlabelled_date_under_the_title_and_classed_source():
    html = page(
        "<h1>某县召开政务公开工作会议</h1><p><span class='source'>某县融媒体中心</span>"
        " <span>2024-05-10 09:30</span></p><p>正文。</p>",
        "<title>某县召开政务公开工作会议-某县人民政府</title>",
    )
    meta = extract_metadata(html)
    assert meta["title"] == "某县召开政务公开工作会议"
    assert meta["publish_date"] == "2024-05-10"
    assert meta["issuing_body"] == "某县融媒体中心"


def test_site_name_first_in_title():
    html = page("<p>正文</p>", "<title>万载县人民政府 | 万载县2015年统计公报</title>")
    assert extract_metadata(html)["title"] == "万载县2015年统计公报"


def test_traditional_script_labels():
    html = page(
        "<table><tr><td>索 引 號：</td><td>000014349/2021-336566</td></tr>"
        "<tr><td>發布機構：</td><td>師宗縣投資促進局</td></tr>"
        "<tr><td>發布日期：</td><td>2025年01月16日</td></tr></table>"
    )
    meta = extract_metadata(html)
    assert meta["index_number"] == "000014349/2021-336566"
    assert meta["issuing_body"] == "師宗縣投資促進局"
    assert meta["publish_date"] == "2025-01-16"


def test_visible_labels_beat_meta_tags():
    head = ('<meta name="PubDate" content="2023-08-16 10:33:59">'
            '<meta name="ContentSource" content="江西统计 公众号">'
            '<meta name="ArticleTitle" content="CMS标题：县统计局统计公报">')
    html = page(
        "<dl><dd><label>索 引 号：</label><div>014742224A/2023-0043406</div></dd>"
        "<dd><label>生成日期：</label><div>2023-05-11</div></dd>"
        "<dd><label>发布机构：</label><div>宜春市统计局</div></dd>"
        "<dd><label>标题：</label><div>宜春市2022年国民经济和社会发展统计公报</div></dd></dl>",
        head)
    meta = read_metadata(parse_html(html))
    assert meta.values["publish_date"] == "2023-05-11"
    assert meta.values["issuing_body"] == "宜春市统计局"
    assert meta.values["title"] == "宜春市2022年国民经济和社会发展统计公报"
    assert meta.sources == {"index_number": "label", "publish_date": "label",
                            "issuing_body": "label", "title": "label"}


def test_meta_tags_only_fill_what_no_label_gives():
    head = ('<meta name="PubDate" content="2026-03-10 12:56"/>'
            '<meta name="ContentSource" content="县政府办"/>')
    meta = read_metadata(parse_html(page("<p>来源：县财政局</p>", head)))
    assert (meta.values["publish_date"], meta.sources["publish_date"]) == ("2026-03-10", "meta")
    assert meta.values["issuing_body"] == "县财政局"
    assert meta.sources["issuing_body"] == "source_line"


@pytest.mark.parametrize(("title", "issuer"), [
    ("樟树市文化和旅游局2021年度政府信息公开工作年度报告", "樟树市文化和旅游局"),
    ("岳阳县退役军人事务局2023年度政府信息公开工作报告", "岳阳县退役军人事务局"),
    ("岳阳县司法局2008年信息公开年度报告", "岳阳县司法局"),
    ("师宗县金竹镇人民政府2025年度政府信息公开工作年度报告附表", "师宗县金竹镇人民政府"),
    ("平潭县人民政府二〇二五年度政府信息公开工作年度报告", "平潭县人民政府"),
    ("关于樟树市2014年政府信息公开工作要点落实情况的函", None),
    ("2024年度政府信息公开工作年度报告", None),
    ("万载县2015年国民经济和社会发展统计公报", None),
])
def test_issuer_from_a_report_title(title, issuer):
    assert issuer_from_title(title) == issuer


def test_issuer_from_the_title_when_the_page_names_none():
    html = page("<h1>樟树市文化和旅游局2021年度政府信息公开工作年度报告</h1><p>一、总体情况</p>",
                "<title>樟树市文化和旅游局2021年度政府信息公开工作年度报告_樟树市人民政府</title>")
    meta = read_metadata(parse_html(html))
    assert meta.values["issuing_body"] == "樟树市文化和旅游局"
    assert meta.sources["issuing_body"] == "title"
