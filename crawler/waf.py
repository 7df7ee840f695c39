"""WAF challenges: a portal answering 412/521 with a JavaScript cookie script is blocked.

The first challenge is recorded as a fault of kind "blocked"; every later request of that
portal is dropped before it is sent (counted as govcorpus/backed_off), so a blocked portal is
asked once, not hammered, for the rest of the run.
"""

from __future__ import annotations

import logging
import re

from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response

from crawler.faults import BackedOff, Refused

logger = logging.getLogger(__name__)
CHALLENGE_STATUSES = (412, 521)
CHALLENGE_SNIFF = 65536
CHALLENGE_SCRIPT = re.compile(
    rb"<script.*?(document\.cookie|\$_ts|__jsl_clearance|_0x[0-9a-f]{2,}|location\.(reload|href))",
    re.I | re.S,
)


def is_challenge(status: int, body: bytes) -> bool:
    """True for a WAF challenge page: status 412/521 and a script setting a cookie or reloading."""
    return status in CHALLENGE_STATUSES and bool(CHALLENGE_SCRIPT.search(body[:CHALLENGE_SNIFF]))


class WafBackoffMiddleware:
    """Downloader middleware: mark challenged portals blocked and stop requesting them."""

    def __init__(self, crawler=None) -> None:
        self.crawler = crawler
        self.blocked: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler) -> WafBackoffMiddleware:
        if not crawler.settings.getbool("GOVCORPUS_WAF_BACKOFF"):
            raise NotConfigured
        return cls(crawler)

    def process_request(self, request: Request, spider=None) -> None:
        if request.meta.get("portal_code") in self.blocked:
            self.crawler.stats.inc_value("govcorpus/backed_off")
            raise BackedOff(f"portal {request.meta['portal_code']} is blocked by a WAF")

    def process_response(self, request: Request, response: Response, spider=None) -> Response:
        code = request.meta.get("portal_code")
        if code is None or not is_challenge(response.status, response.body):
            return response
        if code in self.blocked:  # in flight when the first challenge came back
            self.crawler.stats.inc_value("govcorpus/blocked_in_flight")
            raise BackedOff(f"portal {code} is blocked by a WAF")
        self.blocked.add(code)
        self.crawler.stats.inc_value("govcorpus/blocked_portals")
        logger.warning("portal %s answers with a WAF challenge (HTTP %s); backing off",
                       code, response.status)
        raise Refused("blocked", f"HTTP {response.status} WAF challenge; portal backed off",
                      response)
