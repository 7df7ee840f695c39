"""TRS "动静结合" columns: the first pages are static, the rest come from the site's search API.

The column page configures its list in a script (the real 平潭 page):

    listModel({quickMode: "动静结合", maxStaticIndex: 1,
               listArgs: {channelid: SiteInfo.searchId, classsql: "" || "chnlid=1813",
                          sortfield: "-docorderpri,-docreltime"},
               pagebar: {prepage: 10, recordCount: '20', …}})

with `SiteInfo.searchId` set in another script. Fujian's platform answers `POST /fjdzapp/search`
(form channelid, classsql, sortfield, page, prepage) with JSON
`{pageCount, data: [{doctitle, docpuburl, chnldocurl, docreltime, …}]}`.
"""

from __future__ import annotations

import json
import math
import re
from urllib.parse import urljoin

from parsel import Selector

from crawler.listing.adapters.base import AdapterError, ApiCall, ColumnRead, Listed

SEARCH_PATH = "/fjdzapp/search"
QUICK_MODE = re.compile(r"quickMode\s*:\s*['\"]动静结合['\"]")
NUMBER_FIELDS = {
    name: re.compile(rf"\b{name}\s*:\s*['\"]?(\d*)['\"]?")
    for name in ("maxStaticIndex", "prepage", "recordCount")
}
_OPERAND = r"""(?:'[^']*'|"[^"]*"|[\w.]+)"""
EXPRESSION_FIELDS = {
    name: re.compile(rf"\b{name}\s*:\s*({_OPERAND}(?:\s*\|\|\s*{_OPERAND})*)")
    for name in ("channelid", "classsql", "sortfield")
}
STRING_LITERAL = re.compile(r"'([^']*)'|\"([^\"]*)\"")
SITE_INFO_FIELD = re.compile(r"\b{}\s*:\s*['\"]?([\w-]+)['\"]?")
TAG = re.compile(r"<[^>]+>")


class TrsSearchAdapter:
    name = "trs_search"

    def detect(self, page: Selector) -> bool:
        return _list_script(page) is not None

    def read_page(self, page: Selector) -> ColumnRead:
        script = _list_script(page)
        if script is None:
            raise AdapterError("no 动静结合 listModel script")
        numbers = {name: _number(pattern, script) for name, pattern in NUMBER_FIELDS.items()}
        args = {name: _value(page, pattern, script) for name, pattern in EXPRESSION_FIELDS.items()}
        if not args["channelid"]:
            raise AdapterError("listModel names no channelid")
        per_page = numbers["prepage"] or 10
        first = (numbers["maxStaticIndex"] or 1) + 1
        announced = numbers["recordCount"]
        last = math.ceil(announced / per_page) if announced is not None else first
        url = urljoin(page.root.base or "", SEARCH_PATH)
        calls = [_call(url, args, number, per_page) for number in range(first, last + 1)]
        return ColumnRead(self.name, announced=announced, calls=calls)

    def read_answer(self, body: bytes, call: ApiCall) -> ColumnRead:
        try:
            answer = json.loads(body)
        except ValueError as exc:
            raise AdapterError(f"not JSON: {body[:80]!r}") from exc
        if not isinstance(answer, dict) or not isinstance(answer.get("data"), list):
            raise AdapterError(f"no data list in the answer: {body[:80]!r}")
        listed = [_listed(entry, call.url) for entry in answer["data"]]
        return ColumnRead(self.name, listed=listed, calls=_next_call(answer, call, listed))


def _list_script(page: Selector) -> str | None:
    for script in page.root.iter("script"):
        text = script.text or ""
        if "listModel" in text and QUICK_MODE.search(text):
            return text
    return None


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
        text = script.text or ""
        if "SiteInfo" in text and (match := field.search(text)):
            return match.group(1)
    return ""


def _call(url: str, args: dict[str, str], number: int, per_page: int) -> ApiCall:
    form = {**args, "page": str(number), "prepage": str(per_page)}
    return ApiCall(url, "POST", tuple(sorted((k, v) for k, v in form.items() if v)))


def _listed(entry: object, base_url: str) -> Listed:
    if not isinstance(entry, dict):
        raise AdapterError(f"a data entry is no object: {entry!r:.80}")
    url = entry.get("docpuburl") or entry.get("chnldocurl")
    title = entry.get("doctitle")
    if not isinstance(url, str) or not url or not isinstance(title, str):
        raise AdapterError(f"an entry without docpuburl/chnldocurl or doctitle: {entry!r:.80}")
    date = entry.get("docreltime")
    return Listed(urljoin(base_url, url), TAG.sub("", title).strip(),
                  date if isinstance(date, str) else None)


def _next_call(answer: dict, call: ApiCall, listed: list[Listed]) -> list[ApiCall]:
    """The next page, until the answer's pageCount (a page asked for already is not asked
    again: the spider's requests are deduplicated)."""
    form = dict(call.form)
    pages = answer.get("pageCount")
    if not listed or not isinstance(pages, int):
        return []
    number = int(form.get("page", "0"))
    if number >= pages:
        return []
    return [ApiCall(call.url, "POST", tuple(sorted({**form, "page": str(number + 1)}.items())))]


ADAPTER = TrsSearchAdapter()
