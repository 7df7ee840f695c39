"""Incremental fetching: conditional GETs from stored validators, and what a refetch says.

`ConditionalRequestMiddleware` adds If-None-Match / If-Modified-Since to document requests
(those with `meta[CONDITIONAL]`) from the validators stored for the URL, read one portal
at a time off the reactor thread (crawler/incremental/stored.py), and to list pages read
before (`meta[LIST_MEMORY]`), whose stored reading `stored_reading` hands back when the page
answers 304 or the same bytes (crawler/listing/reading.py). `history_items` turns a document
response into what storage needs when there is nothing to analyse: a 304 or the same bytes
(unchanged), a 404/410 or a redirect to the home page or a folder above the document (gone).
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response

from crawler.incremental.stored import StoredByPortal
from crawler.items import FaultItem, GoneItem, PageItem
from crawler.meta import (
    CONDITIONAL,
    LIST_MEMORY,
    LIST_TITLE,
    LISTED,
    PORTAL_CODE,
    REFERER,
    REFRESH_TO,
    STORED_READING,
    STORED_SHA256,
)
from govcorpus.fault_kinds import http_kind
from govcorpus.identity import canonical_url
from govcorpus.registry import Portal

logger = logging.getLogger(__name__)
CONDITIONAL_HEADERS = (b"If-None-Match", b"If-Modified-Since")
HISTORY_STATUSES = [304, 404, 410]  # what a document request hands to the spider itself
GONE_STATUSES = (404, 410)
INDEX_NAMES = ("index.html", "index.htm", "index.shtml", "index.jsp", "index.php")
HOME_PATHS = frozenset({"", "/", "/index.html", "/index.htm", "/index.shtml", "/index.jsp",
                        "/index.php", "/index.aspx", "/default.htm", "/default.html"})


class ConditionalRequestMiddleware:
    """Ask for a stored document only if it changed since the stored capture."""

    def __init__(self, stored: StoredByPortal, stats):
        self.stored = stored
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("GOVCORPUS_CONDITIONAL"):
            raise NotConfigured
        return cls(StoredByPortal.from_crawler(crawler), crawler.stats)

    def process_request(self, request: Request, spider=None) -> None:
        for name in CONDITIONAL_HEADERS:  # a redirect must not carry the first URL's validators
            request.headers.pop(name, None)
        if request.meta.get(LIST_MEMORY):
            return self._list_page(request)
        if not request.meta.get(CONDITIONAL):
            return None
        known = self.lookup(request.meta[PORTAL_CODE], request.url)
        if known is None:
            return None
        request.meta[STORED_SHA256] = known.body_sha256
        self._validators(request, known)
        return None

    def _list_page(self, request: Request) -> None:
        """A list page read before: its validators, and its reading to replay if unchanged."""
        request.meta.pop(STORED_READING, None)  # a redirect's target has a memory of its own
        request.meta.pop(STORED_SHA256, None)
        known = self.stored.current_list_page(request.meta[PORTAL_CODE], request.url)
        if known is None:  # no validators: a 304 would leave nothing to read
            return None
        request.meta[STORED_SHA256] = known.body_sha256
        request.meta[STORED_READING] = known.reading
        if self._validators(request, known):
            statuses = request.meta.get("handle_httpstatus_list", [])
            request.meta["handle_httpstatus_list"] = [*statuses, 304]
        return None

    def _validators(self, request: Request, known) -> bool:
        """Send what is stored of the URL's ETag and Last-Modified; whether there was any."""
        if known.etag:
            request.headers[b"If-None-Match"] = known.etag
        if known.last_modified:
            request.headers[b"If-Modified-Since"] = known.last_modified
        sent = bool(known.etag or known.last_modified)
        if sent:
            self.stats.inc_value("govcorpus/incremental/conditional_requests")
        return sent

    def lookup(self, portal_code: str, url: str):
        """What is stored of a URL (validators and all), or None for a document never stored."""
        portal = self.stored.get(portal_code)
        return portal.get(canonical_url(url)) if portal else None


def stored_reading(response: Response) -> dict[str, Any] | None:
    """The stored reading of a list page that answered 304 or its stored bytes again; None
    when the page is new or changed (it is then parsed)."""
    reading = response.meta.get(STORED_READING)
    if reading is None:
        return None
    if response.status == 304:
        return reading
    if response.status == 200 and \
            hashlib.sha256(response.body).hexdigest() == response.meta.get(STORED_SHA256):
        return reading
    return None


def history_items(response: Response, portal: Portal) -> list[Any] | None:
    """Items for a document response that needs no analysis, or None to analyse it."""
    meta = response.meta
    if response.status == 304:
        return [_unchanged(response, meta.get(STORED_SHA256))]
    redirects = meta.get("redirect_urls")
    asked = redirects[0] if redirects else response.url
    if response.status in GONE_STATUSES:
        return [_gone(response, asked, http_kind(response.status)),
                FaultItem(portal_code=meta[PORTAL_CODE], url=asked,
                          kind=http_kind(response.status), detail="document gone",
                          fetched_at=_now(), status=response.status)]
    if redirects and is_home(response.url, portal):
        return [_gone(response, asked, "redirect_home")]
    if redirects and is_parent(response.url, asked):
        return [_gone(response, asked, "redirect_parent")]
    if meta.get(REFRESH_TO):  # a removal stub refreshing to "../" (crawler/politeness/refresh.py)
        home = is_home(meta[REFRESH_TO], portal)
        return [_gone(response, asked, "redirect_home" if home else "redirect_parent")]
    stored = meta.get(STORED_SHA256)
    if stored and hashlib.sha256(response.body).hexdigest() == stored:
        return [_unchanged(response, stored)]
    return None


def is_home(url: str, portal: Portal) -> bool:
    """Whether a URL is the portal's home page (where taken-down articles often redirect)."""
    canonical = canonical_url(url)
    if any(canonical == canonical_url(start) for start in portal.start_urls):
        return True
    return urlsplit(url).path.lower() in HOME_PATHS


def is_parent(url: str, document_url: str) -> bool:
    """Whether a URL is a folder above the document's (or that folder's index page), where
    removed articles of TRS sites send their readers."""
    target, document = urlsplit(url), urlsplit(document_url)
    if target.netloc.lower() != document.netloc.lower():
        return False
    folder = target.path.rsplit("/", 1)[0] + "/"
    if target.path != folder and target.path.lower() not in {folder + name for name in
                                                              INDEX_NAMES}:
        return False
    return document.path.startswith(folder) and document.path != target.path


def _unchanged(response: Response, digest: str | None) -> PageItem:
    meta = response.meta
    return PageItem(
        portal_code=meta[PORTAL_CODE], url=response.url, status=response.status,
        headers=_headers(response), body=b"", fetched_at=_now(), referer=meta.get(REFERER),
        list_title=meta.get(LIST_TITLE), canonical_url=canonical_url(response.url),
        unchanged=True, listed=meta.get(LISTED, True), body_sha256=digest,
    )


def _gone(response: Response, url: str, reason: str) -> GoneItem:
    return GoneItem(portal_code=response.meta[PORTAL_CODE], url=url,
                    canonical_url=canonical_url(url), reason=reason, fetched_at=_now(),
                    status=response.status)


def _headers(response: Response) -> dict[str, str]:
    return {key.decode("latin-1"): b", ".join(values).decode("latin-1")
            for key, values in response.headers.items()}


def _now() -> datetime:
    return datetime.now(timezone.utc)
