"""TRS WCM-like portals: static columns, createPageHTML pagination, the real 平潭 article shell."""

from __future__ import annotations

import re
from functools import lru_cache

from testbed import style_trs_search
from testbed.bodies import body_html
from testbed.chrome import Page, address, esc, footer, list_rows, page_count, stub_page
from testbed.data import report_page
from testbed.encodings import UTF8, VARIANTS
from testbed.plan import Item, PortalPlan
from testbed.regions import PortalSpec
from testbed.reports import TOKEN, render

COLUMN = "/zwgk/zfxxgk/zfxxgknb/"
LIST_PAGE = re.compile(r"^/zwgk/zfxxgk/zfxxgknb/index(?:_(\d+))?\.html$")
STUBS = {
    "/xwzx/index.html": "新闻中心",
    "/hdjl/index.html": "互动交流",
    "/zwgk/zcwj/index.html": "政策文件",
    "/zwgk/zcjd/index.html": "政策解读",
    "/zwgk/zfxxgk/zfxxgkzn/index.html": "政府信息公开指南",
    "/zwgk/zfxxgk/zfxxgkzd/index.html": "政府信息公开制度",
    "/zwgk/zfxxgk/fdzdgknr/index.html": "法定主动公开内容",
    "/zwgk/zfxxgk/ysqgk/index.html": "依申请公开",
    "/wzdt/index.html": "网站地图",
    "/lxwm/index.html": "联系我们",
}
# The pager every TRS column page carries; it writes the page links only when run as JavaScript.
CREATE_PAGE_HTML = """function createPageHTML(nPageCount, nCurrIndex, sPageName, sPageExt) {
  if (nPageCount == null || nPageCount <= 1) { return; }
  var links = [];
  for (var i = 0; i < nPageCount; i++) {
    var name = (i == 0 ? sPageName : sPageName + "_" + i) + "." + sPageExt;
    links.push(i == nCurrIndex ? "<span class='current'>" + (i + 1) + "</span>"
                               : "<a href='" + name + "'>" + (i + 1) + "</a>");
  }
  document.write(links.join("&nbsp;") + "&nbsp;共" + nPageCount + "页");
}
"""
SHELL_EDITOR = re.compile(r"(<div class=TRS_Editor>).*?(</div>\s*</div>\s*</div>)", re.S)
SHELL_SWAPS = (
    ('<meta charset="utf-8" name="viewport"', "<meta \x01CHARSET\x01name=\"viewport\""),
    ("平潭综合实验区2023年度政府信息公开工作年度报告", "\x01TITLE\x01"),
    ('<span class="article_source">来源：平潭综合实验区管委会办公室</span>', "\x01SOURCE_SPAN\x01"),
    ('content="平潭综合实验区管委会办公室"', 'content="\x01SOURCE\x01"'),
    ("2024-03-08 15:34", "\x01PUBTIME\x01"),
    ("/zwgk/zfxxgk/zfxxgknb/202403/t20240308_87885.htm", "\x01URLPATH\x01"),
    ("87885", "\x01DOCID\x01"),
    ('content="1813"', 'content="\x01CHNLID\x01"'),
    ("政府信息公开年报", "\x01COLUMN\x01"),
    ("<p><span>版权所有：", "<p><span>地址：\x01ADDRESS\x01</span></p>\n<p><span>版权所有："),
    ('href="/', 'href="/\x01CODE\x01/'),
    ('src="/', 'src="/\x01CODE\x01/'),
    ("平潭综合实验区党工委管委会", "\x01SITE\x01"),
    ("平潭综合实验区管理委员会办公室", "\x01SITE\x01办公室"),
    ("平潭综合实验区", "\x01R\x01"),
    ("平潭", "\x01S\x01"),
    ("3590000001", "\x01SITEID\x01"),
    ("pingtan", "\x01SLUG\x01"),
)


def route(plan: PortalPlan, path: str, query: str, items: dict[str, Item]) -> Page | None:
    """The page at `path` (below the portal prefix), or None."""
    spec = plan.spec
    if path == "/index.html":
        return _home(spec)
    if path == "/zwgk/index.html":
        return _zwgk(spec)
    if path == "/zwgk/zfxxgk/index.html":
        return _hub(spec)
    match = LIST_PAGE.match(path)
    if match:
        return _list(plan, int(match.group(1) or 0))
    if path in STUBS:
        return stub_page(spec, STUBS[path], f"/{spec.region_code}/index.html")
    item = items.get(f"/{spec.region_code}{path}")
    return _detail(spec, item) if item else None


def _frame(spec: PortalSpec, title: str, body: str) -> Page:
    code = spec.region_code
    return Page(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\" />\n"
        f'<meta name="SiteName" content="{esc(spec.site_name)}"/>\n'
        f'<meta name="SiteDomain" content="{spec.domain}"/>\n'
        f"<title>{esc(title)}</title>\n</head>\n<body>\n"
        f'<div class="header"><div class="logo">{esc(spec.site_name)}</div>\n'
        f'<ul class="nav"><li><a href="/{code}/index.html">首页</a></li>'
        f'<li><a href="/{code}/zwgk/index.html">政务公开</a></li>'
        f'<li><a href="/{code}/xwzx/index.html">新闻中心</a></li>'
        f'<li><a href="https://zwfw.{spec.slug}.gov.cn/" target="_blank">政务服务</a></li>'
        f'<li><a href="/{code}/hdjl/index.html">互动交流</a></li></ul></div>\n'
        f'<div class="main">\n{body}\n</div>\n{footer(spec, UTF8)}\n</body>\n</html>\n'
    )


def _links(pairs: list[tuple[str, str]]) -> str:
    return "\n".join(f'<li><a href="{href}" title="{esc(text)}">{esc(text)}</a></li>'
                     for href, text in pairs)


def _home(spec: PortalSpec) -> Page:
    body = ('<div class="kslj"><h3>快速通道</h3><ul>\n'
            + _links([("./zwgk/zfxxgk/index.html", "政府信息公开"),
                      ("./zwgk/zcwj/index.html", "政策文件"),
                      ("./zwgk/zcjd/index.html", "政策解读")])
            + "\n</ul></div>")
    return _frame(spec, spec.site_name, body)


def _zwgk(spec: PortalSpec) -> Page:
    body = ('<div class="breadcrumb">当前位置：<a href="../">首页</a> &gt; 政务公开</div>\n<ul>\n'
            + _links([("./zfxxgk/index.html", "政府信息公开"), ("./zcwj/index.html", "政策文件"),
                      ("./zcjd/index.html", "政策解读")])
            + "\n</ul>")
    return _frame(spec, f"政务公开_{spec.site_name}", body)


def _hub(spec: PortalSpec) -> Page:
    body = ('<div class="breadcrumb">当前位置：<a href="../../">首页</a> &gt; '
            '<a href="../">政务公开</a> &gt; 政府信息公开</div>\n<ul class="xxgk_nav">\n'
            + _links([("./zfxxgkzn/index.html", "政府信息公开指南"),
                      ("./zfxxgkzd/index.html", "政府信息公开制度"),
                      ("./fdzdgknr/index.html", "法定主动公开内容"),
                      ("./zfxxgknb/index.html", spec.column_name),
                      ("./ysqgk/index.html", "依申请公开")])
            + "\n</ul>")
    return _frame(spec, f"政府信息公开_{spec.site_name}", body)


def _list(plan: PortalPlan, current: int) -> Page | None:
    items = list(plan.columns[0].items)
    pages = page_count(len(items), plan.page_size)
    dynamic = style_trs_search.is_search_column(plan.spec)
    if current >= (1 if dynamic else pages):  # 动静结合: only the first page is static
        return None
    shown = items[current * plan.page_size:(current + 1) * plan.page_size]
    rows = list_rows(shown, lambda item: "./" + item.url_path.split(COLUMN, 1)[1])
    if dynamic:
        pager = f'<div class="page" id="page"></div></div>\n{style_trs_search.list_scripts(plan)}'
    else:
        pager = (f'<div class="page"><script>\n{CREATE_PAGE_HTML}</script>\n'
                 f'<script>createPageHTML({pages}, {current}, "index", "html");</script>'
                 "</div></div>")
    body = (
        '<div class="breadcrumb">当前位置：<a href="../../../">首页</a> &gt; '
        '<a href="../../">政务公开</a> &gt; <a href="../">政府信息公开</a> &gt; '
        f"{esc(plan.spec.column_name)}</div>\n"
        f'<div class="list"><ul class="list_ul">\n{rows}\n</ul>\n{pager}'
    )
    return _frame(plan.spec, f"{plan.spec.column_name}_{plan.spec.site_name}", body)


@lru_cache(maxsize=1)
def _shell() -> str:
    page = SHELL_EDITOR.sub(lambda m: m.group(1) + "\x01BODY\x01" + m.group(2),
                            report_page("pt2023"), count=1)
    for old, new in SHELL_SWAPS:
        page = page.replace(old, new)
    return page


@lru_cache(maxsize=512)
def _portal_shell(spec: PortalSpec) -> str:
    values = {"CODE": spec.region_code, "SITE": spec.site_name, "R": spec.name, "S": spec.short,
              "SITEID": f"{spec.region_code}0001", "SLUG": spec.slug,
              "COLUMN": spec.column_name, "CHNLID": str(1800 + spec.index)}
    return TOKEN.sub(lambda m: values.get(m.group(1), m.group(0)), _shell())


def _detail(spec: PortalSpec, item: Item) -> Page:
    variant = VARIANTS[item.variant]
    source = item.source or ""
    values = {
        "CHARSET": f'charset="{variant.meta}" ' if variant.meta else "",
        "TITLE": esc(item.title),
        "SOURCE": esc(source),
        "SOURCE_SPAN": f'<span class="article_source">来源：{esc(source)}</span>' if source else "",
        "PUBTIME": f"{item.published.isoformat()} {item.time}",
        "URLPATH": item.url_path.removeprefix(f"/{spec.region_code}"),
        "DOCID": str(item.doc_id),
        "ADDRESS": esc(address(spec, variant)),
        "BODY": body_html(spec, item),
    }
    return Page(render(_portal_shell(spec), values), variant)
