"""The keys govcorpus puts in `Request.meta`, each said once: who sets it and who reads it.

Scrapy's own keys that the crawler also reads (`redirect_urls`, `depth`, `download_latency`,
`handle_httpstatus_list`, `dont_filter`) keep Scrapy's names and meanings.
"""

from __future__ import annotations

PORTAL_CODE = "portal_code"
"""GB/T 2260 code of the registry portal a request belongs to: set on every request the spider
makes; politeness, incremental crawling, health and faults are all kept per portal by it."""

HOPS = "hops"
"""Navigation pages walked from a start URL towards a 年报 column (spider; bounded by
GOVCORPUS_MAX_HOPS)."""

COLUMN = "column"
"""The first page of the list column a list page, API call or document came from: its
per-column tallies (crawler/listing/tallies.py)."""

NAV_PATH = "nav_path"
"""The pages walked from a start URL to this one, as (URL, link text) pairs: what a column found
by the walk is remembered with (crawler/listing/discovery.py)."""

FOUND_BY = "found_by"
"""How the column a request opens was recognised (discovery.FOUND_BY): set when a walk or a
hint leads to a column, so its first page is remembered."""

REMEMBERED = "remembered"
"""A remembered column read instead of walking from the home page: judged ok or failed."""

ADAPTER = "adapter"
"""Name of the CMS list adapter whose API answers a request (crawler/listing/adapters/)."""

CALL = "call"
"""The adapter's API call (an `ApiCall`: URL, method, form) a request carries out."""

TRIED = "tried_paths"
"""The API calls of the same list page that failed before this one ("URL: why"), kept for the
fault if this, their fallback, fails too."""

CONDITIONAL = "conditional"
"""A document or file request: sent with the stored validators (crawler/incremental/
conditional.py), its answer compared with the stored bytes, a challenge on it is a soft block."""

STORED_SHA256 = "stored_sha256"
"""SHA-256 of the stored body of a conditional request's URL (set by the conditional middleware,
read when the answer comes back)."""

LIST_MEMORY = "list_memory"
"""A list page whose reading may be replayed (crawler/listing/reading.py): the conditional
middleware sends the page's stored validators and puts its stored reading in STORED_READING."""

LIST_PAGE = "list_page"
"""A list page (a column's first or further page, a department sub-column): set by the spider.
A portal whose next request is a list page that did not come from the spider's start goes
before the portals not yet started (crawler/politeness/scheduling.py)."""

PORTAL_SIZE = "portal_size"
"""The documents a portal's remembered columns listed when last read: set on the first request
of a portal started from them, so the scheduler weighs its host by the work it will have, not by
the one request queued at the start of the night (crawler/politeness/scheduling.py)."""

STORED_READING = "stored_reading"
"""The stored reading of a LIST_MEMORY request's page, replayed by the spider when the page
answers 304 or its stored bytes again (set by the conditional middleware)."""

LISTED = "listed"
"""False for a document fetched to recheck it after its list stopped showing it."""

LIST_TITLE = "list_title"
"""The link text the list gave a document (its title when the page has none)."""

REFERER = "referer"
"""The list page (or parent page) a document was found on."""

PARENT_URL = "parent_url"
"""The page an attachment file was linked from."""

REFRESH_TO = "refresh_to"
"""Where a document's meta refresh pointed (crawler/politeness/refresh.py): a removal stub
sending readers home is a gone document."""

FAULT_NOTES = "govcorpus_faults"
"""Faults noticed in a response that is still kept, as (kind, detail) pairs: noted by the
downloader middlewares (crawler/faults.py), turned into fault items by the spider middleware."""

CHALLENGE_NOTE = "challenge_note"
"""Why the browser did not get a request's portal past its challenge (crawler/politeness/
challenge.py): the WAF middleware puts it in the portal's `blocked` fault."""

RENDER = "render"
"""A column page to load in the browser because its scripts build its list (set by the
spider, carried out by crawler/politeness/challenge.py's BrowserMiddleware)."""

XHRS = "xhrs"
"""The XHR calls a rendered column's scripts made, with their answers (crawler/browser.py
`Xhr`): set by BrowserMiddleware, read by the spider to remember the column's list call."""

RENDER_INSTEAD = "render_instead"
"""On the first call of a remembered XHR list (crawler/listing/adapters/xhr_json.py): the
column page to render in the browser if the call fails, and whether the column was
remembered (the spider sets and reads it)."""
