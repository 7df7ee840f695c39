"""The national scheduler: hosts get turns in proportion to the time they still need, and never
more than one request waiting in the downloader (crawler/politeness/scheduling.py)."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.core.downloader import Slot
from scrapy.core.engine import ExecutionEngine
from scrapy.squeues import FifoMemoryQueue
from scrapy.utils.test import get_crawler

from crawler.meta import LIST_PAGE, PORTAL_SIZE
from crawler.politeness.scheduling import BacklogAwarePriorityQueue
from crawler.spiders.portal import PortalSpider

FAST, SLOW, SMALL, LONG = "fast.gov.cn", "slow.gov.cn", "small.gov.cn", "long.gov.cn"


@pytest.fixture
def queue():
    """The queue beside a real engine and downloader that download nothing (no handlers,
    so no reactor is needed): a test moves requests through the downloader's own sets."""
    crawler = get_crawler(PortalSpider, {
        "DOWNLOAD_DELAY": 0.5, "DOWNLOAD_HANDLERS": {"http": None, "https": None}})
    crawler.engine = ExecutionEngine(crawler, lambda _: None)
    # start requests kept apart in each host's queue, as Scrapy's scheduler does
    return BacklogAwarePriorityQueue.from_crawler(crawler, FifoMemoryQueue, "",
                                                  start_queue_cls=FifoMemoryQueue)


def push(queue, host: str, count: int, **meta) -> None:
    for i in range(count):
        queue.push(Request(f"http://{host}/t{i}.html", meta=meta))


def host_of(request: Request) -> str:
    return request.url.split("/")[2]


def test_hosts_get_turns_in_proportion_to_their_backlog(queue):
    push(queue, FAST, 30)
    push(queue, SMALL, 3)
    order = [host_of(queue.pop()) for _ in range(11)]
    # each turn costs 1/backlog: the small host's first turn costs 1/3, as much as the fast
    # host's turns with 30, 29 … 22 left (1/30 + … + 1/22 = 0.30 < 1/3 < 0.35 with 1/21)
    assert order == [FAST, SMALL] + [FAST] * 8 + [SMALL]


def test_a_slow_host_gets_more_turns_than_a_fast_one_with_the_same_backlog(queue):
    downloader = queue._downloader_interface.downloader
    push(queue, LONG, 100)
    push(queue, FAST, 20)
    push(queue, SLOW, 20)
    downloader.slots[LONG] = Slot(concurrency=2, delay=1.0)
    downloader.slots[FAST] = Slot(concurrency=2, delay=0.1)
    downloader.slots[SLOW] = Slot(concurrency=2, delay=0.5)
    # the host needing the most time goes first (below); while its request waits behind its
    # delay, the others share the turns
    downloader.active.add(long_first := queue.pop())
    assert host_of(long_first) == LONG
    order = [host_of(queue.pop()) for _ in range(12)]
    # a turn costs 1 / (backlog × delay): 10/20 for the fast host's first, 2/20, 2/19 … for the
    # slow one's, so the slow host gets five turns to the fast one's next (2/20+…+2/16 = 0.56)
    assert order == [FAST] + [SLOW] * 5 + [FAST] + [SLOW] * 4 + [FAST]


def test_a_host_with_a_request_waiting_in_the_downloader_gets_no_second_one(queue):
    downloader = queue._downloader_interface.downloader
    push(queue, FAST, 3)
    push(queue, SLOW, 5)
    first = queue.pop()
    assert host_of(first) == FAST  # equal charges: the host that came first
    downloader.active.add(first)  # the downloader holds it: behind the delay or a middleware
    second = queue.pop()
    assert host_of(second) == SLOW  # the fast host is cheaper still, but has one waiting
    downloader.active.add(second)
    assert queue.pop() is None  # every host with work has one waiting
    assert len(queue) == 6  # nothing is lost: the rest waits in the scheduler
    downloader.slots[host_of(first)] = slot = Slot(concurrency=2, delay=0.5)
    slot.transferring.add(first)  # the first one starts downloading: its host may have more
    assert host_of(queue.pop()) == FAST


def test_a_host_without_a_delay_takes_requests_up_to_its_concurrency(queue):
    downloader = queue._downloader_interface.downloader
    downloader.slots[FAST] = Slot(concurrency=3, delay=0)  # politeness off: starts at once
    push(queue, FAST, 5)
    for _ in range(3):
        downloader.active.add(queue.pop())
    assert queue.pop() is None  # three handed out, none started yet: its concurrency is full


def test_a_host_that_runs_dry_and_comes_back_starts_at_the_highest_charge_served(queue):
    push(queue, FAST, 4)
    push(queue, SMALL, 1)
    # without a downloader slot a turn costs 1 / (backlog × 0.01): fast (charged 0, came
    # first), small (0, then runs dry), fast (25); small comes back at 25, below fast's 58.3
    order = [host_of(queue.pop()) for _ in range(3)]
    push(queue, SMALL, 1)
    order += [host_of(queue.pop()) for _ in range(3)]
    assert order == [FAST, SMALL, FAST, SMALL, FAST, FAST]
    assert queue.pop() is None and len(queue) == 0


def test_among_many_hosts_the_least_charged_free_one_goes_next(queue):
    hosts = [f"h{i:03d}.gov.cn" for i in range(300)]
    for i, host in enumerate(hosts):
        push(queue, host, 1 + i % 3)
    first = [host_of(queue.pop()) for _ in range(300)]
    assert first == hosts  # all start at charge 0: one turn each, in the order they came
    second = [host_of(queue.pop()) for _ in range(200)]
    # the hosts left with work: those that had 2 or 3; charged 1/(k × 0.01) for k waiting, so
    # those with 3 (charged 33.3) before those with 2 (charged 50), each group in the order
    # of its first turns
    assert second == [h for i, h in enumerate(hosts) if i % 3 == 2] + \
        [h for i, h in enumerate(hosts) if i % 3 == 1]


def test_hosts_charged_alike_go_in_the_order_they_came_not_by_name(queue):
    push(queue, SLOW, 2)  # the spider starts the largest portals first; names say nothing
    push(queue, FAST, 2)
    push(queue, SMALL, 2)
    assert [host_of(queue.pop()) for _ in range(3)] == [SLOW, FAST, SMALL]


# a remembered column, as the spider's start yields it
COLUMN = {LIST_PAGE: True, "is_start_request": True}


def test_a_begun_portal_lists_before_new_portals_start(queue):
    hosts = [f"h{i:03d}.gov.cn" for i in range(300)]
    for host in hosts:
        push(queue, host, 1, **COLUMN)
    assert [host_of(queue.pop()) for _ in range(5)] == hosts[:5]
    # the first portal's column was a hub: it announces 13 department sub-columns
    for i in range(13):
        queue.push(Request(f"http://{hosts[0]}/sub{i}/index.html", meta={LIST_PAGE: True}))
    # not after the 295 portals still to start, and not one at a time: none of them is
    # waiting in the downloader yet (the fixture's hosts have no downloader slot)
    assert [host_of(queue.pop()) for _ in range(13)] == [hosts[0]] * 13
    assert [host_of(queue.pop()) for _ in range(3)] == hosts[5:8]
    assert len(queue) == 292


def test_a_begun_portals_documents_wait_their_turn_behind_new_portals(queue):
    hosts = [f"h{i:03d}.gov.cn" for i in range(30)]
    for host in hosts:
        push(queue, host, 1, **COLUMN)
    assert host_of(queue.pop()) == hosts[0]
    push(queue, hosts[0], 40)  # its column listed 40 documents
    # charged by the time each needs: 1/(40 × 0.01) a turn against 1/0.01 for one column,
    # the hosts still at 0 go first
    assert [host_of(queue.pop()) for _ in range(29)] == hosts[1:]
    assert host_of(queue.pop()) == hosts[0]


def test_a_further_list_page_behind_a_document_does_not_lift_its_host(queue):
    push(queue, FAST, 1, **COLUMN)
    push(queue, SMALL, 1, **COLUMN)
    assert host_of(queue.pop()) == FAST
    queue.push(Request(f"http://{FAST}/doc1.html", priority=1))  # the first document first
    queue.push(Request(f"http://{FAST}/index_1.html", meta={LIST_PAGE: True}))
    assert host_of(queue.pop()) == SMALL  # FAST's next request is a document


def test_a_begun_portal_with_columns_still_to_start_lists_first_too(queue):
    queue.push(Request(f"http://{FAST}/a/index.html", meta=COLUMN))
    queue.push(Request(f"http://{FAST}/b/index.html", meta=COLUMN))
    push(queue, SMALL, 1, **COLUMN)
    assert host_of(queue.pop()) == FAST  # column a: a hub
    queue.push(Request(f"http://{FAST}/a/sub/index.html", meta={LIST_PAGE: True}))
    # FAST's own queue gives the sub-column before its column b, so FAST goes first
    assert queue.pop().url == f"http://{FAST}/a/sub/index.html"


def test_a_host_whose_first_document_went_keeps_its_turns(queue):
    push(queue, FAST, 2, **COLUMN)
    assert host_of(queue.pop()) == FAST
    queue.push(Request(f"http://{FAST}/doc1.html", priority=1))  # its first document
    queue.push(Request(f"http://{FAST}/doc2.html"))
    # the document of priority 1 goes, the host's queue then has nothing left at that
    # priority: Scrapy's own peek fails there, the scheduler must not
    assert [queue.pop().url for _ in range(3)] == [
        f"http://{FAST}/doc1.html", f"http://{FAST}/doc2.html", f"http://{FAST}/t1.html"]
    assert queue.pop() is None


def test_peek_shows_what_pop_gives_next(queue):
    push(queue, FAST, 2, **COLUMN)
    assert host_of(queue.pop()) == FAST
    queue.push(Request(f"http://{FAST}/doc1.html", priority=1))
    queue.push(Request(f"http://{FAST}/doc2.html"))
    seen = []
    while (shown := queue.peek()) is not None:
        popped = queue.pop()
        assert popped is shown
        seen.append(popped.url)
    assert seen == [f"http://{FAST}/doc1.html", f"http://{FAST}/doc2.html",
                    f"http://{FAST}/t1.html"]


def test_a_portal_said_to_be_large_lists_before_portals_said_to_be_small(queue):
    hosts = [f"h{i:03d}.gov.cn" for i in range(300)]
    for i, host in enumerate(hosts):  # the last host's columns listed 120 documents
        push(queue, host, 1, **COLUMN, **{PORTAL_SIZE: 120 if i == 299 else 20})
    # all charged 0: the large one first, then the others in the order they came
    assert [host_of(queue.pop()) for _ in range(300)] == [hosts[299], *hosts[:299]]
    for host in hosts:  # each column's further page, in the order their first pages answered
        queue.push(Request(f"http://{host}/index_1.html", meta={LIST_PAGE: True}))
    # each ran dry and comes back at the highest charge served (0): the large portal, with the
    # most time left, first (without PORTAL_SIZE it would wait behind the 299 others)
    assert host_of(queue.pop()) == hosts[299]
    assert [host_of(queue.pop()) for _ in range(3)] == hosts[:3]


def test_a_portals_size_counts_once_when_its_request_comes_back(queue):
    column = Request(f"http://{SLOW}/index.html", meta={**COLUMN, PORTAL_SIZE: 50})
    queue.push(column)
    push(queue, FAST, 3)
    assert queue.pop() is column
    queue.push(column)  # retried after a timeout: the same request again
    assert queue._expected == {SLOW: 49}
    assert PORTAL_SIZE not in column.meta


def test_the_host_that_needs_the_most_time_goes_first_whenever_it_has_nothing_waiting(queue):
    downloader = queue._downloader_interface.downloader
    hosts = [f"h{i:03d}.gov.cn" for i in range(300)]
    for host in hosts:
        push(queue, host, 1, **COLUMN)
    push(queue, SLOW, 40)  # its column listed 40 documents
    downloader.slots[SLOW] = slow = Slot(concurrency=2, delay=0.6)
    assert host_of(first := queue.pop()) == SLOW
    downloader.active.add(first)  # behind its delay: the others go
    assert [host_of(queue.pop()) for _ in range(3)] == hosts[:3]
    for host in hosts[:3]:  # their columns' further pages: begun portals list first
        queue.push(Request(f"http://{host}/index_1.html", meta={LIST_PAGE: True}))
    slow.transferring.add(first)  # its document starts downloading
    # nothing of SLOW waits now: it goes before the list pages and the 297 new portals
    downloader.active.add(second := queue.pop())
    assert host_of(second) == SLOW
    assert [host_of(queue.pop()) for _ in range(3)] == hosts[:3]  # their list pages


def test_a_host_without_a_delay_is_not_lifted_for_its_size(queue):
    downloader = queue._downloader_interface.downloader
    push(queue, SMALL, 1, **COLUMN)
    push(queue, FAST, 40)
    downloader.slots[FAST] = Slot(concurrency=8, delay=0.0)  # politeness off: no delay
    assert host_of(queue.pop()) == SMALL  # the order they came, not FAST's size
