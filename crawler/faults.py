"""Faults as data: refusals, fault kinds of failed requests, and faults found in good responses."""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import datetime, timezone
from typing import Any

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request, Response
from twisted.python.failure import Failure

from crawler.items import FaultItem
from crawler.meta import FAULT_NOTES, PORTAL_CODE
from govcorpus.fault_kinds import (
    BINARY_BODY,
    CANCELLED,
    CONNECTION_LOST,
    CONNECTION_REFUSED,
    DATA_LOSS,
    DNS,
    PARSE_ERROR,
    REDIRECT_LIMIT,
    ROBOTS_FORBIDDEN,
    TIMEOUT,
    TOO_LARGE,
    TRUNCATED_GZIP,
    http_kind,
)

GZIP_CHUNK = 1 << 16
BINARY_SNIFF = 4096
CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])  # never in text, whatever its codec
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
_ERROR_KINDS = (  # (text in the exception's type name or message, fault kind)
    ("Forbidden by robots.txt", ROBOTS_FORBIDDEN),
    ("max redirections", REDIRECT_LIMIT),
    ("larger than download max size", TOO_LARGE),
    ("download max size", TOO_LARGE),
    ("DOWNLOAD_MAXSIZE", TOO_LARGE),
    ("DataLoss", DATA_LOSS),
    ("TimeoutError", TIMEOUT),
    ("took longer than", TIMEOUT),
    ("ConnectionRefused", CONNECTION_REFUSED),
    ("DNSLookupError", DNS),
    ("CannotResolveHost", DNS),  # Scrapy 2.14 and later
    ("ConnectionLost", CONNECTION_LOST),
    ("ConnectionDone", CONNECTION_LOST),
    ("ResponseNeverReceived", CONNECTION_LOST),
    ("Connection was closed cleanly", CONNECTION_LOST),
    ("CancelledError", CANCELLED),
)


class Refused(IgnoreRequest):
    """A request the crawler will not send (or a response it will not follow), and why."""

    def __init__(self, kind: str, detail: str, response: Response | None = None) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.response = response


class BackedOff(IgnoreRequest):
    """A request not sent because its portal is blocked; counted, not recorded per URL."""


def fault_kind(failure: Failure) -> str | None:
    """A short, stable name for why a request failed; None when it is not a fault."""
    error = failure.value
    if isinstance(error, BackedOff):
        return None
    if isinstance(error, Refused):
        return error.kind
    response = getattr(error, "response", None)
    if response is not None:
        return http_kind(response.status)
    text = f"{type(error).__name__} {error!r} {error}"
    for needle, kind in _ERROR_KINDS:
        if needle in text:
            return kind
    return type(error).__name__


def looks_binary(body: bytes) -> bool:
    """True for bytes that are no HTML whatever they claim: known magic numbers or NUL runs."""
    head = body[:BINARY_SNIFF]
    if head.startswith(BINARY_MAGIC):
        return True
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
    return len(head) >= 64 and controls > len(head) // 10


def gzip_truncated(body: bytes, limit: int) -> bool:
    """True when a gzip body ends before its stream does (or is not gzip at all)."""
    stream = zlib.decompressobj(zlib.MAX_WBITS | 16)
    data, total = body, 0
    try:
        while not stream.eof:
            out = stream.decompress(data, GZIP_CHUNK)
            total += len(out)
            if limit and total > limit:
                return False  # a bomb: HttpCompressionMiddleware refuses it by DOWNLOAD_MAXSIZE
            data = stream.unconsumed_tail
            if not out and not data:
                break
    except zlib.error:
        return True
    return not stream.eof


def note_fault(request: Request, kind: str, detail: str) -> None:
    """Remember a fault of a response that is kept; the spider middleware records it."""
    request.meta.setdefault(FAULT_NOTES, []).append((kind, detail[:500]))


def noted_faults(request: Request, response: Response | None = None) -> list[FaultItem]:
    """The faults noted on a request (`note_fault`), as fault items; taken off its meta."""
    code = request.meta.get(PORTAL_CODE)
    notes = request.meta.pop(FAULT_NOTES, [])
    if code is None:
        return []
    url = response.url if response is not None else first_url(request)
    status = response.status if response is not None else None
    return [fault_item(code, url, kind, detail, status) for kind, detail in notes]


def fault_detail(failure: Failure) -> str:
    """What went wrong, in words: the exception's message, else its type."""
    return (str(failure.value) or repr(failure.value))[:500]


def first_url(request: Request) -> str:
    """The URL the crawler asked for, before any redirect."""
    return (request.meta.get("redirect_urls") or [request.url])[0]


def fault_item(code: str, url: str, kind: str, detail: str, status: int | None) -> FaultItem:
    """A fault item stamped now."""
    return FaultItem(portal_code=code, url=url, kind=kind, detail=detail[:500],
                     fetched_at=datetime.now(timezone.utc), status=status)


class GzipCheckMiddleware:
    """Downloader middleware (before decompression): note gzip bodies cut short."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize

    @classmethod
    def from_crawler(cls, crawler) -> GzipCheckMiddleware:
        if not crawler.settings.getbool("GOVCORPUS_FAULT_CHECKS"):
            raise NotConfigured
        return cls(crawler.settings.getint("DOWNLOAD_MAXSIZE"))

    def process_response(self, request: Request, response: Response, spider=None) -> Response:
        encoding = b",".join(response.headers.getlist("Content-Encoding")).lower()
        if b"gzip" in encoding and gzip_truncated(response.body, self.maxsize):
            note_fault(request, TRUNCATED_GZIP, f"{len(response.body)} bytes of gzip, cut short")
        return response


class FaultSpiderMiddleware:
    """Spider middleware: callback errors and noted faults become fault items, never crashes."""

    def __init__(self, crawler=None) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler) -> FaultSpiderMiddleware:
        if not crawler.settings.getbool("GOVCORPUS_FAULT_CHECKS"):
            raise NotConfigured
        return cls(crawler)

    def process_spider_output(self, response: Response, result: Iterable[Any], spider=None
                              ) -> Iterator[Any]:
        yield from self._noted(response)
        yield from result

    async def process_spider_output_async(self, response: Response, result: AsyncIterator[Any],
                                          spider=None) -> AsyncIterator[Any]:
        for item in self._noted(response):
            yield item
        async for item in result:
            yield item

    def process_spider_exception(self, response: Response, exception: Exception, spider=None
                                 ) -> list[FaultItem] | None:
        code = response.meta.get(PORTAL_CODE)
        if code is None:
            return None
        if self.crawler is not None:
            self.crawler.stats.inc_value("govcorpus/parse_errors")
        detail = f"{type(exception).__name__}: {exception}"
        return [fault_item(code, response.url, PARSE_ERROR, detail, response.status)]

    def _noted(self, response: Response) -> list[FaultItem]:
        code = response.meta.get(PORTAL_CODE)
        if code is None:
            return []
        notes = list(response.meta.pop(FAULT_NOTES, []))
        claimed = response.headers.get("Content-Type", b"").decode("latin-1").lower()
        if (not claimed or "text/" in claimed) and looks_binary(response.body):
            notes.append((BINARY_BODY, f"binary bytes served as {claimed or 'no type'}"))
        return [fault_item(code, response.url, k, d, response.status) for k, d in notes]
