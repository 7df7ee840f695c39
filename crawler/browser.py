"""Headless Chromium for the few pages that need one: challenges and lists built by script.

The browser is the system Chromium (`make setup` installs Debian's), launched the way
scrapy-playwright launches it — its `PLAYWRIGHT_*` settings (`PLAYWRIGHT_LAUNCH_OPTIONS` with
`executable_path`) through its browser provider — and only when a page first needs it; every
other request stays on Scrapy's HTTP downloader. At most GOVCORPUS_BROWSER_PAGES pages render
at once, each within GOVCORPUS_BROWSER_RENDER_TIMEOUT seconds; a render that hangs or a browser
that crashes is a `RenderFailed` and the browser is started afresh, and a browser whose
processes hold more than GOVCORPUS_BROWSER_MAX_RSS_MB is restarted between pages.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy.settings import Settings

logger = logging.getLogger(__name__)
INSTALL_HINT = ("Chromium is not installed: run `make setup` (deploy/system-tools.sh installs "
                "Debian's chromium)")
CLOSE_SECONDS = 5.0
IDLE_SECONDS = 10.0
"""A browser with no page to render this long is closed with playwright's driver (both started
again when needed): most of a night needs neither, and their processes hold hundreds of MB."""
NEXT_PAGE_TEXT = "下一页"
SCRIPT_PAGE_SETTLE_MS = 5000
CHALLENGE_RELOADS = 3
"""Challenge answers one render may meet: a script whose cookie the portal refuses reloads
the page for ever."""


class RenderFailed(Exception):
    """A page the browser could not render: it hung past its timeout, or the browser died."""


XHR_ANSWER_MAX_BYTES = 4 * 1024 * 1024
"""An XHR answer kept for reading (a list's JSON); a larger one is kept empty."""


@dataclass(frozen=True)
class Xhr:
    """A request a page's script made for data, and its answer: the call a list API adapter
    would make (crawler/listing/adapters/xhr_json.py `list_call`)."""

    method: str
    url: str
    form: str
    body: bytes = b""


@dataclass
class Rendered:
    """What a page became in the browser."""

    url: str
    html: str = ""
    status: int | None = None
    cookie_header: str = ""
    user_agent: str = ""
    xhrs: list[Xhr] = field(default_factory=list)


class Browser:
    """A lazily launched headless Chromium with a bounded pool of pages."""

    def __init__(self, settings: Settings, pages: int, timeout: float, max_rss_mb: int) -> None:
        from scrapy_playwright.handler import Config

        self.config = Config.from_settings(settings)
        self.timeout, self.max_rss_mb = timeout, max_rss_mb
        self.pool = asyncio.Semaphore(pages)
        self._provider: Any = None
        self._browser: Any = None
        self._launch_lock = asyncio.Lock()
        self.renders = self.restarts = 0
        self._rendering = 0
        self._idle_close: asyncio.TimerHandle | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Browser:
        return cls(settings, settings.getint("GOVCORPUS_BROWSER_PAGES"),
                   settings.getfloat("GOVCORPUS_BROWSER_RENDER_TIMEOUT"),
                   settings.getint("GOVCORPUS_BROWSER_MAX_RSS_MB"))

    def missing(self) -> str | None:
        """Why no browser can run here (with what to install), or None."""
        path = self.config.launch_options.get("executable_path")
        if path and not Path(path).exists():
            return f"{INSTALL_HINT}; {path} is missing"
        try:
            import playwright.async_api  # noqa: F401
        except ImportError:
            return "the playwright package is not installed: pip install -e ."
        return None

    async def pass_challenge(self, url: str, challenged: Callable[[int], bool]) -> Rendered:
        """Load `url`, let its challenge script run, and return once a page answers that is
        no challenge: the cookies the browser then holds for `url`, and its user agent."""
        return await self._with_page(url, lambda page: _settle_challenge(page, url, challenged))

    async def render_list(self, url: str, max_pages: int) -> Rendered:
        """Load a column whose list its scripts build; follow its script pager (下一页) up to
        `max_pages` pages. The HTML holds every page's body in turn."""
        return await self._with_page(url, lambda page: _render_pages(page, url, max_pages))

    async def close(self) -> None:
        if self._idle_close is not None:
            self._idle_close.cancel()
        await self._stop_browser()
        if self._provider is not None:
            await self._provider.close()
            self._provider = None

    async def _with_page(self, url: str, work: Callable[[Any], Awaitable[Rendered]]
                         ) -> Rendered:
        if self._idle_close is not None:
            self._idle_close.cancel()
        self._rendering += 1
        try:
            return await self._render(url, work)
        finally:
            self._rendering -= 1
            if not self._rendering:  # between pages: none is cut short
                await self._cap_memory()
            if not self._rendering and self._browser is not None:
                self._idle_close = asyncio.get_running_loop().call_later(
                    IDLE_SECONDS, lambda: asyncio.ensure_future(self._close_if_idle()))

    async def _close_if_idle(self) -> None:
        """The browser and playwright's driver closed, unless a page came meanwhile."""
        async with self._launch_lock:
            if self._rendering:
                return
            await self._stop_browser()
            if self._provider is not None:
                provider, self._provider = self._provider, None
                await provider.close()

    async def _render(self, url: str, work: Callable[[Any], Awaitable[Rendered]]) -> Rendered:
        async with self.pool:
            browser = await self._launched()
            opened: list[Any] = []  # the page's own context, closed whatever happens
            try:
                return await asyncio.wait_for(_in_context(browser, opened, work), self.timeout)
            except RenderFailed:
                raise
            except asyncio.TimeoutError:
                raise RenderFailed(f"render timed out after {self.timeout:g} s") from None
            except Exception as exc:  # playwright's errors: the page or the browser died
                raise RenderFailed(f"{type(exc).__name__}: {str(exc)[:300]}") from exc
            finally:
                self.renders += 1
                closed = all([await _close_quietly(context) for context in opened])
                if not (closed and browser.is_connected()):  # hung or dead: start afresh
                    await self._restart(f"after a render of {url} it did not answer")

    async def _launched(self) -> Any:
        async with self._launch_lock:
            if self._browser is None or not self._browser.is_connected():
                if self._provider is None:
                    from scrapy_playwright.provider import PlaywrightBrowserProvider

                    self._provider = PlaywrightBrowserProvider(self.config)
                    await self._provider.start()
                self._browser = await self._provider.launch_browser()
            return self._browser

    async def _restart(self, why: str) -> None:
        logger.warning("restarting the browser: %s", why)
        self.restarts += 1
        await self._stop_browser()

    async def _stop_browser(self) -> None:
        browser, self._browser = self._browser, None
        if browser is None:
            return
        try:
            await asyncio.wait_for(browser.close(), CLOSE_SECONDS)
        except Exception:  # a hung browser does not close: its processes are ended instead
            for pid in _chromium_pids():
                with suppress(Exception):
                    os.kill(pid, signal.SIGKILL)

    async def _cap_memory(self) -> None:
        if self.max_rss_mb <= 0 or self._browser is None:
            return
        rss_mb = chromium_rss() // (1024 * 1024)
        if rss_mb > self.max_rss_mb:
            await self._restart(f"its processes hold {rss_mb} MB (cap {self.max_rss_mb} MB)")


async def _settle_challenge(page: Any, url: str, challenged: Callable[[int], bool]) -> Rendered:
    loop = asyncio.get_running_loop()
    passed: asyncio.Future = loop.create_future()
    committed: asyncio.Future = loop.create_future()
    seen = []

    def on_response(response: Any) -> None:
        if (passed.done() or not response.request.is_navigation_request()
                or response.frame != page.main_frame):
            return
        if not challenged(response.status):
            passed.set_result(response)
            return
        seen.append(response.status)
        if len(seen) > CHALLENGE_RELOADS:  # its script runs, the portal refuses what it sets
            passed.set_exception(RenderFailed(
                f"the challenge came back {len(seen)} times in the browser (HTTP {seen[-1]})"))

    def on_navigated(frame: Any) -> None:
        if frame == page.main_frame and passed.done() and not committed.done():
            committed.set_result(None)

    page.on("response", on_response)
    page.on("framenavigated", on_navigated)
    try:
        await page.goto(url, wait_until="commit")
    except Exception:
        if not seen and not passed.done():
            raise
        # else the challenge's script navigated again before this one committed
    response = await passed
    # The answer that passed comes before its document replaces the challenge's: until then
    # the old document's load state holds and its content cannot be read.
    await committed
    await page.wait_for_load_state("domcontentloaded")
    cookies = await page.context.cookies([url])
    return Rendered(url=page.url, html=await page.content(), status=response.status,
                    cookie_header="; ".join(f"{c['name']}={c['value']}" for c in cookies),
                    user_agent=response.request.headers.get("user-agent", ""))


async def _render_pages(page: Any, url: str, max_pages: int) -> Rendered:
    answers: list[Any] = []
    page.on("response", lambda response: _note_xhr(response, answers))
    response = await page.goto(url, wait_until="networkidle")
    bodies = [await page.inner_html("body")]
    while len(bodies) < max_pages:
        after = await _next_page(page, bodies[-1])
        if after is None:
            break
        bodies.append(after)
    sections = "\n".join(f'<div class="rendered-page">{body}</div>' for body in bodies)
    xhrs = [await _xhr(answer) for answer in answers]
    return Rendered(url=page.url, status=response.status if response else None, xhrs=xhrs,
                    html=f"<html><head><title>{await page.title()}</title></head>"
                         f"<body>{sections}</body></html>")


async def _next_page(page: Any, before: str) -> str | None:
    """Click the script pager's next button; the body once it changed, or None at the end."""
    button = page.get_by_text(NEXT_PAGE_TEXT, exact=True)
    if await button.count() != 1 or not await button.is_enabled():
        return None
    await button.click()
    await page.wait_for_load_state("networkidle")
    try:
        await page.wait_for_function("b => document.body.innerHTML !== b", arg=before,
                                     timeout=SCRIPT_PAGE_SETTLE_MS)
    except Exception:  # playwright's TimeoutError: the click changed nothing
        return None
    return await page.inner_html("body")


def _note_xhr(response: Any, answers: list[Any]) -> None:
    if response.request.resource_type in ("xhr", "fetch"):
        answers.append(response)


async def _xhr(response: Any) -> Xhr:
    request = response.request
    try:
        body = await response.body()
    except Exception:  # playwright's Error: no body (a redirect), or the page moved on
        body = b""
    return Xhr(request.method, request.url, request.post_data or "",
               body if len(body) <= XHR_ANSWER_MAX_BYTES else b"")


async def _in_context(browser: Any, opened: list[Any],
                      work: Callable[[Any], Awaitable[Rendered]]) -> Rendered:
    """`work` on a new page of a context of its own (a renderer process of its own)."""
    context = await browser.new_context()
    opened.append(context)
    return await work(await context.new_page())


async def _close_quietly(context: Any) -> bool:
    """Close a browser context (its renderer ends, hung or not); False if that failed."""
    try:
        await asyncio.wait_for(context.close(), CLOSE_SECONDS)
    except Exception:
        return False
    return True


def _chromium_pids() -> list[int]:
    """Chromium processes below this one (the browser playwright launched and its children)."""
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with suppress(Exception):
            stat = (entry / "stat").read_text()
            name, rest = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:]
            parents[int(entry.name)] = int(rest.split()[1])
            names[int(entry.name)] = name
    mine, found = {os.getpid()}, []
    changed = True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in mine and pid not in mine:
                mine.add(pid)
                changed = True
                if names[pid].startswith("chrom"):
                    found.append(pid)
    return found


def chromium_rss() -> int:
    """Resident bytes of the Chromium processes below this one."""
    total = 0
    for pid in _chromium_pids():
        with suppress(Exception):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
    return total
