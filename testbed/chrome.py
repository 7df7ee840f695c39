"""Shared page furniture: the page object, escaping, footers, list rows and pagers."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from testbed.encodings import UTF8, Variant
from testbed.plan import Item
from testbed.regions import PortalSpec

STUB_TEXT = "暂无信息"


@dataclass(frozen=True)
class Page:
    """A rendered page before encoding."""

    text: str
    variant: Variant = UTF8
    status: int = 200


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def address(spec: PortalSpec, variant: Variant) -> str:
    """The footer address; its street carries the characters that tell the codecs apart."""
    return f"{spec.name}{variant.street}{int(spec.region_code) % 97 + 1}号"


def footer(spec: PortalSpec, variant: Variant) -> str:
    site = esc(spec.site_name)
    return (
        '<div class="footer"><div class="w1200">\n'
        f'<p><a href="/{spec.region_code}/wzdt/index.html">网站地图</a> | '
        f'<a href="/{spec.region_code}/lxwm/index.html">联系我们</a></p>\n'
        f"<p>主办单位：{site}办公室　承办单位：{esc(spec.name)}融媒体中心</p>\n"
        f"<p>地址：{esc(address(spec, variant))}　邮编：{spec.region_code[:3]}000</p>\n"
        f"<p>版权所有：{site}　网站标识码：{spec.region_code}0001　"
        f"ICP备{int(spec.region_code) * 3 % 10**8:08d}号</p>\n"
        "</div></div>"
    )


def date_of(item: Item) -> str:
    return item.published.isoformat()


def list_rows(items: list[Item], href: Callable[[Item], str]) -> str:
    """<li> rows of a document list: link with title attribute, then the date."""
    return "\n".join(
        f'<li><a href="{esc(href(item))}" target="_blank" title="{esc(item.title)}">'
        f"{esc(item.title)}</a><span>{date_of(item)}</span></li>"
        for item in items
    )


def page_count(total: int, size: int) -> int:
    return max(1, -(-total // size))


def number_pager(current: int, pages: int, url: Callable[[int], str]) -> str:
    """首页 上一页 1 2 3 … 下一页 尾页, as <a> links; `current` counts from 1."""
    links = []
    if current > 1:
        links += [f'<a href="{url(1)}">首页</a>', f'<a href="{url(current - 1)}">上一页</a>']
    first = max(1, min(current - 2, pages - 4))
    for number in range(first, min(pages, first + 4) + 1):
        if number == current:
            links.append(f'<span class="current">{number}</span>')
        else:
            links.append(f'<a href="{url(number)}">{number}</a>')
    if current < pages:
        links += [f'<a href="{url(current + 1)}">下一页</a>', f'<a href="{url(pages)}">尾页</a>']
    links.append(f"<span>共{pages}页</span>")
    return '<div class="page">' + " ".join(links) + "</div>"


def stub_page(spec: PortalSpec, title: str, home: str) -> Page:
    """An empty column, as sites have many: heading, nothing listed."""
    return Page(
        "<!DOCTYPE html>\n<html>\n<head>\n"
        f'<meta charset="utf-8" />\n<title>{esc(title)}_{esc(spec.site_name)}</title>\n</head>\n'
        f'<body>\n<div class="header"><a href="{home}">首页</a></div>\n'
        f'<div class="main"><h2>{esc(title)}</h2><p class="empty">{STUB_TEXT}</p></div>\n'
        f"{footer(spec, UTF8)}\n</body>\n</html>\n"
    )
