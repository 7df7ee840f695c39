"""What the corpus holds per portal is read in a thread before the crawl needs it, once per
portal, and only for portals that hold anything; memory is bounded by documents."""

from __future__ import annotations

import asyncio

import pytest

from crawler.incremental.stored import StoredByPortal
from tests.stored_pages import page, writer_for

URL = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/t{}.htm"
EMPTY_PORTAL = "350102"


@pytest.fixture
def stored(db_url) -> str:
    writer = writer_for(db_url)
    writer.add_page(page(1, "报告正文", list_title="平潭2023年度报告"))
    writer.add_page(page(2, "另一份报告", list_title="平潭2024年度报告"))
    writer.flush()
    writer.close()
    return db_url


def load(store: StoredByPortal, *codes: str) -> None:
    async def run() -> None:
        await asyncio.gather(*(store.load(code) for code in codes))
        for code in codes:  # loaded already: no second read
            await store.load(code)

    asyncio.run(run())


def test_portals_are_read_in_a_thread_once_and_only_if_they_hold_documents(stored):
    store = StoredByPortal(stored)
    load(store, "350128", "350128", EMPTY_PORTAL)
    documents = store.get("350128")
    assert store.reads == 1 and store.sync_reads == 0
    assert set(documents) == {URL.format(1), URL.format(2)}
    first = documents[URL.format(1)]
    assert (first.etag, first.list_title, first.gone) == ('"1-4"', "平潭2023年度报告", False)
    assert store.get(EMPTY_PORTAL) == {} and store.reads == 1
    store.close()


def test_memory_holds_at_most_the_documents_allowed(stored):
    store = StoredByPortal(stored, max_documents=1)
    load(store, "350128")
    load(store, EMPTY_PORTAL)  # the least recently used portal goes
    assert list(store.cache) == [EMPTY_PORTAL] and store.held == 0
    assert len(store.get("350128")) == 2  # read again, on the spot this time
    assert store.sync_reads == 1
    store.close()


def test_a_corpus_without_schema_gives_nothing_stored(tmp_path):
    store = StoredByPortal(f"sqlite:///{tmp_path / 'empty.db'}")
    load(store, "350128")
    assert store.get("350128") == {} and store.sync_reads == 0
    store.close()
