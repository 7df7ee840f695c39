"""What the corpus already holds of each portal, read off the reactor thread while the crawl runs.

One store per crawl, shared by the revisit policy and conditional requests. The first read
asks once which portals hold anything (on a first night: none, so no portal is read at all);
a portal's documents and remembered list pages are then read in a worker thread when its
first request goes out (`StoredPrefetchMiddleware`), so by the time its lists are parsed they
are in memory. Memory is bounded by documents and list pages, not portals: the least recently
used portals are dropped first.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.listing.reading import is_current
from crawler.meta import PORTAL_CODE
from crawler.runtime.database import corpus_database
from govcorpus.identity import canonical_url
from storage.engine import make_engine

logger = logging.getLogger(__name__)
READ_THREADS = 2


@dataclass(frozen=True)
class PortalStored:
    """What the corpus holds of one portal: its documents and its remembered list pages, each
    by canonical URL (storage/read/validators.py)."""

    documents: dict[str, Any]
    list_pages: dict[str, Any]

    @property
    def size(self) -> int:  # what it costs the cache
        return len(self.documents) + len(self.list_pages)


NOTHING_STORED = PortalStored({}, {})


class StoredByPortal:
    """`await load(code)` reads a portal's stored documents and list pages in a thread;
    `get(code)` answers from memory (canonical URL → StoredDocument), `list_pages(code)` the
    same for list pages. A portal `get` finds unloaded is read on the spot and counted in
    `sync_reads`. A database that cannot answer (no schema yet, a passing fault) gives nothing:
    the crawl then treats every document as new and reads every list page."""

    def __init__(self, db_url: str, max_documents: int = 100_000, crawler=None):
        self.db_url = db_url
        self.crawler = crawler  # its stats count the reads
        self.max_documents = max(1, max_documents)
        self.cache: OrderedDict[str, PortalStored] = OrderedDict()
        self.held = 0  # documents and list pages in the cache
        self.holding: set[str] | None = None  # portals with anything stored
        self.sync_reads = 0
        self.reads = 0
        self._pending: dict[str, asyncio.Future] = {}
        self._executor: ThreadPoolExecutor | None = None
        self._engine: sa.Engine | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_crawler(cls, crawler) -> StoredByPortal:
        """The crawl's one store, whichever component asks first."""
        store = getattr(crawler, "govcorpus_stored", None)
        if store is None:
            store = cls(crawler.settings.get("GOVCORPUS_DB_URL"),
                        crawler.settings.getint("GOVCORPUS_STORED_DOCUMENTS_IN_MEMORY"),
                        crawler)
            crawler.govcorpus_stored = store
        return store

    async def load(self, portal_code: str) -> None:
        """Have what is stored of a portal in memory, read in a worker thread if need be."""
        if portal_code in self.cache:
            self.cache.move_to_end(portal_code)
            return
        if self.holding is not None and portal_code not in self.holding:
            self._keep(portal_code, NOTHING_STORED)  # nothing stored: no read
            return
        pending = self._pending.get(portal_code)
        if pending is None:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(READ_THREADS, "govcorpus-stored")
            pending = asyncio.get_running_loop().run_in_executor(
                self._executor, self._read, portal_code)
            self._pending[portal_code] = pending
        try:
            held = await pending
        finally:
            counted = self._pending.pop(portal_code, None) is not None
        if counted and held is not None:
            self._count("thread_reads")
        if portal_code not in self.cache:
            self._keep(portal_code, held or NOTHING_STORED)

    def get(self, portal_code: str) -> dict[str, Any]:
        """The portal's stored documents by canonical URL."""
        return self._held(portal_code).documents

    def list_pages(self, portal_code: str) -> dict[str, Any]:
        """The portal's remembered list pages by canonical URL."""
        return self._held(portal_code).list_pages

    def current_list_page(self, portal_code: str, url: str) -> Any | None:
        """The remembered list page at `url` whose reading this code made (one read by older
        listing code must be parsed again), or None."""
        known = self.list_pages(portal_code).get(canonical_url(url))
        return known if known is not None and is_current(known.reading) else None

    def _held(self, portal_code: str) -> PortalStored:
        held = self.cache.get(portal_code)
        if held is None:
            self.sync_reads += 1
            self._count("sync_reads")
            held = self._read(portal_code) or NOTHING_STORED
            self._keep(portal_code, held)
        else:
            self.cache.move_to_end(portal_code)
        return held

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
        if self._engine is not None and self.crawler is None:  # its own, not the crawl's
            self._engine.dispose()
        self._engine = None

    def _open_engine(self) -> sa.Engine:
        """The crawl's engine; an engine of its own outside a crawl."""
        if self.crawler is not None:
            return corpus_database(self.crawler)
        return make_engine(self.db_url)

    def _count(self, name: str) -> None:
        if self.crawler is not None:  # counted while the crawl runs, when its stats exist
            self.crawler.stats.inc_value(f"govcorpus/stored/{name}")

    def _keep(self, portal_code: str, held: PortalStored) -> None:
        self.cache[portal_code] = held
        self.held += held.size
        while self.held > self.max_documents and len(self.cache) > 1:
            _, dropped = self.cache.popitem(last=False)
            self.held -= dropped.size

    def _read(self, portal_code: str) -> PortalStored | None:
        """What is stored of the portal; None when it holds nothing (and nothing was read)."""
        from storage.read.validators import portal_documents, portal_list_pages, stored_portals

        if self.holding is None:
            self.holding = self._query(stored_portals)
        if self.holding is not None and portal_code not in self.holding:
            return None
        self.reads += 1
        return self._query(lambda conn: PortalStored(portal_documents(conn, portal_code),
                                                     portal_list_pages(conn, portal_code)))

    def _query(self, read) -> Any:
        with self._lock:
            if self._engine is None:
                self._engine = self._open_engine()
        try:
            with self._engine.connect() as conn:
                return read(conn)
        except sa.exc.SQLAlchemyError as exc:
            logger.warning("nothing stored could be read: %s", exc)
            return None


class StoredPrefetchMiddleware:
    """Before a portal's requests go out, read what the corpus holds of it in a thread."""

    def __init__(self, stored: StoredByPortal):
        self.stored = stored

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not (settings.getbool("GOVCORPUS_CONDITIONAL")
                or settings.getfloat("GOVCORPUS_REVISIT_DAYS") > 0):
            raise NotConfigured
        middleware = cls(StoredByPortal.from_crawler(crawler))
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    async def process_request(self, request, spider=None) -> None:
        code = request.meta.get(PORTAL_CODE)
        if code is not None:
            await self.stored.load(code)
        return None

    def spider_closed(self, spider=None) -> None:
        self.stored.close()
