"""A portal behind 加速乐's real challenge, replayed on loopback from CNVD's captured pages.

The server (testbed/real_challenge.py) answers 521 with the captured first page until a request
carries the cookie its script sets, then 521 with a captured second page until a request
carries the cookie that one's script finds by hashing, then the portal; both cookie values were
read off the captures by hand (tests/real_challenges.py). The crawl passes it once in headless
Chromium and asks for the rest of the portal over the plain downloader with the browser's
cookie, counted from the server's log. With navigator.webdriver left true (Chromium's default
under automation) the real second page sets no cookie, and the portal is blocked.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from scrapy.settings import Settings

from crawler.politeness.waf import CHALLENGE_STATUSES
from govcorpus.registry import write_registry
from storage.models import Document, Fault
from testbed.real_challenge import (
    CHALLENGE_STATUS,
    CLEARED,
    CODE,
    COOKIE,
    FIRST,
    SECOND,
    YEARS,
    Logged,
    RealChallengeServer,
    RealChallengeSite,
)
from tests.browser import require_chromium
from tests.conftest import fetch_all, govcorpus
from tests.real_challenges import SECOND_PAGES, replay

pytestmark = pytest.mark.e2e
BLOCKED_EXIT = 16  # docs/health.md: a portal is blocked
PORTAL_REQUESTS = 2 + len(YEARS)  # home, column, one per report
AUTOMATION_OFF = "--disable-blink-features=AutomationControlled"


@dataclass
class Night:
    site: RealChallengeSite
    db_url: str

    def log(self) -> list[Logged]:
        """The portal's pages asked for (robots.txt and the browser's favicon left out)."""
        return [entry for entry in self.site.requests if entry.path.startswith(f"/{CODE}/")]

    def documents(self) -> set[str]:
        rows = fetch_all(self.db_url, sa.select(Document.url).where(Document.portal_code == CODE))
        return {url.split("/", 3)[3] for (url,) in rows}

    def faults(self) -> list[tuple[str, str]]:
        return fetch_all(self.db_url, sa.select(Fault.kind, Fault.detail)
                         .where(Fault.portal_code == CODE).order_by(Fault.id))


@pytest.fixture
def crawl(tmp_path: Path) -> Iterator[Callable[..., Night]]:
    """`crawl(capture, exit_code, **settings)`: one night of the portal behind the real
    challenge whose second page is that of `capture`."""
    servers = []

    def run(capture: str, exit_code: int, **settings: object) -> Night:
        site = RealChallengeSite(replay(capture))
        server = RealChallengeServer(site).__enter__()
        servers.append(server)
        registry = tmp_path / "registry.csv"
        write_registry(registry, site.portals(server.base_url))
        db_url = f"sqlite:///{tmp_path / 'corpus.db'}"
        sets = [arg for name, value in settings.items() for arg in ("--set", f"{name}={value}")]
        result = govcorpus("crawl", "--registry", str(registry), "--db", db_url, "--testbed",
                           "--workers", "0", *sets)
        assert result.returncode == exit_code, result.stderr[-4000:]
        return Night(site, db_url)

    yield run
    for server in servers:
        server.__exit__(None, None, None)


def report_paths() -> set[str]:
    return {f"{CODE}/content/report_{year}.html" for year in YEARS}


def test_real_challenge_passed_once_then_plain_downloads_with_its_cookie(crawl):
    require_chromium()
    night = crawl("md5", 0)
    assert night.documents() == report_paths()
    log = night.log()
    first, later = log[0], log[1:]
    assert (first.status, first.layer, first.browser) == (CHALLENGE_STATUS, FIRST, False)
    in_browser = [(e.path, e.status, e.layer) for e in later if e.browser]
    # the browser loads the challenged page once: both real pages, then the portal's
    assert in_browser == [(first.path, CHALLENGE_STATUS, FIRST),
                          (first.path, CHALLENGE_STATUS, SECOND), (first.path, 200, CLEARED)]
    plain = [e for e in later if not e.browser]
    assert len(plain) == PORTAL_REQUESTS  # the challenged home page again, then the rest
    assert all(e.layer == CLEARED and e.status == 200 for e in plain)
    assert all(f"{COOKIE}={SECOND_PAGES['md5'][1]}" in e.cookie for e in plain)
    assert {e.user_agent for e in plain} == {next(e.user_agent for e in later if e.browser)}
    assert [kind for kind, _ in night.faults()] == ["challenge_passed"]


@pytest.mark.parametrize("capture", ["sha1", "sha256", "sha256_2"])
def test_every_captured_second_page_is_passed_in_the_crawlers_browser(capture):
    require_chromium()
    from crawler.browser import Browser

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    site = RealChallengeSite(replay(capture))
    with RealChallengeServer(site) as server:
        url = f"{server.base_url}/{CODE}/index.html"
        rendered = asyncio.run(_pass_once(Browser.from_settings(settings), url))
    assert rendered.status == 200
    assert f"{COOKIE}={SECOND_PAGES[capture][1]}" in rendered.cookie_header.split("; ")
    assert [(e.status, e.layer) for e in site.requests if e.path.startswith(f"/{CODE}/")] == [
        (CHALLENGE_STATUS, FIRST), (CHALLENGE_STATUS, SECOND), (200, CLEARED)]


async def _pass_once(browser, url: str):
    try:
        return await browser.pass_challenge(url, lambda status: status in CHALLENGE_STATUSES)
    finally:
        await browser.close()


def test_with_navigator_webdriver_true_the_real_second_page_is_not_passed(crawl):
    require_chromium()
    from crawler.settings import PLAYWRIGHT_LAUNCH_OPTIONS

    options = {**PLAYWRIGHT_LAUNCH_OPTIONS,
               "args": [a for a in PLAYWRIGHT_LAUNCH_OPTIONS["args"] if a != AUTOMATION_OFF]}
    night = crawl("md5", BLOCKED_EXIT, PLAYWRIGHT_LAUNCH_OPTIONS=json.dumps(options),
                  GOVCORPUS_CHALLENGE_TRIES=1, GOVCORPUS_BROWSER_RENDER_TIMEOUT=10)
    faults = night.faults()
    assert [kind for kind, _ in faults] == ["challenge_failed", "blocked"]
    assert "render timed out after 10 s" in faults[0][1]
    # the first page's cookie is set; the second page's script never sets its own
    assert [(e.status, e.layer) for e in night.log() if e.browser] == [
        (CHALLENGE_STATUS, FIRST), (CHALLENGE_STATUS, SECOND)]
    assert night.documents() == set()
