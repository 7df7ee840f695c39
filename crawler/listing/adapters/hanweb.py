"""Hanweb 大汉 jpage columns: records inline in a `<datastore>` script, the rest from dataproxy.jsp.

The column page carries its first group of records inside
`<script type="text/xml"><datastore>…<record><![CDATA[<li><a href=…>title</a>…]]></record>…`
(no `<a>` element in the DOM). The others come from a POST to
`/module/web/jpage/dataproxy.jsp?startrecord=…&endrecord=…&perpage=…` with the form the page's
`nextgroup` link or script names (col, appid, webid, path, columnid, unitid, webname,
permissiontype …), answered by the same `<datastore>` with a `<totalrecord>`; some sites wrap
that answer as `raw({"result": "<datastore>…"})`. Other sites page the column itself with
`index.html?uid=…&pageNum=N`, each page carrying its own inline datastore.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from parsel import Selector

from crawler.listing.adapters.base import AdapterError, ApiCall, ColumnRead, Listed
from crawler.listing.links import clean_text
from govcorpus.decoding.decode import decode_html

DATASTORE = re.compile(r"<datastore\b.*?</datastore>", re.S | re.I)
RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S | re.I)
NEXTGROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[(.*?)\]\]>", re.S | re.I)
TOTAL_TAG = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>", re.I)
TOTAL_JS = re.compile(r"\btotalRecord['\"]?\s*[:=]\s*['\"]?(\d+)", re.I)
PER_PAGE_JS = re.compile(r"\bperPage['\"]?\s*[:=]\s*['\"]?(\d+)", re.I)
PROXY_JS = re.compile(r"['\"]([\w/.-]*dataproxy\.jsp)['\"]", re.I)
JS_VALUE = r"\b{}['\"]?\s*[:=]\s*['\"]?([^'\",;}}\s]+)"
PAGE_NUM_JS = re.compile(r"pageNum\s*=", re.I)
COLUMN_ID = re.compile(r"/col/col(\d+)/")
WRAPPED = re.compile(r"^\s*[\w$.]+\((.*)\)\s*;?\s*$", re.S)
DATE = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?")
DEFAULT_PROXY = "/module/web/jpage/dataproxy.jsp"
FORM_FIELDS = ("col", "appid", "webid", "path", "columnid", "sourceContentType", "unitid",
               "webname", "permissiontype")
FORM_DEFAULTS = {"col": "1", "appid": "1", "path": "/", "sourceContentType": "1",
                 "permissiontype": "0"}
DEFAULT_PER_PAGE = 15
GROUP_PAGES = 3  # jpage asks for three pages of records at a time


class HanwebAdapter:
    name = "hanweb"

    def detect(self, page: Selector) -> bool:
        return _inline_datastore(page) is not None

    def read_page(self, page: Selector) -> ColumnRead:
        page_url = page.root.base or ""
        store, holder = _inline_datastore(page) or ("", "")
        listed = _records(store, page_url)
        scripts = _jpage_config(_scripts(page), holder)
        total = _total(store) or _int(TOTAL_JS.search(scripts))
        read = ColumnRead(self.name, announced=total, listed=listed)
        per_page = _int(PER_PAGE_JS.search(scripts)) or DEFAULT_PER_PAGE
        if total is None or total <= len(listed):
            return read
        form = _form(store, scripts)
        if form.get("columnid"):
            proxy = urljoin(page_url, _proxy_path(store, scripts))
            read.calls.append(_group_call(proxy, form, len(listed) + 1, per_page))
        elif _page_num_pager(scripts):
            read.calls += _page_num_calls(page_url, holder, total, per_page)
        return read

    def read_answer(self, body: bytes, call: ApiCall) -> ColumnRead:
        if call.method != "POST":  # an `index.html?uid=…&pageNum=N` page: no chained calls
            page = Selector(text=decode_html(body, "").text, base_url=call.url)
            store, _ = _inline_datastore(page) or ("", "")
            if not store:
                raise AdapterError(f"page without a <datastore> ({_start(body)})")
            return ColumnRead(self.name, announced=_total(store), listed=_records(store, call.url))
        store = _answer_datastore(body)
        total = _total(store)
        listed = _records(store, call.url)
        if total is None:
            raise AdapterError("dataproxy answer without <totalrecord>")
        read = ColumnRead(self.name, announced=total, listed=listed)
        query = dict(parse_qsl(urlsplit(call.url).query))
        end, per_page = int(query.get("endrecord", 0)), int(query.get("perpage", 0)) or 1
        if listed and end < total:
            read.calls.append(_group_call(call.url.split("?")[0], dict(call.form), end + 1,
                                          per_page))
        return read


def _inline_datastore(page: Selector) -> tuple[str, str] | None:
    """The column's own `<datastore>` and the id of the element that holds it.

    A page may carry several (side lists of other columns): the one whose nextgroup names the
    page's own column (`/col/col1234/`) wins, else the one with most records.
    """
    column = COLUMN_ID.search(page.root.base or "")
    found = []
    for script in page.root.iter("script"):
        if "xml" not in (script.get("type") or "").lower():
            continue
        match = DATASTORE.search(script.text or "")
        if match:
            holder = script.getparent()
            found.append((match.group(0), (holder.get("id") or "") if holder is not None else ""))
    if not found:
        return None
    own = [(store, holder) for store, holder in found
           if column and f"columnid={column.group(1)}" in store.replace("&amp;", "&")]
    return own[0] if own else max(found, key=lambda pair: len(RECORD.findall(pair[0])))


def _jpage_config(scripts: str, holder: str) -> str:
    """The `$('#holder').jpage({…})` call of this datastore first, then every script."""
    if holder:
        call = re.search(rf"['\"]#{re.escape(holder)}['\"]\s*\)\s*\.jpage\(\s*\{{(.*?)\}}\s*\)",
                         scripts, re.S)
        if call:
            return call.group(1) + "\n" + scripts
    return scripts


def _answer_datastore(body: bytes) -> str:
    text = decode_html(body, "").text.lstrip("\ufeff")  # older sites answer in GBK
    wrapped = WRAPPED.match(text)
    if wrapped and "<datastore" not in text[: wrapped.start(1)]:
        try:
            text = json.loads(wrapped.group(1))["result"]
        except (ValueError, KeyError, TypeError) as exc:
            raise AdapterError(f"wrapped answer is not {{\"result\": …}} JSON: {exc}") from exc
    match = DATASTORE.search(text) if isinstance(text, str) else None
    if match is None or "<recordset" not in match.group(0).lower():
        raise AdapterError(f"no <datastore> with a <recordset> in the answer ({_start(body)})")
    return match.group(0)


def _records(store: str, base_url: str) -> list[Listed]:
    listed = []
    for fragment in RECORD.findall(store):
        row = Selector(text=f"<div>{fragment}</div>")
        anchor = row.css("a[href]")
        if not anchor:
            continue
        href = anchor[0].attrib["href"].strip()
        title = anchor[0].attrib.get("title") or " ".join(anchor[0].css("::text").getall())
        date = DATE.search(" ".join(row.css("::text").getall()))
        listed.append(Listed(urljoin(base_url, href).split("#")[0], clean_text(title),
                             date.group(0) if date else None))
    return listed


def _form(store: str, scripts: str) -> dict[str, str]:
    """The dataproxy form: the nextgroup link's query, else `name: value` pairs in scripts."""
    nextgroup = NEXTGROUP.search(store)
    found = {}
    if nextgroup:
        href = Selector(text=nextgroup.group(1)).css("a::attr(href)").get() or ""
        found = {k: v for k, v in parse_qsl(urlsplit(href).query) if k in FORM_FIELDS}
    for field in FORM_FIELDS:
        if field not in found:
            value = re.search(JS_VALUE.format(field), scripts)
            if value:
                found[field] = value.group(1)
    return {**FORM_DEFAULTS, **found} if found.get("columnid") else found


def _proxy_path(store: str, scripts: str) -> str:
    nextgroup = NEXTGROUP.search(store)
    if nextgroup:
        href = Selector(text=nextgroup.group(1)).css("a::attr(href)").get() or ""
        if "dataproxy" in href:
            return href.split("?")[0]
    proxy = PROXY_JS.search(scripts)
    return proxy.group(1) if proxy else DEFAULT_PROXY


def _group_call(proxy: str, form: dict[str, str], start: int, per_page: int) -> ApiCall:
    end = start + per_page * GROUP_PAGES - 1
    query = urlencode({"startrecord": start, "endrecord": end, "perpage": per_page})
    fields = tuple((name, form[name]) for name in FORM_FIELDS if name in form)
    return ApiCall(f"{proxy}?{query}", "POST", fields)


def _page_num_pager(scripts: str) -> bool:
    return PAGE_NUM_JS.search(scripts) is not None


def _page_num_calls(page_url: str, uid: str, total: int, per_page: int) -> list[ApiCall]:
    pages = -(-total // per_page)
    base = page_url.split("?")[0]
    return [ApiCall(f"{base}?{urlencode({'uid': uid, 'pageNum': n})}")
            for n in range(2, pages + 1)]


def _scripts(page: Selector) -> str:
    return "\n".join(s.text or "" for s in page.root.iter("script")
                     if "xml" not in (s.get("type") or "").lower())


def _total(store: str) -> int | None:
    return _int(TOTAL_TAG.search(store))


def _int(match: re.Match | None) -> int | None:
    return int(match.group(1)) if match else None


def _start(body: bytes) -> str:
    return repr(body[:240].decode("utf-8", "ignore")[:60])
