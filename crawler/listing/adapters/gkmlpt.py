"""Guangdong's gkmlpt 政府信息公开 catalogues: lists from `/gkmlpt/api/all/{category}` JSON.

The catalogue page `/gkmlpt/index#{category}` renders nothing itself; its script holds the site
id (`SID: '…'`) and the list comes from `/gkmlpt/api/all/{category}?page=N&sid={SID}` as
`{"total": …, "articles": [{"title", "url", "create_time" (unix seconds), …}]}`, documents at
`/gkmlpt/content/N/NNNN/post_NNNNNN.html`. The category is the page URL's fragment, so a column
is named with it (`report_columns=https://…/gkmlpt/index#2811`).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from parsel import Selector

from crawler.listing.adapters.base import (
    AdapterError,
    ApiCall,
    ColumnRead,
    Listed,
    json_answer,
)

SID = re.compile(r"\bSID['\"]?\s*:\s*['\"](\w+)['\"]")
CATEGORY = re.compile(r"^\d+$")
CHINA = timezone(timedelta(hours=8))


class GkmlptAdapter:
    name = "gkmlpt"

    def detect(self, page: Selector) -> bool:
        return "/gkmlpt/" in (page.root.base or "") and _sid(page) is not None

    def read_page(self, page: Selector) -> ColumnRead:
        url = page.root.base or ""
        category = urlsplit(url).fragment
        read = ColumnRead(self.name)
        if CATEGORY.match(category):  # the whole catalogue is not a column: no category, no list
            read.calls.append(_list_call(url, category, _sid(page) or "", 1))
        return read

    def read_answer(self, body: bytes, call: ApiCall) -> ColumnRead:
        answer = _json(body)
        total, articles = answer.get("total"), answer.get("articles")
        if not isinstance(total, int) or not isinstance(articles, list):
            raise AdapterError(f"answer without an integer total and an articles list "
                               f"(keys: {sorted(answer)[:8]})")
        read = ColumnRead(self.name, announced=total,
                          listed=[_listed(article, call.url) for article in articles
                                  if isinstance(article, dict) and _href(article)])
        query = dict(parse_qsl(urlsplit(call.url).query))
        if query.get("page") == "1" and articles:
            pages = -(-total // len(articles))
            base = call.url.split("?")[0]
            read.calls += [ApiCall(f"{base}?{urlencode({'page': n, 'sid': query.get('sid', '')})}")
                           for n in range(2, pages + 1)]
        return read


def _sid(page: Selector) -> str | None:
    for script in page.root.iter("script"):
        match = SID.search(script.text or "")
        if match:
            return match.group(1)
    return None


def _list_call(page_url: str, category: str, sid: str, number: int) -> ApiCall:
    """The list API of the catalogue's own site (department sites nest: /bm/gkmlpt/…)."""
    root = page_url.split("#")[0].split("?")[0]
    api = root[: root.index("/gkmlpt/")] + f"/gkmlpt/api/all/{category}"
    return ApiCall(f"{api}?{urlencode({'page': number, 'sid': sid})}")


def _json(body: bytes) -> dict:
    answer = json_answer(body)
    if not isinstance(answer, dict):
        raise AdapterError(f"answer is JSON {type(answer).__name__}, not an object")
    return answer


def _href(article: dict) -> str:
    return str(article.get("url") or article.get("post_url") or "").strip()


def _listed(article: dict, api_url: str) -> Listed:
    created = article.get("create_time")
    day = (datetime.fromtimestamp(created, CHINA).date().isoformat()
           if isinstance(created, (int, float)) else None)
    title = re.sub(r"\s+", " ", str(article.get("title") or "")).strip()
    return Listed(urljoin(api_url, _href(article)), title, day)
