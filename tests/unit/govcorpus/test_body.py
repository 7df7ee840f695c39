"""Body text: content container, tables as rows, no boilerplate."""

from govcorpus.extraction.body import extract_body

PAGE = """<html><head><title>某县2024年度政府信息公开工作年度报告_某县人民政府</title></head><body>
<div class="nav">首页 | 政务公开 | 政府信息公开</div>
<div>当前位置：<a>首页</a> &gt; <a>政府信息公开年报</a></div>
<h1>某县2024年度政府信息公开工作年度报告</h1>
<div>发布时间：2025-01-16 10:40 来源：某县政府办 字体:[<a>大</a> <a>中</a> <a>小</a>]</div>
<div class="TRS_Editor"><p>一、总体情况</p><p>2024年，我县认真贯彻落实《条例》。</p>
<table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td></tr>
<tr><td>规章</td><td>0</td><td>1</td></tr></table>
<p>六、其他需要报告的事项</p><p>无。</p></div>
<div class="share">分享到：微信 微博</div><div>扫一扫在手机打开当前页</div>
<div class="footer">版权所有：某县人民政府 ICP备12345678号 网站标识码1234567890</div>
</body></html>"""


def test_body_keeps_text_and_table_rows():
    text = extract_body(PAGE)
    assert text.splitlines()[0] == "一、总体情况"
    assert "信息内容 | 本年制发件数 | 本年废止件数" in text.splitlines()
    assert "规章 | 0 | 1" in text.splitlines()
    assert text.endswith("无。")


def test_body_has_no_boilerplate():
    text = extract_body(PAGE)
    for phrase in ["版权所有", "ICP备", "分享到", "扫一扫", "当前位置", "发布时间", "字体", "首页"]:
        assert phrase not in text


def test_empty_page():
    assert extract_body("") is None
    assert extract_body("<html><body></body></html>") is None


def test_huge_page_is_capped():
    html = "<html><body>" + "<p>政府信息公开。</p>" * 400_000 + "</body></html>"
    assert len(html) > 3_000_000
    text = extract_body(html)
    # read up to its first 3,000,000 characters: the first (3,000,000 - 12) // 14 = 214,284
    # paragraphs whole, and the sentence of the one cut off inside its closing tag
    assert text is not None and text.count("政府信息公开。") == 214_285


def test_table_cells_are_not_padded_for_colspan():
    html = (
        "<html><body><div class='TRS_Editor'><p>二、主动公开政府信息情况</p><table>"
        "<tr><td colspan='4'>第二十条第（一）项</td></tr>"
        "<tr><td>行政许可</td><td colspan='3'>2418</td></tr></table>"
        "<p>三、收到和处理政府信息公开申请情况</p></div></body></html>"
    )
    lines = extract_body(html).splitlines()
    assert "第二十条第（一）项" in lines
    assert "行政许可 | 2418" in lines


def test_content_in_a_layout_table_without_known_container():
    paragraph = "我县全年主动公开政府信息一千二百条，较上年增长百分之十。"
    html = (
        "<html><body><table><tr><td><a href='/'>首页</a> <a href='/a'>政务公开</a>"
        " <a href='/b'>互动交流</a></td></tr>"
        f"<tr><td><p>{paragraph}</p><p>{paragraph}</p><p>{paragraph}</p></td></tr>"
        "<tr><td>版权所有：某县人民政府</td></tr></table></body></html>"
    )
    text = extract_body(html)
    assert paragraph in text
    assert "首页" not in text and "版权所有" not in text


def test_related_link_lists_inside_the_container_are_pruned():
    html = (
        "<html><body><div id='zoom'><p>正文第一段，内容充实，足以成为正文。</p>"
        "<p>正文第二段，继续说明有关情况。</p><ul><li><a href='/1'>相关文章一</a></li>"
        "<li><a href='/2'>相关文章二</a></li><li><a href='/3'>相关文章三</a></li></ul>"
        "</div></body></html>"
    )
    text = extract_body(html)
    assert "正文第二段" in text
    assert "相关文章" not in text


def test_meeting_times_in_the_text_are_not_metadata():
    html = (
        "<html><body><div class='TRS_Editor'><p>一、会议安排</p><p>时间：3月5日上午9时</p>"
        "<p>地点：县政府第一会议室</p><p>发布时间：2025-01-16 10:40</p></div></body></html>"
    )
    lines = extract_body(html).splitlines()
    assert "时间：3月5日上午9时" in lines
    assert "发布时间：2025-01-16 10:40" not in lines
