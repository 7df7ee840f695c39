"""Store stage: batched, idempotent writes of pages and faults to the corpus database."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict

from crawler.items import ColumnItem, FaultItem, GoneItem, ListedItem, PageItem
from crawler.portals import PortalDirectory, portal_directory
from govcorpus.fault_kinds import STAGE_ERROR
from storage import CorpusWriter, init_db, make_engine
from storage.write.retry import retry_writes
from storage.write.spill import buffered_count, spill, spill_path

logger = logging.getLogger(__name__)


class StorePipeline:
    """Buffer items and write them in batches; a failed write is kept and retried, not lost.

    Batches are written by one background thread, so the reactor keeps fetching meanwhile.
    """

    def __init__(self, crawler, portals: PortalDirectory, *, db_url: str, batch_size: int,
                 gone_after_runs: int, retry_seconds: float, spill_dir: str,
                 text_share: float, min_stored_chars: int):
        self.crawler = crawler
        self.portals = portals
        self.db_url = db_url
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
            db_url=settings.get("GOVCORPUS_DB_URL"),
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
        engine = make_engine(self.db_url)
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
            self._count_page(item)
            self.writer.add_page({k: v for k, v in vars(item).items() if k != "html"})
            for error in item.errors:
                self.writer.add_fault(_stage_fault(item, error))
        elif isinstance(item, FaultItem):
            self.crawler.stats.inc_value("govcorpus/faults")
            self.crawler.stats.inc_value(f"govcorpus/faults/{item.kind}")
            self.writer.add_fault({**asdict(item), "run_id": self.run_id})
        elif isinstance(item, GoneItem):
            self.writer.add_gone(asdict(item))
        elif isinstance(item, ColumnItem):
            self._count_column(item)
            self.writer.add_column(asdict(item))
        elif isinstance(item, ListedItem):
            for canonical, title in item.documents:
                self.writer.add_listed({"canonical_url": canonical, "list_title": title,
                                        "not_due": item.not_due})
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
                           _one_line(exc))
        finally:
            self.flushing = False
            elapsed = asyncio.get_running_loop().time() - started
            self.crawler.stats.inc_value("govcorpus/seconds/store", elapsed, start=0.0)

    def _count_page(self, page: PageItem) -> None:
        stats = self.crawler.stats
        stats.inc_value("govcorpus/pages")
        if page.is_annual_report:
            stats.inc_value("govcorpus/reports")
        if page.attachment_status:  # a file: how reading it went
            stats.inc_value("govcorpus/attachments")
            stats.inc_value(f"govcorpus/attachments/{page.attachment_status}")
        for stage, seconds in page.timings.items():
            stats.inc_value(f"govcorpus/seconds/{stage}", seconds, start=0.0)
        if page.errors:
            stats.inc_value("govcorpus/faults", len(page.errors))
            stats.inc_value("govcorpus/faults/stage_error", len(page.errors))

    def _count_column(self, column: ColumnItem) -> None:
        """Per-run column figures in the run's stats (crawl_runs.stats, `columns/…`)."""
        stats = self.crawler.stats
        stats.inc_value("govcorpus/columns")
        stats.inc_value(f"govcorpus/columns/read_by/{column.read_by}")
        stats.inc_value("govcorpus/columns/listed", column.listed)
        stats.inc_value("govcorpus/columns/fetched", column.fetched)
        if column.announced is not None:
            stats.inc_value("govcorpus/columns/announcing")
            stats.inc_value("govcorpus/columns/announced", column.announced)

    def close_spider(self, spider=None):
        self.flusher.shutdown(wait=True)
        stats = self.crawler.stats.get_stats()
        summary = {k.removeprefix("govcorpus/"): round(v, 3) if isinstance(v, float) else v
                   for k, v in stats.items()
                   if k.startswith("govcorpus/") and isinstance(v, int | float)}
        summary["requests"] = (stats.get("downloader/request_count", 0)
                               - stats.get("govcorpus/internal_requests", 0))
        status = "finished" if stats.get("finish_reason", "finished") == "finished" else "failed"
        summary["not_modified"] = stats.get("downloader/response_status_count/304", 0)
        summary["response_bytes"] = stats.get("downloader/response_bytes", 0)

        def finish() -> None:
            if status == "finished":
                self.writer.close_listing(self.gone_after_runs)
            self.writer.finish_run(self.run_id, {**summary, **self.writer.counts}, status=status)

        try:
            retry_writes(finish, self.retry_seconds)
        except Exception as exc:  # nothing buffered may be lost: it goes to a file instead
            self._spill(exc)
        finally:
            self.writer.close()

    def _spill(self, error: Exception) -> None:
        count = buffered_count(self.writer)
        if not count:
            logger.error("closing the crawl run failed (%s); every record was already stored",
                         _one_line(error))
            return
        path = spill_path(self.spill_dir, self.run_id)
        spill(self.writer, path)
        self.crawler.stats.set_value("govcorpus/spilled", count)
        self.crawler.stats.set_value("govcorpus/spill_file", str(path))
        logger.error("the database did not take the last %d records (%s); they are saved in %s",
                     count, _one_line(error), path)


def _one_line(error: Exception) -> str:
    text = str(getattr(error, "orig", None) or error).strip()
    return f"{type(error).__name__}: {text.splitlines()[0] if text else ''}"[:300]


def _stage_fault(page: PageItem, error: str) -> dict:
    """A stage that failed on a page: the page is stored all the same, and this says why."""
    return {"portal_code": page.portal_code, "url": page.url, "kind": STAGE_ERROR,
            "detail": error, "status": page.status, "fetched_at": page.fetched_at}
