"""Which host's request goes to the downloader next, when a thousand portals wait side by side.

Scrapy's `DownloaderAwarePriorityQueue` hands the next request to the host with the fewest
downloads under way. A slow host nearly always has one under way, so while the crawling process
is the bottleneck and the engine takes few requests, every fast host goes first: the largest slow
portal of a national night got its first document 23 s in and then crawled alone for a minute
after the rest were done.

`BacklogAwarePriorityQueue` shares the downloader among hosts in proportion to the time each
still needs: its backlog times its download delay (AutoThrottle's reading of how slowly it
answers). It is stride scheduling: a host is charged 1 / (backlog × delay) for each request it
gets and the least charged host goes next, so a slow host with much left gets many turns and its
politeness, not its place in a queue, sets its pace; a host joining (or rejoining with its next
page) starts at the highest charge served so far. A host with a download delay takes a request
only when it has none waiting in the downloader: one waiting request is all it needs to start
its next download the moment its delay allows, and what stays in the scheduler still counts in
its backlog.

A host's backlog is what waits in its queue, or more when the spider said how much its portal
will need (PORTAL_SIZE: the documents its remembered columns listed when last read), and among
hosts charged alike the one whose portal needs the most time goes first. At the start of a night
every portal has one request queued and every host that ran dry rejoins at the same charge, so
without it the slowest large portal's further list pages queued behind a thousand others' and
it got its first document 5 s late, on a night its pace bounds.

A portal already begun lists before new portals start: a host whose next request is a list page
that did not come from the spider's start (a department sub-column its column announced, a
column's further page) goes before the other hosts, as Scrapy's own queues serve other requests
before start requests; charges order each group. A list page leads to the portal's further
work, and without this a hub column's sub-columns waited behind every portal's first request:
on the 3,179-portal bench's second night, 12 s, and their portals finished last. Documents
stay in the charge order, so a large begun portal does not keep the others from starting.

Whichever host needs the most time (backlog × delay) goes before every group whenever it has
nothing waiting in the downloader: on a night bound by one slow portal, that portal's pace is
the night's. Without it, the further list pages of a thousand portals, answering in a night's
first seconds, went first, and with the downloader full of other hosts' requests the slowest
portal's documents waited 5 s for a place. Only a host with a download delay is lifted: it
holds at most one request waiting, so it costs the others one place at most.

Hosts are kept in a heap by group and charge, so a turn does not look at every host with work
(3,000 on a national night): it takes hosts off the heap, least charged first, setting aside
those with a request waiting in the downloader, until one is free. The downloader holds at most
CONCURRENT_REQUESTS requests, so at most that many hosts are ever set aside in one turn.
"""

from __future__ import annotations

import heapq
import itertools

from scrapy.http import Request
from scrapy.pqueues import DownloaderAwarePriorityQueue

from crawler.meta import LIST_PAGE, PORTAL_SIZE

MIN_DELAY = 0.01  # seconds: hosts without a delay (politeness off) weigh by backlog alone


class BacklogAwarePriorityQueue(DownloaderAwarePriorityQueue):
    """`SCHEDULER_PRIORITY_QUEUE`: hosts served in proportion to the time they still need."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # host slot -> what its turns have cost it (hosts of a resumed crawl start even)
        self._charged: dict[str, float] = dict.fromkeys(self.pqueues, 0.0)
        self._now = 0.0  # the highest charge served so far
        # requests handed out that have not started downloading, by host: downloader
        # middlewares may be asynchronous, so a request can take a few turns of the event loop
        # to reach its host's queue while the engine asks for several in a row
        self._handed: dict[str, list[Request]] = {}
        # (not listing, charge, -time its portal was said to need, entry number, host): an
        # entry is current while it is its host's last one; hosts charged alike go by the time
        # their portals need (PORTAL_SIZE × delay), then in the order they came (the spider
        # starts the largest first)
        self._heap: list[tuple[bool, float, float, int, str]] = []
        self._entry: dict[str, int] = {}
        self._heap_listing: dict[str, bool] = {}  # host -> its entry is in the listing group
        self._numbers = itertools.count()
        # host slot -> requests its portals were said to need (PORTAL_SIZE) less its turns since
        self._expected: dict[str, int] = {}
        # (-time the host needs, entry number, host): the host that needs the most on top; an
        # entry is current while it is its host's last one
        self._needs: list[tuple[float, int, str]] = []
        self._need_entry: dict[str, int] = {}
        for slot in self._charged:
            self._enter(slot)

    def push(self, request: Request) -> None:
        slot = self._downloader_interface.get_slot_key(request)
        if size := request.meta.pop(PORTAL_SIZE, None):  # taken off: a retry must not add again
            self._expected[slot] = self._expected.get(slot, 0) + size
        super().push(request)
        if slot not in self._charged:
            self._charged[slot] = self._now
            self._enter(slot)
        elif _leads(request) and not self._heap_listing.get(slot):
            self._enter(slot)  # it may now be the host's next request
        else:
            self._enter_need(slot)  # it needs more time now

    def pop(self) -> Request | None:
        slot = self._next_host()
        if slot is None:
            return None
        queue = self.pqueues[slot]
        self._now = max(self._now, self._charged[slot])
        self._charged[slot] += 1.0 / self._time_needed(slot)
        if expected := self._expected.get(slot, 0):
            self._expected[slot] = expected - 1
        request = queue.pop()
        self._handed.setdefault(slot, []).append(request)
        if len(queue) == 0:
            del self.pqueues[slot]
            del self._charged[slot]
            del self._entry[slot]
            del self._heap_listing[slot]
            del self._need_entry[slot]
            queue.close()
        else:
            self._enter(slot)  # by what it has next
        return request

    def peek(self) -> Request | None:
        slot = self._next_host()
        return None if slot is None else _next_request(self.pqueues[slot])

    def longest_backlog_s(self) -> float:
        """Seconds the requests queued for the host that needs the most time take at its delay
        (0: none). Its remembered size aside: on a second night a large portal is asked for
        a page or two."""
        slot = self._longest()
        return 0.0 if slot is None else len(self.pqueues[slot]) * self._delay(slot)

    def _next_host(self) -> str | None:
        """The least charged host without a request waiting in the downloader (None: every
        host with work has one waiting, so the downloader has all it can start); before it, the
        host that needs the most time, when it has a delay and nothing waiting."""
        longest = self._longest()
        if longest is not None and self._has_delay(longest) and not self._waiting(longest):
            return longest
        aside: list[tuple[bool, float, float, int, str]] = []
        found = None
        while self._heap and found is None:
            entry = heapq.heappop(self._heap)
            *_, number, slot = entry
            if self._entry.get(slot) != number:
                continue  # charged again or emptied since: a later entry stands for it
            aside.append(entry)
            if not self._waiting(slot):
                found = slot
        for entry in aside:
            heapq.heappush(self._heap, entry)
        return found

    def _enter(self, slot: str) -> None:
        """(Re)enter a host in the heap at its group and charge; its earlier entry goes stale."""
        number = next(self._numbers)
        self._entry[slot] = number
        listing = self._heap_listing[slot] = _leads(_next_request(self.pqueues[slot]))
        need = self._expected.get(slot, 0) * self._delay(slot)
        heapq.heappush(self._heap, (not listing, self._charged[slot], -need, number, slot))
        if len(self._heap) > 2 * len(self._entry) + 1024:  # drop the stale entries
            self._heap = _current(self._heap, self._entry)
        self._enter_need(slot)

    def _enter_need(self, slot: str) -> None:
        """(Re)enter a host in the heap of needs at the time it needs now."""
        number = next(self._numbers)
        self._need_entry[slot] = number
        heapq.heappush(self._needs, (-self._time_needed(slot), number, slot))
        if len(self._needs) > 2 * len(self._need_entry) + 1024:
            self._needs = _current(self._needs, self._need_entry)

    def _longest(self) -> str | None:
        """The host that needs the most time, as of its last entry."""
        while self._needs and self._need_entry.get(self._needs[0][-1]) != self._needs[0][-2]:
            heapq.heappop(self._needs)  # stale: entered again or emptied since
        return self._needs[0][-1] if self._needs else None

    def _waiting(self, slot: str) -> bool:
        """Whether a request handed out for this host has yet to start downloading (in a
        downloader middleware or behind the host's delay)."""
        handed = self._handed.get(slot)
        if not handed:
            return False
        downloader = self._downloader_interface.downloader
        host = downloader.slots.get(slot)
        transferring = host.transferring if host is not None else ()
        handed[:] = [request for request in handed
                     if request in downloader.active and request not in transferring]
        if not handed:
            del self._handed[slot]
            return False
        # without a delay (politeness off, as on the testbed) a host starts what it is given
        # at once, up to its concurrency: holding it to one request would idle the downloader
        return host is None or host.delay > 0 or len(handed) >= host.concurrency

    def _time_needed(self, slot: str) -> float:
        """What the host still needs: the larger of its backlog and its portals' remembered
        size, at its delay."""
        backlog = max(len(self.pqueues[slot]), self._expected.get(slot, 0))
        return backlog * self._delay(slot)

    def _has_delay(self, slot: str) -> bool:
        host = self._downloader_interface.downloader.slots.get(slot)
        return host is not None and host.delay > 0

    def _delay(self, slot: str) -> float:
        host = self._downloader_interface.downloader.slots.get(slot)
        return max(host.delay if host is not None else 0.0, MIN_DELAY)


def _current(heap: list[tuple], entries: dict[str, int]) -> list[tuple]:
    """The heap without its stale entries (those no longer their host's last)."""
    kept = [entry for entry in heap if entries.get(entry[-1]) == entry[-2]]
    heapq.heapify(kept)
    return kept


def _next_request(queue) -> Request | None:
    """What a host's queue (a `ScrapyPriorityQueue`) pops next: at the highest priority, a
    request not from the start before a start request. Its own `peek` shows the start request
    first, and fails while its current priority points at a queue just emptied."""
    others = {prio: q for prio, q in queue.queues.items() if q}
    starts = {prio: q for prio, q in getattr(queue, "_start_queues", {}).items() if q}
    if not others and not starts:
        return None
    prio = min(others.keys() | starts.keys())  # Scrapy keeps priorities negated
    return (others.get(prio) or starts[prio]).peek()


def _leads(request: Request | None) -> bool:
    """A list page asked after the night began: the portal's next work comes from it."""
    return (request is not None and bool(request.meta.get(LIST_PAGE))
            and not request.meta.get("is_start_request"))
