"""The crawl's one database engine, on GOVCORPUS_DB_URL.

The store stage, the stored-state reads of incremental crawling, the recheck of unlisted
documents, portal health and the run's report all use it, so one crawl process holds one
connection pool (the advisory crawl lock keeps a connection of its own, crawler/runtime/
run_lock.py). Built after the other extensions, it is the last to hear `engine_stopped`, when
it closes the pool.
"""

from __future__ import annotations

import sqlalchemy as sa
from scrapy import signals

from storage.engine import make_engine


class CorpusDatabase:
    def __init__(self, db_url: str) -> None:
        self.engine = make_engine(db_url)

    @classmethod
    def from_crawler(cls, crawler) -> CorpusDatabase:
        database = cls(crawler.settings.get("GOVCORPUS_DB_URL"))
        crawler.signals.connect(database.engine_stopped, signal=signals.engine_stopped)
        return database

    def engine_stopped(self) -> None:
        self.engine.dispose()


def corpus_engine_if_any(crawler) -> sa.Engine | None:
    """The crawl's engine, or None for a crawl without the corpus (bench/naive_crawl.py)."""
    database = crawler.get_extension(CorpusDatabase)
    return None if database is None else database.engine


def corpus_database(crawler) -> sa.Engine:
    """The crawl's engine (from the time the extensions exist: not in a spider's from_crawler)."""
    engine = corpus_engine_if_any(crawler)
    if engine is None:
        raise RuntimeError("the crawl has no database: enable crawler.runtime.database."
                           "CorpusDatabase in EXTENSIONS")
    return engine
