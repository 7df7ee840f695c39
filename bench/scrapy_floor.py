"""Scrapy alone on a night's requests: the floor under an incremental night's wall time.

    python bench/scrapy_floor.py CORPUS.db RUN_ID [NAME=VALUE ...]

Asks again, with a bare Scrapy spider, every list page the run asked for (from
`list_pages.asked_at`), each with the ETag and Last-Modified the corpus holds for it, so the
portals answer 304 as they did to the run. Nothing of the crawler is used: no middleware,
pipeline or extension of its own, no database on the way, no robots.txt; the politeness
settings given as NAME=VALUE (the bench's scaled clocks) and 2 requests per host as in the
crawl. What is left is Scrapy's and Twisted's own cost per request and the portals'
latencies. Ends with one line: RESULT floor_requests=… floor_s=…
"""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:] = [str(BENCH.parent), *(p for p in sys.path if Path(p or ".").resolve() != BENCH)]

import scrapy  # noqa: E402
from scrapy.crawler import CrawlerProcess  # noqa: E402

BARE = {"LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": False, "ROBOTSTXT_OBEY": False,
        "CONCURRENT_REQUESTS": 256, "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
        "AUTOTHROTTLE_ENABLED": True, "RETRY_TIMES": 2, "HTTPERROR_ALLOW_ALL": True,
        "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.DownloaderAwarePriorityQueue"}


def asked_pages(db_file: Path, run_id: int) -> list[tuple[str, str | None, str | None]]:
    """(url, etag, last_modified) of each list page asked for since the run started."""
    with sqlite3.connect(db_file) as conn:
        (started,) = conn.execute("select started_at from crawl_runs where id = ?",
                                  (run_id,)).fetchone()
        return conn.execute("select url, etag, last_modified from list_pages "
                            "where asked_at >= ? order by url", (started,)).fetchall()


class FloorSpider(scrapy.Spider):
    name = "floor"

    def __init__(self, pages: list[tuple[str, str | None, str | None]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.pages = pages

    async def start(self):
        for url, etag, modified in self.pages:
            headers = {"If-None-Match": etag} if etag else {}
            if modified:
                headers["If-Modified-Since"] = modified
            yield scrapy.Request(url, headers=headers, dont_filter=True)

    def parse(self, response):
        yield {"status": response.status}


def main() -> None:
    db_file, run_id = Path(sys.argv[1]), int(sys.argv[2])
    settings = dict(BARE)
    settings.update(pair.split("=", 1) for pair in sys.argv[3:])
    pages = asked_pages(db_file, run_id)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(FloorSpider)
    process.crawl(crawler, pages=pages)
    started = time.monotonic()
    process.start()
    wall = time.monotonic() - started
    statuses = crawler.stats.get_value("downloader/response_status_count/304", 0)
    print(f"scrapy alone: {len(pages)} list pages in {wall:.1f} s, {statuses} answered 304")
    print(f"RESULT floor_requests={len(pages)} floor_s={wall:.1f}")


if __name__ == "__main__":
    main()
