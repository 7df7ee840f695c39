"""Hosts that answer nothing: given up for the night once their first request has failed.

A portal whose host is down costs a night every URL it has queued, each tried RETRY_TIMES + 1
times to DOWNLOAD_TIMEOUT: robots.txt, then the home page or remembered column, then whatever
else was queued. A host that has answered nothing tonight and whose request has failed at the
connection (timeout, refused, no DNS) after every retry is given up: its later requests fail at
once, each a fault of the same kind whose detail names the request that failed. A host that has
answered once is never given up (a document that times out is a fault of its own), and the next
night asks it again: once, without retries, for a portal whose last night had no answer at all
(storage/health.py `unanswered_portals`), its hosts those of its start URLs and remembered
columns; as any other host from its first answer on.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from scrapy import exceptions
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import defer
from twisted.internet.error import ConnectError, ConnectionLost, TimeoutError
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseNeverReceived

from crawler.faults import Refused, fault_kind

logger = logging.getLogger(__name__)
UNANSWERED = (ConnectError, TimeoutError, defer.TimeoutError, ConnectionLost,
              ResponseNeverReceived,
              *(getattr(exceptions, name) for name in (  # Scrapy's own since 2.14
                  "DownloadConnectionRefusedError", "CannotResolveHostError",
                  "DownloadTimeoutError", "DownloadFailedError") if hasattr(exceptions, name)))
"""Failures that mean no answer came at all (ConnectError covers refused, DNS, TCP timeout)."""


class UnreachableHostMiddleware:
    """Downloader middleware, below RetryMiddleware: it sees a failure once retries are spent."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.answered: set[str] = set()
        self.given_up: dict[str, tuple[str, str]] = {}  # host -> (fault kind, why)
        self._unanswered_before: set[str] | None = None  # hosts of portals silent last night

    @classmethod
    def from_crawler(cls, crawler) -> UnreachableHostMiddleware:
        if not crawler.settings.getbool("GOVCORPUS_GIVE_UP_UNREACHABLE"):
            raise NotConfigured
        return cls(crawler)

    def process_request(self, request: Request, spider=None) -> None:
        host = urlparse_cached(request).netloc
        given_up = self.given_up.get(host)
        if given_up is not None:
            self.crawler.stats.inc_value("govcorpus/unreachable/not_asked")
            kind, why = given_up
            raise Refused(kind, f"not asked: {why}")
        if host not in self.answered and host in self.unanswered_before():
            request.meta.setdefault("max_retry_times", 0)  # RetryMiddleware's per-request limit

    def unanswered_before(self) -> set[str]:
        """The hosts of the portals whose last night had no answer at all (read once)."""
        if self._unanswered_before is None:
            self._unanswered_before = self._read_unanswered()
            self.crawler.stats.set_value("govcorpus/unreachable/silent_last_night",
                                         len(self._unanswered_before))
        return self._unanswered_before

    def _read_unanswered(self) -> set[str]:
        from crawler.runtime.database import corpus_engine_if_any
        from storage.health import unanswered_portals

        portals = getattr(self.crawler, "portals", None)
        engine = corpus_engine_if_any(self.crawler)
        if engine is None or portals is None:  # no corpus: no nights
            return set()
        codes = unanswered_portals(engine)
        # the columns the spider read from the corpus as it started, not read again here
        discovery = getattr(self.crawler.spider, "discovery", None)
        known = portals.by_code
        urls = [url for code in codes if code in known for url in known[code].start_urls]
        if discovery is not None:
            urls += [url for code in codes for url in discovery.start_columns(code)]
        return {urlsplit(url).netloc for url in urls}

    def process_response(self, request: Request, response: Response, spider=None) -> Response:
        self.answered.add(urlparse_cached(request).netloc)
        return response

    def process_exception(self, request: Request, exception: Exception, spider=None) -> None:
        host = urlparse_cached(request).netloc
        if (host in self.answered or host in self.given_up
                or not isinstance(exception, UNANSWERED)):
            return
        tries = request.meta.get("retry_times", 0) + 1
        why = (f"{host} has answered nothing tonight; {request.url} failed {tries} times "
               f"({type(exception).__name__})")
        self.given_up[host] = (fault_kind(Failure(exception)) or "unreachable", why)
        self.crawler.stats.inc_value("govcorpus/unreachable/hosts")
        logger.warning("giving up %s for tonight: %s", host, why)
