"""The generic portal spider: home → 政府信息公开 hub → 年报 column → pages → documents."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.items import FaultItem, PageItem
from crawler.links import (
    Link,
    detail_links,
    hub_links,
    page_links,
    pagination_links,
    report_column_links,
    subcolumn_links,
)
from crawler.registry import Portal, load_registry


class PortalSpider(scrapy.Spider):
    """Finds the annual-report columns of every registry portal and fetches their documents."""

    name = "portal"

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

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.nav_depth = settings.getint("GOVCORPUS_NAV_DEPTH")
        spider.column_depth = settings.getint("GOVCORPUS_COLUMN_DEPTH")
        spider.max_pages_per_portal = settings.getint("GOVCORPUS_MAX_PAGES_PER_PORTAL")
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

    def parse_nav(self, response: Response) -> Iterator[Any]:
        """A home or hub page: follow report columns, and hubs while hops remain."""
        code, hops = response.meta["portal_code"], response.meta["hops"]
        links = self._in_scope(code, page_links(response.selector, response.url))
        for link in report_column_links(links):
            yield from self._request(link.url, code, self.parse_list, hops=0)
        if hops < self.nav_depth:
            for link in hub_links(links):
                yield from self._request(link.url, code, self.parse_nav, hops=hops + 1)

    def parse_list(self, response: Response) -> Iterator[Any]:
        """A report column page: documents, further pages and department sub-columns."""
        code, hops = response.meta["portal_code"], response.meta["hops"]
        links = self._in_scope(code, page_links(response.selector, response.url))
        for link in detail_links(links):
            yield from self._request(
                link.url, code, self.parse_detail, list_title=link.text, referer=response.url
            )
        for url in pagination_links(response.selector, links, response.url):
            yield from self._request(url, code, self.parse_list, hops=hops)
        if hops < self.column_depth:
            for link in subcolumn_links(links, response.url):
                yield from self._request(link.url, code, self.parse_list, hops=hops + 1)

    def parse_detail(self, response: Response) -> Iterator[Any]:
        """A document page: yield it whole, raw bytes and headers included."""
        yield PageItem(
            portal_code=response.meta["portal_code"],
            url=response.url,
            status=response.status,
            headers=_headers(response),
            body=response.body,
            fetched_at=_now(),
            referer=response.meta.get("referer"),
            list_title=response.meta.get("list_title"),
        )

    def on_error(self, failure: Failure) -> Iterator[FaultItem]:
        """Record the failed request as a fault; the crawl goes on."""
        request = failure.request
        response = getattr(failure.value, "response", None)
        yield FaultItem(
            portal_code=request.meta["portal_code"],
            url=request.url,
            kind=_fault_kind(failure),
            detail=str(failure.value)[:500],
            fetched_at=_now(),
            status=response.status if response is not None else None,
        )

    def _request(self, url: str, code: str, callback, **meta: Any) -> Iterator[scrapy.Request]:
        """One request, unless the portal has used up its page budget."""
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

    def _in_scope(self, code: str, links: list[Link]) -> list[Link]:
        domains = self.portals[code].allowed_domains
        return [link for link in links if _host_allowed(link.url, domains)]


def _host_allowed(url: str, domains: tuple[str, ...]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)


def _hint_list(value: str | None) -> list[str]:
    return value.split() if value else []


def _headers(response: Response) -> dict[str, str]:
    return {
        key.decode("latin-1"): b", ".join(values).decode("latin-1")
        for key, values in response.headers.items()
    }


def _fault_kind(failure: Failure) -> str:
    response = getattr(failure.value, "response", None)
    if response is not None:
        return f"http_{response.status}"
    return type(failure.value).__name__


def _now() -> datetime:
    return datetime.now(timezone.utc)
