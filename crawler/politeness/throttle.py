"""AutoThrottle reading a host's latency from its last few answers, not from its last one alone.

A latency reading (Scrapy's `download_latency`) is the server's time plus the time this process's
event loop took to send the request and to notice the answer. AutoThrottle takes any reading
above the host's delay at once as its new delay, so one late turn of the loop slows a host for
several requests: on the first half-minute of a national night, when a thousand portals' list
pages keep the loop busy, the slowest portal's readings were 0.79 s on average against 0.59 s
when it was crawled alone, and its delay followed them up.

AutoThrottle is given the median of the host's last GOVCORPUS_THROTTLE_READINGS readings (3):
one late reading, the loop's or the server's, does not move the delay; a server that really
slows down is followed at its second slow answer instead of its first; a host never has more
than CONCURRENT_REQUESTS_PER_DOMAIN requests under way meanwhile. On a steady server the
median is its usual latency, so the pace is AutoThrottle's own. (AUTOTHROTTLE_DEBUG's log
lines are not written.)
"""

from __future__ import annotations

from collections import deque
from statistics import median

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.extensions.throttle import AutoThrottle
from scrapy.http import Response


class SteadyAutoThrottle(AutoThrottle):
    """Scrapy's AutoThrottle, each host's delay set from the median of its last few readings."""

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
        self._adjust_delay(slot, median(recent), response)
