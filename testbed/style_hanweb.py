"""Hanweb 大汉 jpage columns: the first page's records inline in a `<datastore>` script, the
others from a POST to `/module/web/jpage/dataproxy.jsp` (the shape
crawler/listing/adapters/hanweb.py
reads). The 信息公开 platforms' odd-numbered department columns are served this way."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

from testbed.chrome import esc, page_count
from testbed.plan import Column, Item, PortalPlan
from testbed.regions import PortalSpec

PROXY = "/module/web/jpage/dataproxy.jsp"
XML_TYPE = "text/xml;charset=UTF-8"


def is_jpage(column: Column) -> bool:
    """Whether a column lists its documents through jpage (every second department)."""
    return column.index % 2 == 1


def form_fields(spec: PortalSpec, column: Column) -> dict[str, str]:
    """The dataproxy form the column's script names, as a browser sends it."""
    return {"col": "1", "appid": "1", "webid": str(int(spec.region_code) % 997 + 1), "path": "/",
            "columnid": str(1000 + column.index), "sourceContentType": "1",
            "unitid": f"{spec.region_code}{column.index:02d}", "webname": spec.site_name,
            "permissiontype": "0"}


def jpage_list(plan: PortalPlan, column: Column) -> str:
    """The list part of a jpage column page: first page inline, jpage script for the rest."""
    spec, size = plan.spec, plan.page_size
    form = form_fields(spec, column)
    nextgroup = {"page": "1", **{k: v for k, v in form.items()
                                if k not in ("col", "sourceContentType")}}
    proxy = f"/{spec.region_code}{PROXY}"
    holder = form["unitid"]
    return (
        f'<div id="{holder}"><script type="text/xml"><datastore>\n'
        f'<nextgroup><![CDATA[<a href="{proxy}?{urlencode(nextgroup)}"></a>]]></nextgroup>\n'
        f"<recordset>\n{_records(column.items[:size])}\n</recordset>\n</datastore></script>\n"
        f'<script language="javascript" src="/{spec.region_code}/module/web/jpage/jpage.js">'
        "</script>\n<script>\n$(document).ready(function () {\n"
        f"  $('#{holder}').jpage({{ proxyUrl: '{proxy}', perPage: {size}, "
        f"totalRecord: {len(column.items)}, groupSize: 3, barPosition: 'bottom' }});\n"
        "});\n</script></div>"
    )


def dataproxy(plan: PortalPlan, query: str, form: dict[str, str]) -> bytes | None:
    """The `<datastore>` answer for records startrecord…endrecord, or None for a bad request."""
    column = next((c for c in plan.columns if is_jpage(c)
                   and form.get("columnid") == str(1000 + c.index)
                   and form.get("unitid") == form_fields(plan.spec, c)["unitid"]), None)
    params = {k: v[0] for k, v in parse_qs(query).items()}
    try:
        start, end = int(params["startrecord"]), int(params["endrecord"])
        per_page = int(params.get("perpage", plan.page_size))
    except (KeyError, ValueError):
        return None
    if column is None or start < 1 or end < start or per_page < 1:
        return None
    items = column.items
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<datastore>\n'
        f"<totalrecord>{len(items)}</totalrecord>\n"
        f"<totalpage>{page_count(len(items), per_page)}</totalpage>\n"
        f"<recordset>\n{_records(items[start - 1:end])}\n</recordset>\n</datastore>\n"
    ).encode()


def _records(items: tuple[Item, ...]) -> str:
    return "\n".join(
        f'<record><![CDATA[<li><a href="{esc(item.url_path)}" title="{esc(item.title)}" '
        f'target="_blank">{esc(item.title)}</a><span>{item.published.isoformat()}</span></li>]]>'
        "</record>"
        for item in items
    )
