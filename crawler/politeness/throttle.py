"""AutoThrottle reading a host's latency from its last few answers, not from its last one alone.

A latency reading (Scrapy's `download_latency`) is the server's time plus the time this process's
event loop took to send the request and to notice the answer. AutoThrottle takes any reading
above the host's delay at once, as its new delay. On the first half-minute of a national night,
when a thousand portals' list pages keep the loop busy (33–44 ms late on average), the slowest
portal's readings were 0.79 s against 0.59 s when it was crawled alone; its delay followed, and
it answered 7–10 requests in ten seconds against 12–13 alone, on a night its pace bounds.

The loop only ever adds to a reading, so the least of a host's last few readings is the closest
to the server's own time: AutoThrottle is given that. A server that really slows down is
followed after GOVCORPUS_THROTTLE_READINGS answers (3) instead of one; a host never has more
than CONCURRENT_REQUESTS_PER_DOMAIN requests under way meanwhile. (AUTOTHROTTLE_DEBUG's log
lines are not written.)
"""

from __future__ import annotations

from collections import deque

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.extensions.throttle import AutoThrottle
from scrapy.http import Response


class SteadyAutoThrottle(AutoThrottle):
    """Scrapy's AutoThrottle, each host's delay set from the least of its last few readings."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.readings = max(1, crawler.settings.getint("GOVCORPUS_THROTTLE_READINGS", 3))
        self._recent: dict[str, deque[float]] = {}  # download slot -> its last readings

    def _response_downloaded(self, response: Response, request: Request, spider: Spider
                             ) -> None:
        key, slot = self._get_slot(request, spider)
        latency = request.meta.get("download_latency")
        if (latency is None or slot is None
                or request.meta.get("autothrottle_dont_adjust_delay", False) is True):
            return
        recent = self._recent.setdefault(key, deque(maxlen=self.readings))
        recent.append(latency)
        self._adjust_delay(slot, min(recent), response)
