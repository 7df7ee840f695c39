"""The naive baseline: the same spider, trafilatura.extract in the callback, one commit per row.

`python bench/naive_crawl.py REGISTRY DB_FILE` — what a first Scrapy crawler usually looks like.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

# Run as a script: drop bench/ from the path, its incremental.py would shadow Twisted's import.
BENCH = Path(__file__).resolve().parent
sys.path[:] = [str(BENCH.parent), *(p for p in sys.path if Path(p or ".").resolve() != BENCH)]

import trafilatura  # noqa: E402
from scrapy.crawler import CrawlerProcess  # noqa: E402

from crawler.spiders.portal import PortalSpider  # noqa: E402
from govcorpus.cli.crawl import project_settings  # noqa: E402
from testbed.settings import TESTBED_SETTINGS  # noqa: E402


class NaiveSpider(PortalSpider):
    """Extracts in the callback and commits every row on its own."""

    name = "naive"

    def __init__(self, db_file: str, **kwargs):
        super().__init__(**kwargs)
        self.db = sqlite3.connect(db_file)
        self.db.execute("create table if not exists pages (url text primary key, title text, "
                        "text text, body blob)")

    def parse_detail(self, response):
        text = trafilatura.extract(response.text, include_tables=True)
        title = response.css("title::text").get()
        self.db.execute("insert or replace into pages values (?, ?, ?, ?)",
                        (response.url, title, text, response.body))
        self.db.commit()
        yield from ()


def main(registry: str, db_file: str) -> None:
    settings = project_settings({**TESTBED_SETTINGS, "ITEM_PIPELINES": {}, "EXTENSIONS": {},
                                 "LOG_LEVEL": "ERROR", "GOVCORPUS_ATTACHMENTS": False,
                                 # no corpus: nothing remembered, nothing stored to ask after
                                 "GOVCORPUS_REMEMBER_COLUMNS": False,
                                 "GOVCORPUS_CONDITIONAL": False, "GOVCORPUS_REVISIT_DAYS": 0})
    process = CrawlerProcess(settings)
    process.crawl(NaiveSpider, registry=registry, db_file=db_file)
    process.start()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
