"""Store stage: batched, idempotent writes of pages and faults to the corpus database."""

from __future__ import annotations

import logging
from dataclasses import asdict

from crawler.items import FaultItem, PageItem
from storage import CorpusWriter, init_db, make_engine

logger = logging.getLogger(__name__)


class StorePipeline:
    """Buffer items and write them in batches; a failed write is kept and retried, not lost."""

    def __init__(self, db_url: str, batch_size: int):
        self.db_url = db_url
        self.batch_size = batch_size
        self.crawler = None
        self.writer: CorpusWriter | None = None
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls(
            crawler.settings.get("GOVCORPUS_DB_URL"),
            crawler.settings.getint("GOVCORPUS_BATCH_SIZE"),
        )
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self, spider=None):
        spider = spider or self.crawler.spider
        engine = make_engine(self.db_url)
        init_db(engine)
        self.writer = CorpusWriter(engine, batch_size=self.batch_size)
        self.run_id = self.writer.start_run(registry=getattr(spider, "registry_path", None))
        self.writer.upsert_portals([p.as_row() for p in spider.portals.values()])
        self.crawler.stats.set_value("govcorpus/run_id", self.run_id)
        self.crawler.stats.set_value("govcorpus/db_url", engine.url.render_as_string())

    def process_item(self, item):
        stats = self.crawler.stats
        try:
            if isinstance(item, PageItem):
                self._count_page(item)
                self.writer.add_page({k: v for k, v in vars(item).items() if k != "html"})
                for error in item.errors:
                    self.writer.add_fault(_stage_fault(item, error))
            elif isinstance(item, FaultItem):
                stats.inc_value("govcorpus/faults")
                stats.inc_value(f"govcorpus/faults/{item.kind}")
                self.writer.add_fault({**asdict(item), "run_id": self.run_id})
        except Exception:  # the writer keeps its buffer; the next flush retries it
            stats.inc_value("govcorpus/store_errors")
            logger.exception("writing a batch failed; it stays buffered for the next flush")
        return item

    def _count_page(self, page: PageItem) -> None:
        stats = self.crawler.stats
        stats.inc_value("govcorpus/pages")
        if page.is_annual_report:
            stats.inc_value("govcorpus/reports")
        for stage, seconds in page.timings.items():
            stats.inc_value(f"govcorpus/seconds/{stage}", seconds, start=0.0)
        if page.errors:
            stats.inc_value("govcorpus/faults", len(page.errors))
            stats.inc_value("govcorpus/faults/stage_error", len(page.errors))

    def close_spider(self, spider=None):
        stats = self.crawler.stats.get_stats()
        summary = {k.removeprefix("govcorpus/"): v for k, v in stats.items()
                   if k.startswith("govcorpus/") and isinstance(v, int)}
        summary["requests"] = stats.get("downloader/request_count", 0)
        status = "finished" if stats.get("finish_reason", "finished") == "finished" else "failed"
        try:
            self.writer.finish_run(self.run_id, summary, status=status)
        finally:
            self.writer.close()


def _stage_fault(page: PageItem, error: str) -> dict:
    """A stage that failed on a page: the page is stored all the same, and this says why."""
    return {"portal_code": page.portal_code, "url": page.url, "kind": "stage_error",
            "detail": error, "status": page.status, "fetched_at": page.fetched_at}
