"""Store stage: batched, idempotent writes of pages and faults to the corpus database.

The stage opens the night's run, writes every item in batches off the reactor, and closes the
run with its summary (what crawler/runtime/counts.py counted); what the database will not take
at the end goes to a spill file, never lost.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from crawler.items import (
    ColumnMemoryItem,
    ColumnReportItem,
    FaultItem,
    GoneItem,
    ListedItem,
    ListPageItem,
    PageItem,
)
from crawler.portals import PortalDirectory, portal_directory
from crawler.runtime.counts import run_summary
from crawler.runtime.database import corpus_database
from govcorpus.fault_kinds import STAGE_ERROR
from storage import CorpusWriter, init_db
from storage.write.retry import error_line, retry_writes
from storage.write.spill import buffered_count, spill, spill_path

logger = logging.getLogger(__name__)


class StorePipeline:
    """Buffer items and write them in batches; a failed write is kept and retried, not lost.

    Batches are written by one background thread, so the reactor keeps fetching meanwhile.
    """

    def __init__(self, crawler, portals: PortalDirectory, *, batch_size: int,
                 gone_after_runs: int, retry_seconds: float, spill_dir: str,
                 text_share: float, min_stored_chars: int):
        self.crawler = crawler
        self.portals = portals
        self.batch_size = batch_size
        self.gone_after_runs = gone_after_runs
        self.retry_seconds = retry_seconds
        self.spill_dir = spill_dir
        self.text_share = text_share  # GOVCORPUS_SOFT_BLOCK_TEXT_SHARE
        self.min_stored_chars = min_stored_chars  # GOVCORPUS_SOFT_BLOCK_MIN_STORED_CHARS
        self.writer: CorpusWriter | None = None
        self.run_id: int | None = None
        self.flusher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="govcorpus-store")
        self.flushing = False

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(
            crawler, portal_directory(crawler),
            batch_size=settings.getint("GOVCORPUS_BATCH_SIZE"),
            # a distributed worker reads only part of the lists: it cannot tell what left them
            gone_after_runs=0 if settings.get("GOVCORPUS_REDIS_URL") else
            settings.getint("GOVCORPUS_GONE_AFTER_RUNS"),
            retry_seconds=settings.getfloat("GOVCORPUS_WRITE_RETRY_SECONDS"),
            spill_dir=settings.get("GOVCORPUS_SPILL_DIR"),
            text_share=settings.getfloat("GOVCORPUS_SOFT_BLOCK_TEXT_SHARE"),
            min_stored_chars=settings.getint("GOVCORPUS_SOFT_BLOCK_MIN_STORED_CHARS"),
        )

    def open_spider(self, spider=None):
        engine = corpus_database(self.crawler)
        init_db(engine)
        self.writer = CorpusWriter(engine, batch_size=self.batch_size,
                                   text_share=self.text_share,
                                   min_stored_chars=self.min_stored_chars)
        self.run_id = self.writer.start_run(registry=self.portals.source)
        self.writer.upsert_portals(self.portals.values())
        self.crawler.stats.set_value("govcorpus/run_id", self.run_id)
        self.crawler.stats.set_value("govcorpus/db_url", engine.url.render_as_string())

    async def process_item(self, item):
        if isinstance(item, PageItem):
            self.writer.add_page({k: v for k, v in vars(item).items() if k != "html"})
            for error in item.errors:
                self.writer.add_fault(_stage_fault(item, error))
        elif isinstance(item, FaultItem):
            self.writer.add_fault({**_fields(item), "run_id": self.run_id})
        elif isinstance(item, GoneItem):
            self.writer.add_gone(_fields(item))
        elif isinstance(item, ColumnReportItem):
            for column in item.columns:
                self.writer.add_column(_fields(column))
        elif isinstance(item, ColumnMemoryItem):
            self.writer.add_column_event(_fields(item))
        elif isinstance(item, ListPageItem):
            self.writer.add_list_page(_fields(item))
        elif isinstance(item, ListedItem):
            for canonical, title in item.documents:
                self.writer.add_listed({"canonical_url": canonical, "list_title": title,
                                        "not_due": item.not_due})
            for url, asked_at in item.pages_asked:
                self.writer.add_list_page_asked({"portal_code": item.portal_code, "url": url,
                                                 "asked_at": asked_at})
            for event in item.column_events:
                self.writer.add_column_event(_fields(event))
        if self.writer.full and not self.flushing:
            await self._flush_in_background()
        return item

    async def _flush_in_background(self) -> None:
        self.flushing = True
        started = asyncio.get_running_loop().time()
        try:
            await asyncio.get_running_loop().run_in_executor(self.flusher, self.writer.flush)
        except Exception as exc:  # the writer keeps its buffer; the next flush retries it
            self.crawler.stats.inc_value("govcorpus/store_errors")
            logger.warning("writing a batch failed (%s); it stays buffered for the next flush",
                           error_line(exc))
        finally:
            self.flushing = False
            elapsed = asyncio.get_running_loop().time() - started
            self.crawler.stats.inc_value("govcorpus/seconds/store", elapsed, start=0.0)

    def close_spider(self, spider=None):
        self.flusher.shutdown(wait=True)
        summary, status = run_summary(self.crawler.stats.get_stats())
        if status == "finished" and self._stopped_early():
            status = "failed"

        def finish() -> None:
            if status == "finished":
                self.writer.close_listing(self.gone_after_runs)
            self.writer.finish_run(self.run_id, {**summary, **self.writer.counts}, status=status)

        try:
            retry_writes(finish, self.retry_seconds)
        except Exception as exc:  # nothing buffered may be lost: it goes to a file instead
            self._spill(exc)

    def _stopped_early(self) -> bool:
        """Requests were left when the crawl closed (a stop signal, a CLOSESPIDER limit).
        Scrapy sets `finish_reason` only after the pipelines close, so it cannot say."""
        engine = getattr(self.crawler, "engine", None)
        try:
            return engine is not None and not engine.spider_is_idle()
        except RuntimeError:  # the engine never opened its slot
            return False

    def _spill(self, error: Exception) -> None:
        count = buffered_count(self.writer)
        if not count:
            logger.error("closing the crawl run failed (%s); every record was already stored",
                         error_line(error))
            return
        path = spill_path(self.spill_dir, self.run_id)
        spill(self.writer, path)
        self.crawler.stats.set_value("govcorpus/spilled", count)
        self.crawler.stats.set_value("govcorpus/spill_file", str(path))
        logger.error("the database did not take the last %d records (%s); they are saved in %s",
                     count, error_line(error), path)



def _stage_fault(page: PageItem, error: str) -> dict:
    """A stage that failed on a page: the page is stored all the same, and this says why."""
    return {"portal_code": page.portal_code, "url": page.url, "kind": STAGE_ERROR,
            "detail": error, "status": page.status, "fetched_at": page.fetched_at}


def _fields(item: Any) -> dict[str, Any]:
    """An item's fields as a new dict (values shared: dataclasses.asdict deep-copies every
    value, a cost on the reactor thread for each of a night's thousands of small items)."""
    return dict(vars(item))
