"""JSP portals: a list paginated by query string, detail pages as content.jsp?id=N (seed 004)."""

from __future__ import annotations

from urllib.parse import parse_qs

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
from testbed.labels import info_line
from testbed.plan import Item, PortalPlan
from testbed.regions import PortalSpec

STUBS = {
    "/news/list.jsp": "新闻动态",
    "/xxgk/zn/list.jsp": "政府信息公开指南",
    "/xxgk/zd/list.jsp": "政府信息公开制度",
    "/xxgk/fdzdgknr/list.jsp": "法定主动公开内容",
    "/wzdt/index.html": "网站地图",
    "/lxwm/index.html": "联系我们",
}


def route(plan: PortalPlan, path: str, query: str, items: dict[str, Item]) -> Page | None:
    """The page at `path` (below the portal prefix), or None."""
    spec = plan.spec
    params = parse_qs(query)
    if path == "/index.html":
        return _home(spec)
    if path == "/xxgk/index.jsp":
        return _hub(spec)
    if path == "/xxgk/nb/list.jsp":
        page = params.get("page", ["1"])[0]
        return _list(plan, int(page)) if page.isdigit() else None
    if path == "/xxgk/content.jsp":
        item = items.get(f"/{spec.region_code}{path}?{query}")
        return _detail(spec, item) if item else None
    if path in STUBS:
        return stub_page(spec, STUBS[path], f"/{spec.region_code}/index.html")
    return None


def _frame(spec: PortalSpec, title: str, body: str, head: str = '<meta charset="utf-8" />',
           variant=UTF8) -> str:
    code = spec.region_code
    return (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n{head}\n'
        f"<title>{esc(title)}</title>\n</head>\n<body>\n"
        f'<div class="top"><div class="site">{esc(spec.site_name)}</div>\n'
        f'<div class="menu"><a href="/{code}/index.html">网站首页</a>'
        f'<a href="/{code}/xxgk/index.jsp">政府信息公开</a>'
        f'<a href="/{code}/news/list.jsp">新闻动态</a>'
        f'<a href="https://zwfw.{spec.slug}.gov.cn/">政务服务</a></div></div>\n'
        f'<div class="container">\n{body}\n</div>\n{footer(spec, variant)}\n</body>\n</html>\n'
    )


def _home(spec: PortalSpec) -> Page:
    body = (f'<div class="banner">{esc(spec.site_name)}欢迎您</div>\n'
            '<div class="gk"><a href="xxgk/index.jsp">政府信息公开</a></div>')
    return Page(_frame(spec, spec.site_name, body))


def _hub(spec: PortalSpec) -> Page:
    links = [("zn/list.jsp", "政府信息公开指南"), ("zd/list.jsp", "政府信息公开制度"),
             ("fdzdgknr/list.jsp", "法定主动公开内容"), ("nb/list.jsp", spec.column_name)]
    rows = "\n".join(f'<li><a href="{href}">{esc(text)}</a></li>' for href, text in links)
    body = (f'<div class="position">您现在所在的位置: <a href="../index.html">网站首页</a> &gt; '
            f'政府信息公开</div>\n<ul class="gk_menu">\n{rows}\n</ul>')
    return Page(_frame(spec, f"政府信息公开-{spec.site_name}", body))


def _list(plan: PortalPlan, current: int) -> Page | None:
    items = list(plan.columns[0].items)
    pages = page_count(len(items), plan.page_size)
    if not 1 <= current <= pages:
        return None
    shown = items[(current - 1) * plan.page_size:current * plan.page_size]
    rows = list_rows(shown, lambda item: "../content.jsp?" + item.url_path.split("?", 1)[1])
    spec = plan.spec
    body = (
        f'<div class="position">您现在所在的位置: <a href="../../index.html">网站首页</a> &gt; '
        f'<a href="../index.jsp">政府信息公开</a> &gt; {esc(spec.column_name)}</div>\n'
        f'<ul class="news_list">\n{rows}\n</ul>\n'
        + number_pager(current, pages, lambda n: f"list.jsp?page={n}")
    )
    return Page(_frame(spec, f"{spec.column_name}-{spec.site_name}", body))


def _detail(spec: PortalSpec, item: Item) -> Page:
    variant = VARIANTS[item.variant]
    info, after = info_line(item.serial).render(
        item.published.isoformat(), item.time, esc(item.source) if item.source else None)
    body = (
        f'<div class="position">您现在所在的位置: <a href="../index.html">网站首页</a> &gt; '
        f'<a href="index.jsp">政府信息公开</a> &gt; {esc(item.unit.name)} &gt; '
        f'<a href="nb/list.jsp">{esc(spec.column_name)}</a></div>\n'
        f'<div class="article">\n<h1 class="title">{esc(item.title)}</h1>\n'
        f"{info}\n"
        '<div class="font">字体:[<a href="javascript:doZoom(18)">大</a> '
        '<a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>]</div>\n'
        f'<div id="zoom" class="con_txt">\n{body_html(spec, item)}\n</div>\n{after}</div>'
    )
    head = meta_tag(variant)
    return Page(_frame(spec, f"{item.title}-{spec.site_name}", body, head, variant), variant)
