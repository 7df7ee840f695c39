"""The generic portal spider: home → 政府信息公开 hub → 年报 column → pages → documents."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawler.conditional import HISTORY_STATUSES, history_items
from crawler.faults import fault_detail, fault_item, fault_kind, first_url
from crawler.items import FaultItem, ListedItem, PageItem
from crawler.links import (
    Link,
    attachment_links,
    detail_links,
    hub_links,
    may_link_files,
    page_links,
    page_selector,
    pagination_links,
    report_column_links,
    subcolumn_links,
)
from crawler.registry import Portal, load_registry
from crawler.revisit import RevisitPolicy
from crawler.traps import ListPageBudget
from pipelines.dedupe import canonical_url


class PortalSpider(scrapy.Spider):
    """Finds the annual-report columns of every registry portal and fetches their documents."""

    name = "portal"
    attachments = True
    attachment_max_bytes = 20 * 1024 * 1024

    def __init__(self, registry: str | None = None, portals: list[Portal] | None = None, **kwargs):
        super().__init__(**kwargs)
        if portals is None:
            if not registry:
                raise ValueError("give the portal registry: scrapy crawl portal -a registry=FILE")
            portals = load_registry(registry)
        self.registry_path = registry
        self.portals = {p.region_code: p for p in portals}
        self.allowed_domains = sorted({d for p in portals for d in p.allowed_domains})
        self.urls_seen: dict[str, set[str]] = {}
        self.pages_asked: dict[str, int] = {}  # list page URL → least depth it was asked at
        self.list_budget = ListPageBudget(0)  # from_crawler sets GOVCORPUS_MAX_LIST_PAGES
        self.revisit = RevisitPolicy("", days=0)  # from_crawler: GOVCORPUS_REVISIT_DAYS

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.nav_depth = settings.getint("GOVCORPUS_NAV_DEPTH")
        spider.column_depth = settings.getint("GOVCORPUS_COLUMN_DEPTH")
        spider.max_pages_per_portal = settings.getint("GOVCORPUS_MAX_PAGES_PER_PORTAL")
        spider.list_budget = ListPageBudget(settings.getint("GOVCORPUS_MAX_LIST_PAGES"))
        spider.attachments = settings.getbool("GOVCORPUS_ATTACHMENTS")
        spider.attachment_max_bytes = settings.getint("GOVCORPUS_ATTACHMENT_MAX_BYTES")
        spider.revisit = RevisitPolicy.from_crawler(crawler)
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for request in self._start_requests():
            yield request

    def _start_requests(self) -> Iterator[scrapy.Request]:
        for portal in self.portals.values():
            for url in portal.start_urls:
                yield from self._request(url, portal.region_code, self.parse_nav, hops=0)
            for url in _hint_list(portal.hints.get("report_columns")):
                yield from self._request(url, portal.region_code, self.parse_list, hops=0)

    def closed(self, reason: str) -> None:
        self.revisit.close()

    def parse_nav(self, response: Response) -> Iterator[Any]:
        """A home or hub page: follow report columns, and hubs while hops remain."""
        code, hops = response.meta["portal_code"], response.meta["hops"]
        links = self._in_scope(code, page_links(page_selector(response), response.url))
        for link in report_column_links(links):
            yield from self._request(link.url, code, self.parse_list, hops=0)
        if hops < self.nav_depth:
            for link in hub_links(links):
                yield from self._request(link.url, code, self.parse_nav, hops=hops + 1)

    def parse_list(self, response: Response) -> Iterator[Any]:
        """A report column page: documents, further pages and department sub-columns."""
        code, hops = response.meta["portal_code"], response.meta["hops"]
        selector = page_selector(response)
        links = self._in_scope(code, page_links(selector, response.url))
        listed = []
        for link in detail_links(links):
            if not self.revisit.due(code, link.url, link.text):
                listed += self._listed(code, link)
                continue
            yield from self._request(
                link.url, code, self.parse_detail, list_title=link.text, referer=response.url,
                conditional=True, handle_httpstatus_list=HISTORY_STATUSES,
            )
        if listed:
            yield ListedItem(code, listed)
        depth = response.meta.get("depth", 0) + 1
        for url in pagination_links(selector, links, response.url):
            if self.pages_asked.get(url, depth + 1) <= depth:
                continue  # asked for already, no deeper (TRS list pages link all the others)
            self.pages_asked[url] = depth
            yield from self._request(url, code, self.parse_list, hops=hops)
        if hops < self.column_depth:
            for link in subcolumn_links(links, response.url):
                yield from self._request(link.url, code, self.parse_list, hops=hops + 1)
        yield from self._attachments(response, links)

    def parse_detail(self, response: Response) -> Iterator[Any]:
        """A document page: yield it whole, raw bytes and headers included, then its files."""
        known = history_items(response, self.portals[response.meta["portal_code"]])
        if known is not None:  # 304, the same bytes, 404/410 or a redirect home: no analysis
            yield from known
            return
        yield self._page_item(response)
        if isinstance(response, TextResponse) and may_link_files(response.body):
            code = response.meta["portal_code"]
            yield from self._attachments(
                response, self._in_scope(code, page_links(page_selector(response), response.url))
            )

    def parse_attachment(self, response: Response) -> Iterator[Any]:
        """A file linked from a column or a document: kept whole, tied to its parent page."""
        known = history_items(response, self.portals[response.meta["portal_code"]])
        if known is not None:  # 304 or the same bytes: nothing to read again
            yield from known
            return
        yield self._page_item(response, parent_url=response.meta.get("parent_url"))

    def _attachments(self, response: Response, links: list[Link]) -> Iterator[scrapy.Request]:
        """Requests for the document files a page links to, when attachments are followed."""
        if not self.attachments:
            return
        for link in attachment_links(links):
            yield from self._request(
                link.url, response.meta["portal_code"], self.parse_attachment,
                list_title=link.text, referer=response.url, parent_url=response.url,
                download_maxsize=self.attachment_max_bytes,
                conditional=True, handle_httpstatus_list=[304],
            )

    def _page_item(self, response: Response, parent_url: str | None = None) -> PageItem:
        return PageItem(
            portal_code=response.meta["portal_code"],
            url=response.url,
            status=response.status,
            headers=_headers(response),
            body=response.body,
            fetched_at=_now(),
            referer=response.meta.get("referer"),
            list_title=response.meta.get("list_title"),
            parent_url=parent_url,
            listed=response.meta.get("listed", True),
        )

    def on_error(self, failure: Failure) -> Iterator[FaultItem]:
        """Record the failed request as a fault; the crawl goes on."""
        request = failure.request
        kind = fault_kind(failure)
        if kind is None:  # not a fault: e.g. a request dropped because its portal is blocked
            return
        response = getattr(failure.value, "response", None)
        yield FaultItem(
            portal_code=request.meta["portal_code"],
            url=first_url(request),
            kind=kind,
            detail=fault_detail(failure),
            fetched_at=_now(),
            status=response.status if response is not None else None,
        )

    def _request(self, url: str, code: str, callback, **meta: Any) -> Iterator[Any]:
        """One request, unless the portal or the list column has used up its page budget."""
        if callback == self.parse_list and not self.list_budget.admit(code, url):
            yield from self._list_limit_fault(code, url)
            return
        seen = self.urls_seen.setdefault(code, set())
        if url not in seen:
            if len(seen) >= self.max_pages_per_portal:
                self.logger.warning("portal %s reached its page limit; %s not fetched", code, url)
                self.crawler.stats.inc_value(f"govcorpus/page_limit/{code}")
                return
            seen.add(url)
        yield scrapy.Request(
            url, callback=callback, errback=self.on_error, meta={"portal_code": code, **meta}
        )

    def _listed(self, code: str, link: Link) -> list[tuple[str, str | None]]:
        """A stored document its list still shows, not due tonight: noted, not fetched."""
        seen = self.urls_seen.setdefault(code, set())  # listed: no unlisted recheck
        if link.url in seen:  # on two list pages: noted once
            return []
        seen.add(link.url)
        self.crawler.stats.inc_value("govcorpus/incremental/not_due")
        return [(canonical_url(link.url), link.text)]

    def _list_limit_fault(self, code: str, url: str) -> Iterator[FaultItem]:
        self.crawler.stats.inc_value("govcorpus/list_page_limit")
        if self.list_budget.first_refusal(code, url):
            detail = f"over {self.list_budget.limit} list pages in this column; {url} not fetched"
            yield fault_item(code, url, "list_page_limit", detail, None)

    def _in_scope(self, code: str, links: list[Link]) -> list[Link]:
        domains = self.portals[code].allowed_domains
        return [link for link in links if _host_allowed(link.url, domains)]


def _host_allowed(url: str, domains: tuple[str, ...]) -> bool:
    return _netloc_allowed(urlsplit(url).netloc, domains)


@lru_cache(maxsize=1024)  # a portal's links point at a handful of hosts
def _netloc_allowed(netloc: str, domains: tuple[str, ...]) -> bool:
    host = (urlsplit(f"//{netloc}").hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)


def _hint_list(value: str | None) -> list[str]:
    return value.split() if value else []


def _headers(response: Response) -> dict[str, str]:
    return {
        key.decode("latin-1"): b", ".join(values).decode("latin-1")
        for key, values in response.headers.items()
    }


def _now() -> datetime:
    return datetime.now(timezone.utc)
