"""Portal health at the end of a crawl, then the run's report, metrics and digest.

On `spider_closed` (after the store pipeline has written everything, before the monitors of
crawler/runtime/monitors.py run) each portal's night is recorded with its status; on
`engine_stopped` (after the monitors) the JSON report, the Prometheus textfile and the digest go
out.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import date

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.items import PageItem
from crawler.meta import PORTAL_CODE
from crawler.runtime.database import corpus_database
from govcorpus.shards import shard_file
from storage.health import STATUSES, HealthRules, Night
from storage.write.retry import error_line

logger = logging.getLogger(__name__)
ANALYSED_PAGES = "govcorpus/health/analysed_pages"
FAILED_PAGES = "govcorpus/health/failed_pages"


class NightlyHealth:
    """Record portal health per run; write the run's report and metrics; send the digest."""

    def __init__(self, crawler, rules: HealthRules, report_file: str, metrics_file: str,
                 notify: list[str]):
        self.crawler = crawler
        self.rules = rules
        self.report_file = report_file
        self.metrics_file = metrics_file
        self.notify = notify
        self.requests: Counter[str] = Counter()
        self.nights: list[Night] = []

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("GOVCORPUS_HEALTH") or settings.get("GOVCORPUS_REDIS_URL"):
            raise NotConfigured  # a distributed worker reads only part of each portal's lists
        rules = HealthRules(
            drop_share=settings.getfloat("GOVCORPUS_HEALTH_DROP_SHARE"),
            window=settings.getint("GOVCORPUS_HEALTH_WINDOW"),
            failing_nights=settings.getint("GOVCORPUS_HEALTH_FAILING_NIGHTS"),
            error_share=settings.getfloat("GOVCORPUS_HEALTH_ERROR_SHARE"),
        )
        shard = settings.get("GOVCORPUS_SHARD") or ""
        report_file, metrics_file = (str(shard_file(name, shard)) if name else "" for name in (
            settings.get("GOVCORPUS_REPORT_FILE"), settings.get("GOVCORPUS_METRICS_FILE")))
        extension = cls(crawler, rules, report_file, metrics_file,
                        _urls(settings.get("GOVCORPUS_NOTIFY")))
        crawler.signals.connect(extension.request_reached_downloader,
                                signal=signals.request_reached_downloader)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def request_reached_downloader(self, request, spider):
        code = request.meta.get(PORTAL_CODE)
        if code is not None:
            self.requests[code] += 1

    def item_scraped(self, item, spider):
        """Pages that went through the analysis stages, and those a stage failed on."""
        if isinstance(item, PageItem) and not item.unchanged:
            self.crawler.stats.inc_value(ANALYSED_PAGES)
            if item.errors:
                self.crawler.stats.inc_value(FAILED_PAGES)

    def spider_closed(self, spider):
        from storage.health import record_portal_health

        stats = self.crawler.stats
        run_id = stats.get_value("govcorpus/run_id")
        if run_id is None:
            return
        try:
            self.nights = record_portal_health(corpus_database(self.crawler), run_id,
                                               spider.portals, self.requests, self.rules)
        except Exception as exc:  # the database went away: the monitors report it
            stats.set_value("govcorpus/health/db_error", error_line(exc))
            logger.error("recording portal health failed: %s", error_line(exc))
            return
        for status in STATUSES:
            codes = [n.portal_code for n in self.nights if n.status == status]
            stats.set_value(f"govcorpus/portals/{status}", len(codes))
            stats.set_value(f"govcorpus/portals/{status}/codes", " ".join(codes))

    def engine_stopped(self):
        from crawler.runtime import report as nightly

        stats = self.crawler.stats.get_stats()
        if stats.get("govcorpus/run_id") is None:
            return
        db_url = self.crawler.settings.get("GOVCORPUS_DB_URL")
        day = self.crawler.settings.get("GOVCORPUS_DEADLINES_ON")
        report = nightly.run_report(corpus_database(self.crawler), stats, self.nights,
                                    date.fromisoformat(day) if day else None)
        path = nightly.write_report(report, self.report_file or nightly.default_report_path(
            db_url, self.crawler.settings.get("GOVCORPUS_SPILL_DIR"), report["run_id"]))
        if path is not None:
            self.crawler.stats.set_value("govcorpus/report_file", str(path))
        if self.metrics_file:
            nightly.write_metrics(report, self.metrics_file)
        if self.notify:
            sent = nightly.send_digest(report, self.notify)
            self.crawler.stats.set_value("govcorpus/digest_sent", sent)


def _urls(value) -> list[str]:
    """Notification URLs: a list, or one string of URLs apart by white space."""
    if not value:
        return []
    return list(value) if isinstance(value, list | tuple) else str(value).split()

