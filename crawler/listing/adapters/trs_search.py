"""TRS columns of Fujian's platform: the first pages are static, the rest come from a list API.

The column page configures its list in a script, in one of the variants seen on real pages:

- 动静结合 (the real 平潭 page):
      listModel({quickMode: "动静结合", maxStaticIndex: 1,
                 listArgs: {channelid: SiteInfo.searchId, classsql: "" || "chnlid=1813", …},
                 pagebar: {prepage: 10, recordCount: '20', …}})
- wasdoc (a 莆田 department's 年报 column, 2026):
      listModel({Mode: 'wasdoc', objArgs: {listArgs: {channelid: SiteInfo.was4doc,
                 classsql: "" || "chnlid=20271", …}}, pagebar: {recordCount: '18', prepage: 15,
                 pgCountMode: 'recordCount'}, autoGetPage: false, showStatic: true})
- bare: `require(['list2.trsapi']); listModel({maxStaticIndex: 7, pagebar: {…}})`.

The channel is whichever `SiteInfo` field `channelid` names (set in another script). The static
pages are `maxStaticIndex` of them, else one when `showStatic` is true, else none. The API is
the path a script of the page names (`/fjdzapp/search` or `/fjdzapp/data`), else
`POST /fjdzapp/search` and, if that fails, `GET /fjdzapp/data` (API_PATHS). Both take the fields
channelid, classsql, sortfield, page, prepage and answer
`{error, page, prepage, pageCount, recordCount, data: [{doctitle, docpuburl, chnldocurl, url,
docreltime, …}]}`; `docreltime` is "2026-03-05 14:48:00" on some sites, "2026.03.05 14:48:00" on
others.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from parsel import Selector

from crawler.listing.adapters.base import AdapterError, ApiCall, ColumnRead, Listed

SEARCH_PATH, DATA_PATH = "/fjdzapp/search", "/fjdzapp/data"
API_PATHS = (SEARCH_PATH, DATA_PATH)  # tried in this order when the page names neither
API_METHOD = {SEARCH_PATH: "POST", DATA_PATH: "GET"}
NAMED_PATH = re.compile(r"""['"](?:https?://[^'"/]+)?(/fjdzapp/(?:search|data))\b""")
VARIANTS = {
    "动静结合": re.compile(r"quickMode\s*:\s*['\"]动静结合['\"]"),
    "wasdoc": re.compile(r"\bMode\s*:\s*['\"]wasdoc['\"]"),
    "list2.trsapi": re.compile(r"list2\.trsapi"),
}
NUMBER_FIELDS = {
    name: re.compile(rf"\b{name}\s*:\s*['\"]?(\d*)['\"]?")
    for name in ("maxStaticIndex", "prepage", "recordCount")
}
SHOW_STATIC = re.compile(r"\bshowStatic\s*:\s*(true|false)")
_OPERAND = r"""(?:'[^']*'|"[^"]*"|[\w.]+)"""
EXPRESSION_FIELDS = {
    name: re.compile(rf"\b{name}\s*:\s*({_OPERAND}(?:\s*\|\|\s*{_OPERAND})*)")
    for name in ("channelid", "classsql", "sortfield")
}
STRING_LITERAL = re.compile(r"'([^']*)'|\"([^\"]*)\"")
SITE_INFO_FIELD = re.compile(r"\b{}\s*:\s*['\"]?([\w-]+)['\"]?")
JS_COMMENT = re.compile(r"/\*.*?\*/|(?<![:\w'\"\\])//[^\n]*", re.S)  # not the // of a URL
TAG = re.compile(r"<[^>]+>")
DOTTED_DATE = re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})")


class TrsSearchAdapter:
    name = "trs_search"

    def detect(self, page: Selector) -> bool:
        return _list_script(page) is not None

    def read_page(self, page: Selector) -> ColumnRead:
        script = _list_script(page)
        if script is None:
            raise AdapterError("no listModel script of a known variant")
        numbers = {name: _number(pattern, script) for name, pattern in NUMBER_FIELDS.items()}
        args = {name: _value(page, pattern, script) for name, pattern in EXPRESSION_FIELDS.items()}
        if not args["channelid"]:
            raise AdapterError("listModel names no channelid")
        per_page = numbers["prepage"] or 10
        announced = numbers["recordCount"]
        first = _static_pages(script, numbers["maxStaticIndex"]) + 1
        last = math.ceil(announced / per_page) if announced is not None else first
        paths = _api_paths(page)
        calls = [_call(page, paths, args, number, per_page) for number in range(first, last + 1)]
        return ColumnRead(self.name, announced=announced, calls=calls)

    def read_answer(self, body: bytes, call: ApiCall) -> ColumnRead:
        try:
            answer = json.loads(body)
        except ValueError as exc:
            raise AdapterError(f"not JSON: {body[:80]!r}") from exc
        if isinstance(answer, dict) and answer.get("error"):
            raise AdapterError(f"the API answered an error: {answer['error']!r:.80}")
        if not isinstance(answer, dict) or not isinstance(answer.get("data"), list):
            raise AdapterError(f"no data list in the answer: {body[:80]!r}")
        listed = [_listed(entry, call.url) for entry in answer["data"]]
        count, pages = answer.get("recordCount"), answer.get("pageCount")
        return ColumnRead(self.name, announced=count if isinstance(count, int) else None,
                          pages=pages if isinstance(pages, int) else None,
                          listed=listed, calls=_next_call(answer, call, listed))


def _list_script(page: Selector) -> str | None:
    """The text of the script that calls listModel in a known variant, comments left out."""
    for script in page.root.iter("script"):
        text = JS_COMMENT.sub("", script.text or "")
        if "listModel" in text and any(variant.search(text) for variant in VARIANTS.values()):
            return text
    return None


def _static_pages(script: str, max_static_index: int | None) -> int:
    if max_static_index is not None:
        return max_static_index
    show_static = SHOW_STATIC.search(script)
    return 0 if show_static and show_static.group(1) == "false" else 1


def _api_paths(page: Selector) -> tuple[str, ...]:
    """The list API's path as a script of the page names it, else every path in order."""
    for script in page.root.iter("script"):
        match = NAMED_PATH.search(JS_COMMENT.sub("", script.text or ""))
        if match:
            return (match.group(1),)
    return API_PATHS


def _number(pattern: re.Pattern[str], script: str) -> int | None:
    match = pattern.search(script)
    return int(match.group(1)) if match and match.group(1) else None


def _value(page: Selector, pattern: re.Pattern[str], script: str) -> str:
    """A JavaScript value as the page writes it: a literal, `"" || "x"`, or `SiteInfo.name`."""
    match = pattern.search(script)
    if match is None:
        return ""
    for alternative in match.group(1).split("||"):
        alternative = alternative.strip()
        literal = STRING_LITERAL.fullmatch(alternative)
        if literal:
            value = literal.group(1) if literal.group(1) is not None else literal.group(2)
        elif alternative.startswith("SiteInfo."):
            value = _site_info(page, alternative.removeprefix("SiteInfo."))
        else:
            value = alternative if alternative.isdigit() else ""
        if value:
            return value
    return ""


def _site_info(page: Selector, name: str) -> str:
    field = re.compile(SITE_INFO_FIELD.pattern.format(re.escape(name)))
    for script in page.root.iter("script"):
        text = JS_COMMENT.sub("", script.text or "")  # `//was4doc: 290792,` is switched off
        if "SiteInfo" in text and (match := field.search(text)):
            return match.group(1)
    return ""


def _call(page: Selector, paths: tuple[str, ...], args: dict[str, str], number: int,
          per_page: int) -> ApiCall:
    """The call for one page on the first path, falling back to the next paths in turn."""
    form = {**args, "page": str(number), "prepage": str(per_page)}
    fields = tuple(sorted((k, v) for k, v in form.items() if v))
    calls = []
    for path in paths:
        url = urljoin(page.root.base or "", path)
        calls.append(ApiCall(f"{url}?{urlencode(fields)}", "GET") if API_METHOD[path] == "GET"
                     else ApiCall(url, "POST", fields))
    call = calls.pop()
    while calls:
        call = replace(calls.pop(), fallback=call)
    return call


def _listed(entry: object, base_url: str) -> Listed:
    if not isinstance(entry, dict):
        raise AdapterError(f"a data entry is no object: {entry!r:.80}")
    url = entry.get("docpuburl") or entry.get("chnldocurl") or entry.get("url")
    title = entry.get("doctitle")
    if not isinstance(url, str) or not url or not isinstance(title, str):
        raise AdapterError(f"an entry without docpuburl/chnldocurl or doctitle: {entry!r:.80}")
    date = entry.get("docreltime")
    return Listed(urljoin(base_url, url), TAG.sub("", title).strip(),
                  DOTTED_DATE.sub(r"\1-\2-\3", date) if isinstance(date, str) else None)


def _next_call(answer: dict, call: ApiCall, listed: list[Listed]) -> list[ApiCall]:
    """The next page, until the answer's pageCount (a page asked for already is not asked
    again: the spider's requests are deduplicated). The path that answered is kept."""
    fields = _fields(call)
    pages = answer.get("pageCount")
    if not listed or not isinstance(pages, int):
        return []
    number = int(fields.get("page", "0"))
    if number >= pages:
        return []
    following = tuple(sorted({**fields, "page": str(number + 1)}.items()))
    if call.method == "GET":
        return [ApiCall(f"{call.url.split('?')[0]}?{urlencode(following)}", "GET")]
    return [ApiCall(call.url, "POST", following)]


def _fields(call: ApiCall) -> dict[str, str]:
    return dict(call.form) if call.method == "POST" else dict(parse_qsl(urlsplit(call.url).query))


ADAPTER = TrsSearchAdapter()
