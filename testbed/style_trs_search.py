"""TRS "动静结合" columns, as on Fujian's platform (the real 平潭 column): only the first page is
static; the page's `listModel({…})` script loads the others from the site's search API,
`POST /fjdzapp/search` (form channelid, classsql, sortfield, page, prepage) answering JSON
`{pageCount, data: [{doctitle, docpuburl, chnldocurl, docreltime, …}]}`. Every second TRS
portal's column is served this way; the API is the platform's, at the server's root."""

from __future__ import annotations

import json

from testbed.chrome import page_count
from testbed.plan import Item, PortalPlan
from testbed.regions import PortalSpec

SEARCH = "/fjdzapp/search"
JSON_TYPE = "application/json;charset=UTF-8"
MAX_PREPAGE = 500


def is_search_column(spec: PortalSpec) -> bool:
    """Whether the portal's 年报 column is 动静结合 (every second TRS portal)."""
    return spec.style == "trs" and spec.index // 3 % 2 == 1


def search_id(spec: PortalSpec) -> int:
    """The portal's channel on the platform-wide search API (unique per portal)."""
    return 200000 + spec.index


def channel_id(spec: PortalSpec) -> int:
    """The column's channel, as its articles' ChnlId meta names it."""
    return 1800 + spec.index


def list_scripts(plan: PortalPlan) -> str:
    """SiteInfo and the listModel call of the real column page, for this portal."""
    spec = plan.spec
    return (
        "<script>\n    var SiteInfo = {\n        itpSiteId: 21,\n"
        f"        searchId: {search_id(spec)}, //默认的文档检索频道的ID\n"
        '        defaultPgTemp: "pgBar_pt.html"\n    };\n</script>\n'
        "<script>\n"
        '    require(["list2.trsapi", "tools"], function(listModel, tools) {\n'
        "        listModel({\n"
        '            quickMode: "动静结合",\n            maxStaticIndex: 1,\n'
        "            listArgs: {\n                channelid: SiteInfo.searchId,\n"
        f'                classsql: "" || "chnlid={channel_id(spec)}",\n'
        '                sortfield: "-docorderpri,-docreltime"\n            },\n'
        f"            pagebar: {{\n                prepage: {plan.page_size},\n"
        f"                recordCount: '{len(plan.columns[0].items)}',\n"
        '                pgTemp: "pgBar_xxgk.html",\n                pgCountMode: "recordCount",\n'
        "                displayNum: 2\n            }\n        });\n    });\n</script>"
    )


def search_answer(plan: PortalPlan, form: dict[str, str], base_url: str) -> bytes | None:
    """One page of the search API's answer, or None for a request the site would refuse."""
    spec = plan.spec
    try:
        page, prepage = int(form.get("page", "1")), int(form.get("prepage", "10"))
    except ValueError:
        return None
    if page < 1 or not 1 <= prepage <= MAX_PREPAGE:
        return None
    in_column = form.get("classsql", "") in ("", f"chnlid={channel_id(spec)}")
    items = list(plan.columns[0].items) if in_column else []
    shown = items[(page - 1) * prepage:page * prepage]
    answer = {"pageCount": page_count(len(items), prepage),
              "data": [_record(spec, item, base_url) for item in shown]}
    return json.dumps(answer, ensure_ascii=False).encode("utf-8")


def _record(spec: PortalSpec, item: Item, base_url: str) -> dict[str, object]:
    stamp = f"{item.published.isoformat()} {item.time}:00"
    return {
        "doctitle": item.title, "docpuburl": base_url + item.url_path,
        "chnldocurl": base_url + item.url_path, "docreltime": stamp, "pubdate": stamp,
        "fileno": item.doc_number or "", "docsourcename": item.source or "",
        "puborg": item.source or "", "idxid": item.index_number or "",
        "chnlid": channel_id(spec), "doctype": 20,
    }
