"""信息公开 platforms: a 年报 column with one sub-column per department, metadata tables."""

from __future__ import annotations

import re
from datetime import date

from testbed import style_hanweb
from testbed.bodies import body_html
from testbed.chrome import (
    Page,
    esc,
    footer,
    list_rows,
    number_pager,
    page_count,
    stub_page,
)
from testbed.encodings import UTF8, VARIANTS, meta_tag
from testbed.plan import Column, Item, PortalPlan
from testbed.regions import PortalSpec

LIST_PAGE = re.compile(r"^/xxgk/nb/(?:([a-z0-9]+)/)?index(?:_(\d+))?\.html$")
STUBS = {
    "/xwzx/index.html": "新闻中心",
    "/xxgk/xxgkzn/index.html": "信息公开指南",
    "/xxgk/xxgkzd/index.html": "信息公开制度",
    "/xxgk/fdzdgknr/index.html": "法定主动公开内容",
    "/wzdt/index.html": "网站地图",
    "/lxwm/index.html": "联系我们",
}
TOPICS = {"report": "综合政务/政务公开", "standards": "市场监管、安全生产监管/标准"}


def route(plan: PortalPlan, path: str, query: str, items: dict[str, Item]) -> Page | None:
    """The page at `path` (below the portal prefix), or None."""
    spec = plan.spec
    if path == "/index.html":
        return _home(spec)
    if path == "/xxgk/index.html":
        return _platform(spec)
    match = LIST_PAGE.match(path)
    if match:
        return _list(plan, match.group(1) or "", int(match.group(2) or 0))
    if path in STUBS:
        return stub_page(spec, STUBS[path], f"/{spec.region_code}/index.html")
    item = items.get(f"/{spec.region_code}{path}")
    return _detail(plan, item) if item else None


def shows_written_date(spec: PortalSpec) -> bool:
    """Whether the portal's metadata table has a 成文日期 row."""
    return layout(spec) != 2


def layout(spec: PortalSpec) -> int:
    return spec.index // 3 % 3


def _frame(spec: PortalSpec, title: str, body: str, head: str = '<meta charset="utf-8" />',
           variant=UTF8) -> str:
    code = spec.region_code
    return (
        f"<!DOCTYPE html>\n<html>\n<head>\n{head}\n<title>{esc(title)}</title>\n</head>\n"
        f'<body>\n<div class="head"><h1>{esc(spec.site_name)}</h1>\n<div class="nav">'
        f'<a href="/{code}/index.html">首页</a> <a href="/{code}/xxgk/index.html">信息公开</a> '
        f'<a href="/{code}/xwzx/index.html">新闻中心</a> '
        f'<a href="https://zwfw.{spec.slug}.gov.cn/">办事服务</a></div></div>\n'
        f'<div class="wrap">\n{body}\n</div>\n{footer(spec, variant)}\n</body>\n</html>\n'
    )


def _home(spec: PortalSpec) -> Page:
    body = '<div class="gkzl"><a href="xxgk/index.html">信息公开</a></div>'
    return Page(_frame(spec, spec.site_name, body))


def _platform(spec: PortalSpec) -> Page:
    links = [("xxgkzn/index.html", "信息公开指南"), ("xxgkzd/index.html", "信息公开制度"),
             ("fdzdgknr/index.html", "法定主动公开内容"), ("nb/index.html", spec.column_name)]
    rows = "\n".join(f'<li><a href="{h}">{esc(t)}</a></li>' for h, t in links)
    body = f'<div class="left_menu"><h2>{esc(spec.name)}政府信息公开</h2><ul>\n{rows}\n</ul></div>'
    return Page(_frame(spec, f"政府信息公开平台_{spec.site_name}", body))


def _list(plan: PortalPlan, slug: str, current: int) -> Page | None:
    column = _column(plan, slug)
    if column is None:
        return None
    if style_hanweb.is_jpage(column):
        listing = style_hanweb.jpage_list(plan, column) if current == 0 else None
    else:
        listing = _static_list(plan, column, current)
    if listing is None:
        return None
    body = (f"{_department_menu(plan, slug)}\n<div class=\"right_list\">"
            f"<h2>{esc(column.name)}</h2>\n{listing}</div>")
    return Page(_frame(plan.spec, f"{column.name}_{plan.spec.column_name}", body))


def _static_list(plan: PortalPlan, column: Column, current: int) -> str | None:
    items = list(column.items)
    pages = page_count(len(items), plan.page_size)
    if current >= pages:
        return None
    shown = items[current * plan.page_size:(current + 1) * plan.page_size]
    rows = list_rows(shown, lambda item: item.url_path)
    pager = number_pager(current + 1, pages,
                         lambda n: "index.html" if n == 1 else f"index_{n - 1}.html")
    return f"<ul>\n{rows}\n</ul>\n{pager}"


def _column(plan: PortalPlan, slug: str) -> Column | None:
    if not slug:
        return plan.columns[0]
    return next((c for c in plan.columns[1:] if c.unit.slug == slug), None)


def _department_menu(plan: PortalPlan, slug: str) -> str:
    up = "../" if slug else ""
    rows = [f'<li><a href="{up}index.html">本级</a></li>']
    rows += [f'<li><a href="{up}{c.unit.slug}/index.html">{esc(c.name)}</a></li>'
             for c in plan.columns[1:]]
    return (f'<div class="left_menu"><h2>{esc(plan.spec.column_name)}</h2><ul>\n'
            + "\n".join(rows) + "\n</ul></div>")


def _show_date(day: date | None, style: int) -> str:
    if day is None:
        return ""
    if style == 0:
        return f"{day.year}年{day.month:02d}月{day.day:02d}日"
    if style == 1:
        return f"{day.year}/{day.month}/{day.day}"
    return day.isoformat()


def _meta_table(spec: PortalSpec, item: Item) -> str:
    style = layout(spec)
    topic = TOPICS.get(item.kind, "综合政务/其他")
    source, number = esc(item.source or ""), esc(item.doc_number or "")
    published, written = _show_date(item.published, style), _show_date(item.written, style)
    if style == 0:
        rows = [("索引号：", item.index_number, "主题分类：", topic),
                ("发布机构：", source, "发文日期：", published),
                ("成文日期：", written, "文号：", number)]
        cells = "".join(f"<tr><th>{a}</th><td>{b}</td><th>{c}</th><td>{d}</td></tr>"
                        for a, b, c, d in rows)
        cells += f'<tr><th>标题：</th><td colspan="3">{esc(item.title)}</td></tr>'
        cells += '<tr><th>有效性：</th><td colspan="3">有效</td></tr>'
        return f'<table class="xxgk_table">{cells}</table>'
    if style == 1:
        rows = [("索  引 号:", item.index_number), ("主题分类:", topic), ("发布机构:", source),
                ("成文日期:", written), ("发布日期:", published), ("文    号:", number),
                ("名    称:", esc(item.title)), ("有 效 性:", "有效")]
        cells = "".join(f'<tr><td class="label">{a}</td><td>{b}</td></tr>' for a, b in rows)
        return f'<table class="info_table">{cells}</table>'
    stamp = f"{published} {item.time}"
    cells = (f'<tr><td>索引号</td><td>{item.index_number}</td><td></td><td></td></tr>'
             f"<tr><td>发布机构</td><td>{source}</td><td>发文日期</td><td>{stamp}</td></tr>"
             f"<tr><td>文号</td><td>{number}</td><td>是否有效</td><td></td></tr>"
             f'<tr><td>标题</td><td colspan="3">{esc(item.title)}</td></tr>')
    return f'<table class="gk_head" border="1">{cells}</table>'


def _detail(plan: PortalPlan, item: Item) -> Page:
    spec = plan.spec
    variant = VARIANTS[item.variant]
    column = plan.columns[item.column]
    column_href = f"/{spec.region_code}/xxgk/nb/" + (f"{column.unit.slug}/" if item.column else "")
    body = (
        f'<div class="crumb">当前位置：<a href="/{spec.region_code}/index.html">首页</a> &gt; '
        f'<a href="/{spec.region_code}/xxgk/index.html">信息公开</a> &gt; '
        f'<a href="{column_href}index.html">{esc(column.name)}</a></div>\n'
        f"{_meta_table(spec, item)}\n"
        f'<div class="article_title">{esc(item.title)}</div>\n'
        f'<div class="zoom" id="zoom">\n{body_html(spec, item)}\n</div>'
    )
    head = meta_tag(variant)
    return Page(_frame(spec, f"{item.title}", body, head, variant), variant)
