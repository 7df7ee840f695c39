"""WAF challenges: a portal answering 412/521 with a JavaScript cookie script is blocked.

Unless the browser gets past the challenge first (crawler/politeness/challenge.py): what
reaches this middleware is a challenge it could not pass, or had no Chromium for.

The first challenge is recorded as a fault of kind "blocked"; every later request of that
portal is dropped before it is sent (counted as govcorpus/backed_off), so a blocked portal is
asked once, not hammered, for the rest of the run. A soft block (govcorpus/soft_blocks.py:
a 200 with a tiny body or a challenge page, answering a document request) is a `soft_block` fault;
GOVCORPUS_SOFT_BLOCKS_IN_A_ROW of them from one portal block it the same way.
"""

from __future__ import annotations

import logging

from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response

from crawler.faults import BackedOff, Refused
from crawler.meta import CHALLENGE_NOTE, CONDITIONAL, PORTAL_CODE
from govcorpus.fault_kinds import BLOCKED, SOFT_BLOCK
from govcorpus.soft_blocks import CHALLENGE_SCRIPT, soft_block_reason

logger = logging.getLogger(__name__)
CHALLENGE_STATUSES = (412, 521)
CHALLENGE_SNIFF = 65536


def is_challenge(status: int, body: bytes) -> bool:
    """True for a WAF challenge page: status 412/521 and a script setting a cookie or reloading."""
    return status in CHALLENGE_STATUSES and bool(CHALLENGE_SCRIPT.search(body[:CHALLENGE_SNIFF]))


class WafBackoffMiddleware:
    """Downloader middleware: mark challenged portals blocked and stop requesting them."""

    def __init__(self, crawler=None, soft_blocks_in_a_row: int = 3, min_bytes: int = 64,
                 max_visible: int = 400) -> None:
        self.crawler = crawler
        self.blocked: set[str] = set()
        self.soft_blocks_in_a_row = soft_blocks_in_a_row
        self.min_bytes = min_bytes
        self.max_visible = max_visible
        self.soft_streak: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler) -> WafBackoffMiddleware:
        settings = crawler.settings
        if not settings.getbool("GOVCORPUS_WAF_BACKOFF"):
            raise NotConfigured
        return cls(crawler, settings.getint("GOVCORPUS_SOFT_BLOCKS_IN_A_ROW"),
                   settings.getint("GOVCORPUS_SOFT_BLOCK_MIN_BYTES"),
                   settings.getint("GOVCORPUS_SOFT_BLOCK_MAX_VISIBLE_BYTES"))

    def process_request(self, request: Request, spider=None) -> None:
        if request.meta.get(PORTAL_CODE) in self.blocked:
            self.crawler.stats.inc_value("govcorpus/backed_off")
            raise BackedOff(f"portal {request.meta['portal_code']} is blocked by a WAF")

    def process_response(self, request: Request, response: Response, spider=None) -> Response:
        code = request.meta.get(PORTAL_CODE)
        if code is None:
            return response
        if is_challenge(response.status, response.body):
            note = request.meta.get(CHALLENGE_NOTE)
            self._block(code, response, f"HTTP {response.status} WAF challenge"
                                        + (f" ({note})" if note else ""))
        if request.meta.get(CONDITIONAL):  # a document or a file: its text is at stake
            self._check_soft_block(code, response)
        return response

    def _check_soft_block(self, code: str, response: Response) -> None:
        reason = soft_block_reason(response.status, response.body, self.min_bytes,
                                   self.max_visible)
        if reason is None:
            self.soft_streak[code] = 0
            return
        self.crawler.stats.inc_value("govcorpus/soft_blocks")
        streak = self.soft_streak[code] = self.soft_streak.get(code, 0) + 1
        if streak >= self.soft_blocks_in_a_row:
            self._block(code, response, f"{streak} soft blocks in a row, the last a {reason}")
        raise Refused(SOFT_BLOCK, f"HTTP {response.status} {reason}; stored text kept",
                      response)

    def _block(self, code: str, response: Response, why: str) -> None:
        if code in self.blocked:  # in flight when the first challenge came back
            self.crawler.stats.inc_value("govcorpus/blocked_in_flight")
            raise BackedOff(f"portal {code} is blocked by a WAF")
        self.blocked.add(code)
        self.crawler.stats.inc_value("govcorpus/blocked_portals")
        logger.warning("portal %s answers with %s; backing off", code, why)
        raise Refused(BLOCKED, f"{why}; portal backed off", response)
