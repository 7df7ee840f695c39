"""When a listed document is asked for again: its revisit interval and its list title."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crawler.incremental.revisit import RevisitPolicy, revisit_interval
from tests.stored_pages import T0, page, writer_for

URL = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/t{}.htm"


def test_each_document_waits_between_half_and_all_of_the_interval():
    intervals = [revisit_interval(URL.format(n), 7) for n in range(200)]
    assert all(timedelta(days=3.5) <= i <= timedelta(days=7) for i in intervals)
    assert max(intervals) - min(intervals) > timedelta(days=3)  # spread, not one night
    assert revisit_interval(URL.format(1), 7) == revisit_interval(URL.format(1), 7)


@pytest.fixture
def stored(db_url) -> str:
    writer = writer_for(db_url)
    writer.add_page(page(1, "报告正文", list_title="平潭2023年度报告"))
    writer.add_page(page(2, "另一份报告", list_title="平潭2024年度报告"))
    writer.flush()
    writer.close()
    return db_url


def policy(db_url: str, days: float, after: timedelta) -> RevisitPolicy:
    return RevisitPolicy(db_url, days, now=T0 + after)


def test_an_unchanged_entry_is_due_only_after_its_interval(stored):
    url = URL.format(1)
    interval = revisit_interval(url, 7)
    assert not policy(stored, 7, timedelta(hours=20)).due("350128", url, "平潭2023年度报告")
    assert not policy(stored, 7, interval - timedelta(minutes=1)).due("350128", url, None)
    assert policy(stored, 7, interval).due("350128", url, "平潭2023年度报告")


def test_a_new_title_a_new_url_or_no_interval_is_due_at_once(stored):
    soon = timedelta(hours=1)
    assert policy(stored, 7, soon).due("350128", URL.format(1), "平潭2023年度报告（更正）")
    assert policy(stored, 7, soon).due("350128", URL.format(3), "新报告")
    assert policy(stored, 0, soon).due("350128", URL.format(2), "平潭2024年度报告")
    assert not policy(stored, 7, soon).due("350128", URL.format(2), "平潭2024年度报告")
