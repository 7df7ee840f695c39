"""The browser where a portal needs one: its JavaScript challenge, and lists its scripts build.

A challenge (crawler/politeness/waf.py `is_challenge`) is loaded once in headless Chromium
(crawler/browser.py); the cookies the browser ends with, and its user agent, then go with every
later request of that portal over Scrapy's plain downloader. When a cookie stops being accepted
and the challenge comes again, the same is done again, at most GOVCORPUS_CHALLENGE_TRIES times
per portal and run; after that (or without Chromium) the challenge reaches WafBackoffMiddleware
and the portal is blocked as before, its `blocked` fault saying why. Each challenge passed or
failed is a fault row (`challenge_passed`, `challenge_failed`).

A column page the spider marks `RENDER` (its list is built by script) is answered from the
browser's DOM instead of the downloader, with the XHR calls its scripts made and their answers
(`XHRS`): the spider remembers the one that brought the list, to ask for it directly on later
nights (crawler/listing/adapters/xhr_json.py).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Request, Response

from crawler.browser import Browser, RenderFailed
from crawler.faults import Refused, note_fault
from crawler.meta import CHALLENGE_NOTE, PORTAL_CODE, RENDER, XHRS
from crawler.politeness.waf import CHALLENGE_STATUSES, is_challenge
from govcorpus.fault_kinds import (
    CHALLENGE_FAILED,
    CHALLENGE_PASSED,
    LIST_INCOMPLETE,
    RENDER_FAILED,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Clearance:
    """What the browser got past a portal's challenge with."""

    cookie_header: str
    user_agent: str


class BrowserMiddleware:
    """Downloader middleware: challenges and script-built lists go through the browser."""

    def __init__(self, crawler, browser: Browser, tries: int, max_list_pages: int) -> None:
        self.crawler, self.browser = crawler, browser
        self.tries, self.max_list_pages = tries, max_list_pages
        self.missing = browser.missing()
        self.clearances: dict[str, Clearance] = {}
        self.used: dict[str, int] = {}  # portal -> challenges it has had the browser for
        self.passing: dict[str, asyncio.Future] = {}  # portal -> the challenge being passed

    @classmethod
    def from_crawler(cls, crawler) -> BrowserMiddleware:
        settings = crawler.settings
        if not settings.getbool("GOVCORPUS_BROWSER") or settings.get("GOVCORPUS_REPLAY_URL"):
            raise NotConfigured
        middleware = cls(crawler, Browser.from_settings(settings),
                         settings.getint("GOVCORPUS_CHALLENGE_TRIES"),
                         settings.getint("GOVCORPUS_MAX_LIST_PAGES"))
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    async def spider_closed(self) -> None:
        stats = self.crawler.stats
        stats.set_value("govcorpus/browser/renders", self.browser.renders)
        stats.set_value("govcorpus/browser/restarts", self.browser.restarts)
        await self.browser.close()

    async def process_request(self, request: Request, spider=None) -> Response | None:
        code = request.meta.get(PORTAL_CODE)
        if request.meta.get(RENDER):
            return await self._render_list(request)
        clearance = self.clearances.get(code) if code is not None else None
        if clearance is not None:
            request.headers["Cookie"] = clearance.cookie_header
            request.headers["User-Agent"] = clearance.user_agent
        return None

    async def process_response(self, request: Request, response: Response, spider=None
                               ) -> Request | Response:
        code = request.meta.get(PORTAL_CODE)
        if code is None or not is_challenge(response.status, response.body):
            return response
        sent = (request.headers.get("Cookie") or b"").decode("latin-1")
        clearance = self.clearances.get(code)
        if clearance is not None and clearance.cookie_header != sent:
            return self._again(request)  # sent before the browser passed: try its cookie
        clearance = await self._clear(code, request, sent)
        return self._again(request) if clearance is not None else response

    def _again(self, request: Request) -> Request:
        self.crawler.stats.inc_value("govcorpus/browser/requests_cleared")
        return request.replace(dont_filter=True)

    async def _clear(self, code: str, request: Request, sent: str) -> Clearance | None:
        """The portal's clearance after one pass of its challenge (shared by the requests
        that meet the same challenge meanwhile), or None when none can be had."""
        pending = self.passing.get(code)
        starter = pending is None
        if starter:
            pending = self.passing[code] = asyncio.ensure_future(self._pass(code, request.url))
            pending.add_done_callback(lambda _: self.passing.pop(code, None))
        clearance, outcome, notes = await asyncio.shield(pending)
        if clearance is None:
            request.meta[CHALLENGE_NOTE] = outcome
        if starter:  # one fault row per pass, on the request that met the challenge
            for kind, detail in notes:
                note_fault(request, kind, detail)
        return clearance

    async def _pass(self, code: str, url: str
                    ) -> tuple[Clearance | None, str, list[tuple[str, str]]]:
        """(clearance or None, what happened, a fault note per pass tried). A failed pass is
        tried again while the portal has tries left: a browser restarted for another page's
        sake fails the pages it held."""
        if self.missing is not None:
            return None, self.missing, []
        notes: list[tuple[str, str]] = []
        while (used := self.used.get(code, 0)) < self.tries:
            self.used[code] = used + 1
            self.crawler.stats.inc_value("govcorpus/browser/challenges")
            try:
                rendered = await self.browser.pass_challenge(url, _challenged)
            except RenderFailed as exc:
                self.crawler.stats.inc_value("govcorpus/browser/challenges_failed")
                notes.append((CHALLENGE_FAILED, f"challenge {used + 1} of {self.tries}: the "
                                                f"browser did not pass it at {url}: {exc}"))
                continue
            clearance = self.clearances[code] = Clearance(rendered.cookie_header,
                                                          rendered.user_agent)
            logger.info("portal %s: challenge %d passed in the browser at %s", code, used + 1, url)
            notes.append((CHALLENGE_PASSED, f"challenge {used + 1} of {self.tries} passed in the "
                                            f"browser (HTTP {rendered.status} after it); its "
                                            "cookies go with the portal's requests"))
            return clearance, notes[-1][1], notes
        limit = f"{self.tries} challenges met in the browser this run (the limit)"
        return None, notes[-1][1] if notes else limit, notes

    async def _render_list(self, request: Request) -> Response:
        if self.missing is not None:
            raise Refused(LIST_INCOMPLETE, f"the column's list is built by script; {self.missing}")
        self.crawler.stats.inc_value("govcorpus/browser/lists")
        try:
            rendered = await self.browser.render_list(request.url, self.max_list_pages)
        except RenderFailed as exc:
            raise Refused(RENDER_FAILED, f"column built by script not rendered: {exc}") from exc
        request.meta[XHRS] = rendered.xhrs
        return HtmlResponse(rendered.url, status=200, body=rendered.html.encode("utf-8"),
                            encoding="utf-8", request=request, flags=["rendered"],
                            headers={"Content-Type": "text/html; charset=utf-8"})


def _challenged(status: int) -> bool:
    return status in CHALLENGE_STATUSES
