"""Every kind of fault the corpus records, one vocabulary for the crawler, the stages and storage.

A fault is a row of `faults` (run, portal, URL, kind, detail, status); docs/faults.md says what
each kind means for a researcher. Kinds are stored as these strings: renaming one is a
migration, not an edit.
"""

from __future__ import annotations

# the network and the answer (crawler/faults.py reads them off failures)
TIMEOUT = "timeout"
CONNECTION_LOST = "connection_lost"
CONNECTION_REFUSED = "connection_refused"
DNS = "dns"
CANCELLED = "cancelled"
DATA_LOSS = "data_loss"
TOO_LARGE = "too_large"
TRUNCATED_GZIP = "truncated_gzip"
BINARY_BODY = "binary_body"
REDIRECT_LIMIT = "redirect_limit"
# where the crawler may not go (crawler/politeness/address_guard.py)
PRIVATE_ADDRESS = "private_address"
REDIRECT_PRIVATE = "redirect_private"
REDIRECT_OFFSITE = "redirect_offsite"
REDIRECT_LOOP = "redirect_loop"
# robots.txt forbids the URL (Scrapy's RobotsTxtMiddleware, crawler/politeness/robots.py)
ROBOTS_FORBIDDEN = "robots_forbidden"
# portals that refuse scripts (crawler/politeness/waf.py, soft_blocks.py, storage's writer)
BLOCKED = "blocked"
SOFT_BLOCK = "soft_block"
# the browser (crawler/browser.py, crawler/politeness/challenge.py)
CHALLENGE_PASSED = "challenge_passed"
CHALLENGE_FAILED = "challenge_failed"
RENDER_FAILED = "render_failed"
# lists (crawler/listing/, the spider)
LIST_PAGE_LIMIT = "list_page_limit"
LIST_INCOMPLETE = "list_incomplete"
LIST_API_ERROR = "list_api_error"
COLUMN_MOVED = "column_moved"
# reading and analysing pages (the spider's fault middleware, the pipelines)
PARSE_ERROR = "parse_error"
STAGE_ERROR = "stage_error"

FAULT_KINDS = frozenset({
    TIMEOUT, CONNECTION_LOST, CONNECTION_REFUSED, DNS, CANCELLED, DATA_LOSS, TOO_LARGE,
    TRUNCATED_GZIP, BINARY_BODY, REDIRECT_LIMIT, PRIVATE_ADDRESS, REDIRECT_PRIVATE,
    REDIRECT_OFFSITE, REDIRECT_LOOP, ROBOTS_FORBIDDEN, BLOCKED, SOFT_BLOCK, CHALLENGE_PASSED,
    CHALLENGE_FAILED, RENDER_FAILED, LIST_PAGE_LIMIT, LIST_INCOMPLETE, LIST_API_ERROR, COLUMN_MOVED,
    PARSE_ERROR, STAGE_ERROR,
})
"""The named kinds; an HTTP error status is `http_<status>` (http_kind)."""


def http_kind(status: int) -> str:
    """The kind of an HTTP error answer: http_404, http_503 …"""
    return f"http_{status}"


WAF_KINDS = (BLOCKED, http_kind(412), http_kind(521))
"""Kinds of a WAF challenge: the `blocked` the crawler records, and the challenge statuses."""
TAKEDOWN_KINDS = (http_kind(404), http_kind(410))
"""Kinds of a document taken down (the history records it gone)."""
NO_ANSWER_KINDS = frozenset({TIMEOUT, CONNECTION_REFUSED, DNS, CONNECTION_LOST})
"""Kinds of a request that got no answer at all: a portal with only these answered nothing."""
