"""The generic portal spider: home → 政府信息公开 hub → 年报 column → pages → documents."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlencode, urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from crawler.faults import fault_detail, fault_item, fault_kind, first_url, noted_faults
from crawler.incremental.conditional import HISTORY_STATUSES, history_items, stored_reading
from crawler.incremental.revisit import RevisitPolicy
from crawler.incremental.trusted import FROM_MEMORY, TrustedListPages
from crawler.items import ColumnMemoryItem, FaultItem, ListedItem, ListPageItem, PageItem
from crawler.listing.adapters import (
    XHR_ADAPTER,
    AdapterError,
    ApiCall,
    ColumnRead,
    ListAdapter,
    adapter_named,
    adapters_for,
)
from crawler.listing.adapters.xhr_json import XhrCall, list_call
from crawler.listing.discovery import HINT, Discovery
from crawler.listing.links import (
    Link,
    attachment_links,
    column_link_sign,
    hub_links,
    may_link_files,
    page_links,
    page_selector,
    platform_hub_links,
    report_column_links,
    report_title_links,
)
from crawler.listing.list_region import (
    ListPage,
    builds_list_by_script,
    is_report_column,
)
from crawler.listing.reading import ListReading, read_list_page
from crawler.listing.tallies import ColumnTallies
from crawler.meta import (
    ADAPTER,
    CALL,
    COLUMN,
    FOUND_BY,
    HOPS,
    LIST_MEMORY,
    LIST_PAGE,
    LIST_TITLE,
    LISTED,
    NAV_PATH,
    PARENT_URL,
    PORTAL_CODE,
    PORTAL_SIZE,
    REFERER,
    REMEMBERED,
    RENDER,
    RENDER_INSTEAD,
    STORED_READING,
    TRIED,
    XHRS,
)
from crawler.politeness.traps import ListPageBudget
from crawler.portals import PortalDirectory
from crawler.runtime.counts import INTERNAL_REQUESTS, LIST_PAGES_NOT_MODIFIED
from crawler.runtime.database import corpus_database, corpus_engine_if_any
from govcorpus.fault_kinds import LIST_API_ERROR, LIST_PAGE_LIMIT, TAKEDOWN_KINDS, http_kind
from govcorpus.identity import canonical_url
from govcorpus.registry import Portal, Selection

logger = logging.getLogger(__name__)
ANSWERED = (200, 304)  # a listed document the portal answered for
FIRST_DOCUMENT_PRIORITY = 1
"""A portal's first document goes ahead of its own further list pages: on a night bound by the
crawling process a small portal that has had a turn waits for the large ones to catch up, and
that turn is better spent on a document than on its column's second page."""


class PortalSpider(scrapy.Spider):
    """Finds the annual-report columns of every registry portal and fetches their documents."""

    name = "portal"

    def __init__(self, *, portals: PortalDirectory, revisit: RevisitPolicy, nav_depth: int,
                 column_depth: int, max_list_pages: int, attachments: bool,
                 attachment_max_bytes: int, column_report: bool = True,
                 rediscover_after: int = 2, remember_columns: bool = True,
                 discover_only: bool = False, replay_lists: bool = True,
                 trusted: TrustedListPages | None = None, **kwargs):
        super().__init__(**kwargs)
        self.portals, self.revisit = portals, revisit
        self.nav_depth, self.column_depth = nav_depth, column_depth
        self.attachments, self.attachment_max_bytes = attachments, attachment_max_bytes
        self.allowed_domains = sorted({d for p in portals.values() for d in p.allowed_domains})
        self.pages_asked: dict[str, int] = {}  # list page URL → least depth it was asked at
        self.documents_asked: set[str] = set()  # portals with a document asked for tonight
        self.list_budget = ListPageBudget(max_list_pages)
        self.columns = ColumnTallies()
        self.column_report = column_report  # off for distributed workers: each sees part of lists
        self.rediscover_after = rediscover_after
        self.remember_columns = remember_columns and not discover_only
        self.discover_only = discover_only  # walk to the columns, fetch no documents
        self.replay_lists = replay_lists  # unchanged list pages replayed (listing/reading.py)
        self.trusted = trusted or TrustedListPages(None, timedelta(0))  # pages not asked for
        self.discovery = Discovery({}, {}, rediscover_after)

    @classmethod
    def from_crawler(cls, crawler, registry: str | None = None,
                     portals: list[Portal] | None = None, province: str | None = None,
                     prefecture: str | None = None, level: str | None = None,
                     code: str | None = None, **kwargs):
        """`-a registry=national,mine.csv -a province=52` (also prefecture, level, and code:
        codes joined by commas) choose the portals, as `govcorpus crawl` does."""
        settings = crawler.settings
        selection = None
        if province or prefecture or level or code:
            codes = tuple(c.strip() for c in (code or "").split(",") if c.strip())
            selection = Selection(province, prefecture, level, codes)
        spider = super().from_crawler(
            crawler,
            portals=PortalDirectory.open(crawler, registry, portals, selection),
            revisit=RevisitPolicy.from_crawler(crawler),
            nav_depth=settings.getint("GOVCORPUS_NAV_DEPTH"),
            column_depth=settings.getint("GOVCORPUS_COLUMN_DEPTH"),
            max_list_pages=settings.getint("GOVCORPUS_MAX_LIST_PAGES"),
            attachments=settings.getbool("GOVCORPUS_ATTACHMENTS"),
            attachment_max_bytes=settings.getint("GOVCORPUS_ATTACHMENT_MAX_BYTES"),
            column_report=not settings.get("GOVCORPUS_REDIS_URL"),
            rediscover_after=settings.getint("GOVCORPUS_REDISCOVER_AFTER"),
            remember_columns=settings.getbool("GOVCORPUS_REMEMBER_COLUMNS"),
            discover_only=settings.getbool("GOVCORPUS_DISCOVER_ONLY"),
            replay_lists=settings.getbool("GOVCORPUS_REPLAY_LISTS"),
            trusted=TrustedListPages.from_crawler(crawler),
            **kwargs,
        )
        crawler.signals.connect(spider.spider_idle, signal=signals.spider_idle)
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.remember_columns:
            self.discovery = self._remembered()
        for request in self._start_requests(self._silent_last_night()):
            yield request

    def _silent_last_night(self) -> set[str]:
        """The portals whose last night had no answer at all (none without a corpus)."""
        from storage.health import unanswered_portals

        engine = corpus_engine_if_any(self.crawler)
        return set() if engine is None else unanswered_portals(engine)

    def _remembered(self) -> Discovery:
        """The columns earlier nights found (none on a first night)."""
        from storage.read.columns import remembered_columns

        known = remembered_columns(corpus_database(self.crawler))
        known = {code: columns for code, columns in known.items() if code in self.portals}
        self.crawler.stats.set_value("govcorpus/columns/remembered_portals", len(known))
        return Discovery.from_known(known, self.rediscover_after)

    def _start_requests(self, silent: set[str]) -> Iterator[scrapy.Request]:
        """Each portal from its hinted columns and its home page, else from the columns
        remembered from earlier nights, else from its home page; those `silent` last night
        first."""
        for code in self.discovery.largest_first(self.portals, silent):
            portal = self.portals[code]
            columns = _hint_list(portal.hints.get("report_columns"))
            remembered = [] if columns else self.discovery.start_columns(code)
            size = {} if self.discover_only else {PORTAL_SIZE: self.discovery.sizes.get(code)}
            for url in remembered:
                self.crawler.stats.inc_value("govcorpus/columns/started_remembered")
                yield from self._request(url, code, self.parse_list, hops=0,
                                         **{REMEMBERED: True, **size})
                size = {}  # the portal's whole size, once
            if not remembered:
                yield from self._walk(portal, skip={canonicalize_url(url) for url in columns})
            for url in columns:
                yield from self._request(url, code, self.parse_list, hops=0,
                                         **{FOUND_BY: HINT, NAV_PATH: []})

    def _walk(self, portal: Portal, skip: set[str] = frozenset()) -> Iterator[scrapy.Request]:
        """Requests for the portal's home pages, the start of the walk to its columns."""
        for url in portal.start_urls:
            if canonicalize_url(url) not in skip:  # else read as the column it is
                yield from self._request(url, portal.region_code, self.parse_nav, hops=0,
                                         **{NAV_PATH: [(url, "")]})

    def closed(self, reason: str) -> None:
        self.revisit.close()

    def spider_idle(self) -> None:
        """Once the lists and documents are done: one request that reports the columns."""
        if not self.column_report or self.columns.reported or not self.columns:
            return
        self.columns.reported = True
        self.crawler.stats.inc_value(INTERNAL_REQUESTS)
        self.crawler.engine.crawl(scrapy.Request(
            "data:,", callback=self.report_columns, dont_filter=True, priority=-100
        ))
        raise DontCloseSpider

    def report_columns(self, response: Response) -> Iterator[Any]:
        """What each column gave, and a list_incomplete fault for each column read short."""
        yield from self.columns.report()

    def parse_nav(self, response: Response) -> Iterator[Any]:
        """A home or hub page: follow report columns, and hubs while hops remain. A page that
        is itself a report column is read as one; report titles are documents anywhere."""
        code, hops = response.meta[PORTAL_CODE], response.meta[HOPS]
        path = response.meta.get(NAV_PATH, [])
        selector = page_selector(response)
        page = ListPage(selector, response.url)
        if sign := is_report_column(selector, response.url, page):
            self.crawler.stats.inc_value("govcorpus/columns/start_as_column")
            yield from self.parse_list(response, found_by=sign, page=page)
        every_link = page.links
        if hops == 0:
            self._admit_platforms(code, every_link)
        links = self._in_scope(code, every_link)
        if not self.discover_only:
            yield from self._documents(code, response.url, report_title_links(links))
        for link in report_column_links(links):
            yield from self._request(link.url, code, self.parse_list, hops=0, **{
                FOUND_BY: column_link_sign(link), NAV_PATH: [*path, (link.url, link.text)]})
        if hops < self.nav_depth:
            for link in hub_links(links):
                yield from self._request(link.url, code, self.parse_nav, hops=hops + 1,
                                         **{NAV_PATH: [*path, (link.url, link.text)]})

    def _admit_platforms(self, code: str, links: list[Link]) -> None:
        """A home page's 政府信息公开 link to a host no portal owns: the portal's platform."""
        for link in platform_hub_links(links):
            if not self.portals.may_follow(code, link.url):
                self.portals.admit_platform(code, link.url)

    def parse_list(self, response: Response, found_by: str | None = None,
                   page: ListPage | None = None) -> Iterator[Any]:
        """A report column page: documents, further pages and department sub-columns. `page`:
        the page already read (a home or hub page that is itself a column). A page that
        answers 304 or its stored bytes again is not parsed: its stored reading is replayed,
        and so are its column's further pages asked for recently (incremental/trusted.py).
        What the answer and its replayed pages still list, and its column events, go in one
        ListedItem, last, or before an error that stops the callback partway."""
        from_memory: list[Response] = []
        noted = ListedItem(response.meta[PORTAL_CODE], [])
        try:
            yield from self._noting(self._list_page(response, found_by, page, from_memory, noted),
                                    noted)
            while from_memory:  # a loop, not recursion: a column may have hundreds of pages
                yield from self._noting(
                    self._list_page(from_memory.pop(), None, None, from_memory, noted), noted)
        except Exception:  # what came before the error is still noted (the error, a fault)
            yield from _if_any(noted)
            raise
        yield from _if_any(noted)

    @staticmethod
    def _noting(outputs: Iterator[Any], noted: ListedItem) -> Iterator[Any]:
        """The outputs, column events set aside on `noted`."""
        for output in outputs:
            if isinstance(output, ColumnMemoryItem):
                noted.column_events.append(output)
            else:
                yield output

    def _list_page(self, response: Response, found_by: str | None, page: ListPage | None,
                   from_memory: list[Response], noted: ListedItem) -> Iterator[Any]:
        code = response.meta[PORTAL_CODE]
        column = response.meta.get(COLUMN) or response.url
        found_by = found_by or response.meta.get(FOUND_BY)
        stored = stored_reading(response)
        if stored is not None:
            self._replayed(response, noted)
            reading = self._scoped(code, ListReading.from_json(stored))
        else:
            page = page or ListPage(page_selector(response), response.url)
            links = self._in_scope(code, page.links)
            adapters = adapters_for(page.selector)
            reading = read_list_page(page, links, adapters)
        if found_by:
            yield from self.discovery.column_found(code, column, found_by,
                                                   response.meta.get(NAV_PATH, []), reading.size)
            if self.discover_only:
                return
        self.columns.page_read(code, column, response.url, announced=reading.announced,
                               pages=reading.pages_announced, page_count=reading.page_count)
        if stored is None:
            if XHRS in response.meta:  # rendered in the browser: which XHR brought the list
                yield from self._remember_list_call(response, code, column, links)
            if self._needs_render(response, page.selector, reading.documents, adapters):
                yield from self._render(response, code, column)
                return
            if response.meta.get(LIST_MEMORY) and not response.meta.get(RENDER):
                yield self._list_page_item(response, reading)
        yield from self._follow_list(response, reading, column,
                                     from_memory if stored is not None else None, noted)

    def _replayed(self, response: Response, noted: ListedItem) -> None:
        """Count a replayed page; one asked for tonight is noted as asked."""
        stats = self.crawler.stats
        stats.inc_value("govcorpus/lists/replayed")
        if FROM_MEMORY in response.flags:
            stats.inc_value("govcorpus/lists/not_asked")
            return
        if response.status == 304:
            stats.inc_value(LIST_PAGES_NOT_MODIFIED)
        noted.pages_asked.append((canonical_url(response.url), _now()))

    def _follow_list(self, response: Response, reading: ListReading, column: str,
                     from_memory: list[Response] | None, noted: ListedItem) -> Iterator[Any]:
        """The requests and items of a list page's reading, parsed now or replayed. A replayed
        page's further pages go to `from_memory` when they may be replayed without asking; the
        documents it still lists go to `noted`."""
        code, hops = response.meta[PORTAL_CODE], response.meta[HOPS]
        yield from self._documents(code, response.url, reading.documents, column, noted)
        for fault in reading.adapter_faults:  # a configuration an adapter cannot read
            yield fault_item(code, response.url, LIST_API_ERROR, fault, response.status)
        for read in reading.adapter_reads:
            yield from self._column_read(response, read, column)
        depth = response.meta.get("depth", 0) + 1
        for url in reading.pages:
            if self.pages_asked.get(url, depth + 1) <= depth:
                continue  # asked for already, no deeper (TRS list pages link all the others)
            self.pages_asked[url] = depth
            remembered = (self.trusted.reading(code, url, _now())
                          if from_memory is not None else None)
            if remembered is None:
                yield from self._request(url, code, self.parse_list, hops=hops, column=column)
            elif self.list_budget.admit(code, url):
                from_memory.append(_memory_response(url, remembered, code, hops, column, depth))
            else:
                yield from self._list_limit_fault(code, url)
        if hops < self.column_depth:
            for link in reading.subcolumns:
                yield from self._request(link.url, code, self.parse_list, hops=hops + 1)
        yield from self._attachments(response, reading.files)
        if response.meta.get(REMEMBERED):
            lists = reading.lists if hops < self.column_depth else reading.lists_besides_columns
            yield from self._judge_remembered(response, lists, reading.size)

    def _scoped(self, code: str, reading: ListReading) -> ListReading:
        """A stored reading's links the portal may follow tonight (a parse keeps only those;
        the registry may have changed the portal's scope since the reading was stored)."""
        return replace(reading, documents=self._in_scope(code, reading.documents),
                       subcolumns=self._in_scope(code, reading.subcolumns),
                       files=self._in_scope(code, reading.files))

    def _render(self, response: Response, code: str, column: str) -> Iterator[Any]:
        """A column whose scripts build its list: asked for by its remembered XHR, else
        rendered in the browser."""
        hops = response.meta[HOPS]
        call = self.discovery.list_call(code, column)
        if call is not None:
            yield from self._list_call_request(response, call, code, hops, column)
        else:
            yield self._render_request(response.url, code, hops, column,
                                       bool(response.meta.get(REMEMBERED)))

    def _list_page_item(self, response: Response, reading: ListReading) -> ListPageItem:
        """The page's reading, kept for nights that find the page unchanged."""
        return ListPageItem(
            portal_code=response.meta[PORTAL_CODE], url=canonical_url(response.url),
            etag=_header(response, b"ETag"), last_modified=_header(response, b"Last-Modified"),
            body_sha256=hashlib.sha256(response.body).hexdigest(), reading=reading.to_json(),
            read_at=(now := _now()), asked_at=now,
        )

    def _judge_remembered(self, response: Response, lists: bool, size: int | None = None
                          ) -> Iterator[Any]:
        """A remembered column read tonight: ok, or failed (redirected home, lists nothing)."""
        code, url = response.meta[PORTAL_CODE], first_url(response.request)
        if response.meta.get("redirect_urls") and _is_home(response.url):
            yield from self._column_failed(code, url, f"redirected home to {response.url}")
        elif not lists:
            yield from self._column_failed(code, url, "lists no document")
        else:
            yield from self.discovery.column_ok(code, url, size)

    def _column_failed(self, code: str, url: str, reason: str) -> Iterator[Any]:
        """Remember the failure; walk from the home page when it has failed long enough."""
        items, walk = self.discovery.column_failed(code, url, reason)
        yield from items
        if walk:
            logger.info("portal %s: remembered column %s failed (%s); walking from the home "
                        "page", code, url, reason)
            self.crawler.stats.inc_value("govcorpus/columns/rediscovered_portals")
            yield from self._walk(self.portals[code])

    def _needs_render(self, response: Response, selector, documents: list[Link],
                      adapters: list[ListAdapter]) -> bool:
        """A column page not yet rendered whose list its scripts build (or hinted render=1);
        a page a CMS adapter reads through its list API needs no browser."""
        if response.meta.get(RENDER):
            return False
        if self.portals[response.meta[PORTAL_CODE]].hints.get("render") == "1":
            return True
        return not documents and not adapters and builds_list_by_script(selector)

    def _render_request(self, url: str, code: str, hops: int, column: str, remembered: bool
                        ) -> scrapy.Request:
        self.crawler.stats.inc_value("govcorpus/columns/built_by_script")
        meta = {PORTAL_CODE: code, HOPS: hops, COLUMN: column, RENDER: True,
                REMEMBERED: remembered}
        return scrapy.Request(url, callback=self.parse_list, errback=self.on_error,
                              dont_filter=True, meta=meta)

    def _remember_list_call(self, response: Response, code: str, column: str,
                            links: list[Link]) -> Iterator[Any]:
        """The XHR a rendered column's list came from, remembered for later nights."""
        call = list_call(response.meta[XHRS], [link.url for link in links])
        if call is not None:
            logger.info("portal %s: column %s is built by script from %s %s form %r (page "
                        "field %r): remembered, to be asked for directly; a candidate for a plain "
                        "list API adapter", code, column, call.method, call.url,
                        urlencode(call.form), call.page_field)
        yield from self.discovery.list_call_seen(code, column, call)

    def _list_call_request(self, response: Response, call: XhrCall, code: str, hops: int,
                           column: str) -> Iterator[Any]:
        """A script-built column's list asked for by its remembered XHR instead of a render."""
        self.crawler.stats.inc_value("govcorpus/columns/list_call_direct")
        remembered = first_url(response.request) if response.meta.get(REMEMBERED) else None
        for request in self._api_request(call, code, XHR_ADAPTER.name, hops, column,
                                         callback=self.parse_list_call):
            request.meta[RENDER_INSTEAD] = (response.url, remembered)
            yield request

    def parse_list_call(self, response: Response) -> Iterator[Any]:
        """The first page of a remembered XHR list; one not read (not JSON, no rows) is the
        column rendered in the browser instead."""
        try:
            read = XHR_ADAPTER.read_answer(response.body, response.meta[CALL])
        except AdapterError as exc:
            yield from self._render_instead(response.request, str(exc), response.status)
            return
        if not read.listed:
            yield from self._render_instead(response.request, "it answered no rows",
                                            response.status)
            return
        yield from self._column_read(response, read, response.meta[COLUMN])
        if remembered := response.meta[RENDER_INSTEAD][1]:
            yield from self.discovery.column_ok(response.meta[PORTAL_CODE], remembered)

    def _render_instead(self, request: scrapy.Request, why: str, status: int | None
                        ) -> Iterator[Any]:
        """A fault saying the remembered list call stopped working, and the column's render."""
        meta, call = request.meta, request.meta[CALL]
        page, remembered = meta[RENDER_INSTEAD]
        detail = (f"the remembered list call {call.method} {call.url} stopped working ({why}); "
                  f"the column {page} is rendered in the browser instead")
        logger.warning("portal %s: %s", meta[PORTAL_CODE], detail)
        self.crawler.stats.inc_value("govcorpus/columns/list_call_failed")
        yield fault_item(meta[PORTAL_CODE], call.url, LIST_API_ERROR, detail, status)
        yield self._render_request(page, meta[PORTAL_CODE], meta[HOPS], meta[COLUMN],
                                   remembered is not None)

    def parse_api(self, response: Response) -> Iterator[Any]:
        """One answer of a column's list API, read by the adapter that asked for it."""
        adapter, call = adapter_named(response.meta[ADAPTER]), response.meta[CALL]
        column = response.meta.get(COLUMN) or response.url
        try:
            read = adapter.read_answer(response.body, call)
        except AdapterError as exc:
            if call.fallback is not None:  # another path may answer: try it before a fault
                yield from self._fallback(response.request, f"{adapter.name}: {exc}")
                return
            yield fault_item(response.meta[PORTAL_CODE], response.url, LIST_API_ERROR,
                             f"{adapter.name}: {exc}{_tried(response.meta)}", response.status)
            return
        yield from self._column_read(response, read, column)

    def _column_read(self, response: Response, read: ColumnRead, column: str) -> Iterator[Any]:
        """Document requests for what an adapter read, and requests for its further calls."""
        code = response.meta[PORTAL_CODE]
        page = _call_key(response.meta[CALL]) if CALL in response.meta else response.url
        self.columns.page_read(code, column, page, read.adapter, read.announced,
                               page_count=read.pages)
        links = self._in_scope(code, [Link(item.url, item.title) for item in read.listed])
        yield from self._documents(code, response.url, links, column)
        for call in read.calls:
            yield from self._api_request(call, code, read.adapter, response.meta[HOPS], column)

    def _api_request(self, call: ApiCall, code: str, adapter: str, hops: int, column: str,
                     callback: Any = None) -> Iterator[Any]:
        """The request of an adapter's call; a remembered XHR list's pages count against the
        column's list page budget (GOVCORPUS_MAX_LIST_PAGES)."""
        if adapter == XHR_ADAPTER.name and not self.list_budget.admit(code, _call_key(call)):
            yield from self._list_limit_fault(code, _call_key(call))
            return
        meta = {PORTAL_CODE: code, ADAPTER: adapter, CALL: call, HOPS: hops, COLUMN: column}
        callback = callback or self.parse_api
        if call.method == "POST":
            yield scrapy.FormRequest(call.url, formdata=dict(call.form), callback=callback,
                                     errback=self.on_error, meta=meta)
        else:
            yield scrapy.Request(call.url, callback=callback, errback=self.on_error, meta=meta)

    def _fallback(self, request: scrapy.Request, why: str) -> Iterator[Any]:
        """The failed API call's page by the next path its adapter gave; why the call failed
        goes with it, for the fault if that fails too."""
        meta = request.meta
        tried = [*meta.get(TRIED, ()), f"{first_url(request)}: {why}"]
        for fallback in self._api_request(meta[CALL].fallback, meta[PORTAL_CODE], meta[ADAPTER],
                                          meta[HOPS], meta[COLUMN]):
            fallback.meta[TRIED] = tried
            yield fallback

    def _documents(self, code: str, list_url: str, links: list[Link], column: str | None = None,
                   noted: ListedItem | None = None) -> Iterator[Any]:
        """Requests for the listed documents due tonight; the others noted as still listed (in
        `noted` when given, else in a ListedItem of their own)."""
        listed = []
        if column is not None:
            self.columns.listed(code, column, (link.url for link in links))
        for link in links:
            if not self.revisit.due(code, link.url, link.text):
                listed += self._listed(code, link)
                continue
            first = code not in self.documents_asked
            self.documents_asked.add(code)
            yield from self._request(
                link.url, code, self.parse_detail, priority=FIRST_DOCUMENT_PRIORITY if first else 0,
                list_title=link.text, referer=list_url,
                conditional=True, handle_httpstatus_list=HISTORY_STATUSES, column=column,
            )
        if noted is not None:
            noted.documents += listed
        elif listed:
            yield ListedItem(code, listed)

    def parse_detail(self, response: Response) -> Iterator[Any]:
        """A document page: yield it whole, raw bytes and headers included, then its files."""
        if (column := response.meta.get(COLUMN)) and response.status in ANSWERED:
            self.columns.fetched(response.meta[PORTAL_CODE], column, first_url(response.request))
        known = history_items(response, self.portals[response.meta[PORTAL_CODE]])
        if known is not None:  # 304, the same bytes, 404/410 or a redirect home: no analysis
            yield from known
            return
        yield self._page_item(response)
        if isinstance(response, TextResponse) and may_link_files(response.body):
            code = response.meta[PORTAL_CODE]
            yield from self._attachments(
                response, self._in_scope(code, page_links(page_selector(response), response.url))
            )

    def parse_attachment(self, response: Response) -> Iterator[Any]:
        """A file linked from a column or a document: kept whole, tied to its parent page."""
        known = history_items(response, self.portals[response.meta[PORTAL_CODE]])
        if known is not None:  # 304 or the same bytes: nothing to read again
            yield from known
            return
        yield self._page_item(response, parent_url=response.meta.get(PARENT_URL))

    def _attachments(self, response: Response, links: list[Link]) -> Iterator[scrapy.Request]:
        """Requests for the document files a page links to, when attachments are followed."""
        if not self.attachments:
            return
        for link in attachment_links(links):
            yield from self._request(
                link.url, response.meta[PORTAL_CODE], self.parse_attachment,
                list_title=link.text, referer=response.url, parent_url=response.url,
                download_maxsize=self.attachment_max_bytes,
                conditional=True, handle_httpstatus_list=[304],
            )

    def _page_item(self, response: Response, parent_url: str | None = None) -> PageItem:
        return PageItem(
            portal_code=response.meta[PORTAL_CODE],
            url=response.url,
            status=response.status,
            headers=_headers(response),
            body=response.body,
            fetched_at=_now(),
            referer=response.meta.get(REFERER),
            list_title=response.meta.get(LIST_TITLE),
            parent_url=parent_url,
            listed=response.meta.get(LISTED, True),
        )

    def on_error(self, failure: Failure) -> Iterator[FaultItem | ListedItem]:
        """Record the failed request as a fault; the crawl goes on. A listed document that did
        not answer (a soft block, a blocked portal) is still on its list: noted as listed."""
        request = failure.request
        yield from noted_faults(request)  # e.g. a challenge the browser failed, then `blocked`
        response = getattr(failure.value, "response", None)
        if request.meta.get(REMEMBERED) and response is not None and \
                http_kind(response.status) in TAKEDOWN_KINDS:
            yield from self._column_failed(request.meta[PORTAL_CODE], first_url(request),
                                           f"answered {response.status}")
        if request.callback == self.parse_detail and request.meta.get(LISTED, True):
            url = first_url(request)
            yield ListedItem(request.meta[PORTAL_CODE],
                             [(canonical_url(url), request.meta.get(LIST_TITLE))],
                             not_due=False)
        kind = fault_kind(failure)
        if kind is None:  # not a fault: e.g. a request dropped because its portal is blocked
            return
        if request.meta.get(RENDER_INSTEAD):  # a remembered XHR list that stopped working
            yield from self._render_instead(request, f"{kind}: {fault_detail(failure)}",
                                            response.status if response is not None else None)
            return
        if request.callback == self.parse_api and request.meta[CALL].fallback is not None:
            yield from self._fallback(request, f"{kind}: {fault_detail(failure)}")
            return
        yield FaultItem(
            portal_code=request.meta[PORTAL_CODE],
            url=first_url(request),
            kind=kind,
            detail=fault_detail(failure) + _tried(request.meta),
            fetched_at=_now(),
            status=response.status if response is not None else None,
        )

    def _request(self, url: str, code: str, callback, priority: int = 0, **meta: Any
                 ) -> Iterator[Any]:
        """One request, unless the portal or the list column has used up its page budget."""
        if callback == self.parse_list:
            if not self.list_budget.admit(code, url):
                yield from self._list_limit_fault(code, url)
                return
            meta[LIST_MEMORY] = self.replay_lists  # replayed if unchanged (listing/reading.py)
            meta[LIST_PAGE] = True
        if not self.portals.admit(code, url):
            return
        if self.portals.on_platform(code, url):
            meta["allow_offsite"] = True  # a platform: outside the crawl's domains
        yield scrapy.Request(url, callback=callback, errback=self.on_error, priority=priority,
                             meta={PORTAL_CODE: code, **meta})

    def _listed(self, code: str, link: Link) -> list[tuple[str, str | None]]:
        """A stored document its list still shows, not due tonight: noted, not fetched."""
        if not self.portals.note(code, link.url):  # on two list pages: noted once
            return []
        self.crawler.stats.inc_value("govcorpus/incremental/not_due")
        return [(canonical_url(link.url), link.text)]

    def _list_limit_fault(self, code: str, url: str) -> Iterator[FaultItem]:
        self.crawler.stats.inc_value("govcorpus/list_page_limit")
        if self.list_budget.first_refusal(code, url):
            detail = f"over {self.list_budget.limit} list pages in this column; {url} not fetched"
            yield fault_item(code, url, LIST_PAGE_LIMIT, detail, None)

    def _in_scope(self, code: str, links: list[Link]) -> list[Link]:
        """The links the portal may follow (govcorpus/scope.py)."""
        return [link for link in links if self.portals.may_follow(code, link.url)]


def _is_home(url: str) -> bool:
    """A site's root page: where removed columns send readers."""
    return urlsplit(url).path in ("", "/", "/index.html", "/index.htm", "/index.shtml")


def _memory_response(url: str, reading: dict[str, Any], code: str, hops: int, column: str,
                     depth: int) -> Response:
    """A further list page replayed without asking: a 304 that carries its stored reading."""
    meta = {PORTAL_CODE: code, HOPS: hops, COLUMN: column, "depth": depth, LIST_MEMORY: True,
            STORED_READING: reading}
    return Response(url, status=304, request=scrapy.Request(url, meta=meta), flags=[FROM_MEMORY])


def _tried(meta: dict[str, Any]) -> str:
    """The API paths tried before this one, for a fault's detail."""
    return "".join(f"; after {tried}" for tried in meta.get(TRIED, ()))


def _call_key(call: ApiCall) -> str:
    """An API call as one string: its URL and form (a POST's pages share one URL)."""
    return call.url + ("?" + "&".join(f"{k}={v}" for k, v in call.form) if call.form else "")


def _hint_list(value: str | None) -> list[str]:
    return value.split() if value else []


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _headers(response: Response) -> dict[str, str]:
    return {
        key.decode("latin-1"): b", ".join(values).decode("latin-1")
        for key, values in response.headers.items()
    }


def _if_any(noted: ListedItem) -> Iterator[ListedItem]:
    if noted.documents or noted.pages_asked or noted.column_events:
        yield noted


def _now() -> datetime:
    return datetime.now(timezone.utc)
