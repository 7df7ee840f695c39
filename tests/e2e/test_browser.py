"""Portals that need a browser, crawled with the CLI from the scripted testbed on loopback.

A JavaScript challenge is passed once in Chromium, and the rest of the portal is asked for over
the plain downloader with the browser's cookie (counted from the server's own log); a column
whose rows arrive by XHR is read to its announced count; a render that hangs is a fault and
the crawl finishes; without Chromium the portal is blocked with what to install.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from govcorpus.registry import write_registry
from storage.models import Document, Fault, ListColumn
from testbed.scripted_built_to_shape import (
    CHALLENGE_STATUS,
    CHALLENGED,
    HUNG,
    NEVER,
    SCRIPTED,
    YEARS,
    Logged,
    ScriptedServer,
    ScriptedSite,
)
from tests.browser import require_chromium
from tests.conftest import fetch_all, govcorpus

pytestmark = pytest.mark.e2e
BLOCKED_EXIT = 16  # docs/health.md: a portal is blocked
EMPTY_EXIT = 14  # a portal is empty (the lower status wins)
PORTAL_REQUESTS = 2 + len(YEARS)  # home, column, one per report


@dataclass
class Night:
    site: ScriptedSite
    db_url: str
    stdout: str

    def log(self, code: str) -> list[Logged]:
        return [entry for entry in self.site.requests if entry.code == code]

    def documents(self, code: str) -> set[str]:
        rows = fetch_all(self.db_url, sa.select(Document.url)
                         .where(Document.portal_code == code))
        return {url.split("/", 3)[3] for (url,) in rows}

    def faults(self, code: str) -> list[tuple[str, str]]:
        return fetch_all(self.db_url, sa.select(Fault.kind, Fault.detail)
                         .where(Fault.portal_code == code).order_by(Fault.id))


@pytest.fixture
def crawl(tmp_path: Path) -> Iterator[Callable[..., Night]]:
    """`crawl(codes, exit_code, cookie_uses=…, **settings)`: one night of those portals."""
    servers = []

    def run(codes: tuple[str, ...], exit_code: int, cookie_uses: int = 1000,
            **settings: object) -> Night:
        site = ScriptedSite(cookie_uses=cookie_uses)
        server = ScriptedServer(site).__enter__()
        servers.append(server)
        registry = tmp_path / "registry.csv"
        write_registry(registry, [p for p in site.portals(server.base_url)
                                  if p.region_code in codes])
        db_url = f"sqlite:///{tmp_path / 'corpus.db'}"
        sets = [arg for name, value in settings.items()
                for arg in ("--set", f"{name}={value}")]
        result = govcorpus("crawl", "--registry", str(registry), "--db", db_url, "--testbed",
                           "--workers", "0", *sets)
        assert result.returncode == exit_code, result.stderr[-4000:]
        return Night(site, db_url, result.stdout)

    yield run
    for server in servers:
        server.__exit__(None, None, None)


def report_paths(code: str) -> set[str]:
    return {f"{code}/content/report_{year}.html" for year in YEARS}


def test_challenge_passed_once_then_plain_downloads_with_its_cookie(crawl):
    require_chromium()
    night = crawl((CHALLENGED,), 0)
    assert night.documents(CHALLENGED) == report_paths(CHALLENGED)
    log = night.log(CHALLENGED)
    first, later = log[0], log[1:]
    assert (first.status, first.browser, first.signed) == (CHALLENGE_STATUS, False, False)
    in_browser = [entry for entry in later if entry.browser]
    plain = [entry for entry in later if not entry.browser]
    # the browser loads the challenged URL once: the challenge, then the page its script reloads
    assert [(e.path, e.status) for e in in_browser] == [
        (first.path, CHALLENGE_STATUS), (first.path, 200)]
    assert len(plain) == PORTAL_REQUESTS  # the challenged home page again, then the rest
    assert all(e.cleared and e.status == 200 for e in plain)
    assert {e.user_agent for e in plain} == {in_browser[0].user_agent}
    assert [kind for kind, _ in night.faults(CHALLENGED)] == ["challenge_passed"]


def test_expired_cookie_starts_the_challenge_again(crawl):
    require_chromium()
    night = crawl((CHALLENGED,), 0, cookie_uses=6, GOVCORPUS_CHALLENGE_TRIES=8)
    assert night.documents(CHALLENGED) == report_paths(CHALLENGED)
    log = night.log(CHALLENGED)
    challenges_in_browser = [e for e in log if e.browser and e.status == CHALLENGE_STATUS]
    passed = [kind for kind, _ in night.faults(CHALLENGED) if kind == "challenge_passed"]
    assert len(challenges_in_browser) >= 3  # 6 uses, one of them the browser's reload
    assert len(passed) == len(challenges_in_browser)
    plain_after_first = [e for e in log[1:] if not e.browser]
    assert all(e.signed for e in plain_after_first)  # the browser's cookie, used up or not
    assert sum(e.cleared for e in plain_after_first) == PORTAL_REQUESTS


def test_challenges_past_the_limit_block_the_portal(crawl):
    require_chromium()
    night = crawl((CHALLENGED,), BLOCKED_EXIT, cookie_uses=3, GOVCORPUS_CHALLENGE_TRIES=2)
    faults = night.faults(CHALLENGED)
    assert [kind for kind, _ in faults if kind == "challenge_passed"] == ["challenge_passed"] * 2
    [blocked] = [detail for kind, detail in faults if kind == "blocked"]
    assert "2 challenges met in the browser this run (the limit)" in blocked
    assert len([e for e in night.log(CHALLENGED) if e.browser and e.status != 200]) == 2
    assert len(night.documents(CHALLENGED)) < len(YEARS)


def test_hung_and_refused_challenges_are_faults_and_the_crawl_finishes(crawl):
    require_chromium()
    night = crawl((HUNG, NEVER, CHALLENGED), BLOCKED_EXIT, GOVCORPUS_BROWSER_RENDER_TIMEOUT=10,
                  GOVCORPUS_CHALLENGE_TRIES=2)
    hung = night.faults(HUNG)
    assert [kind for kind, _ in hung] == ["challenge_failed", "challenge_failed", "blocked"]
    assert all("render timed out after 10 s" in detail for _, detail in hung), hung
    never = night.faults(NEVER)
    assert [kind for kind, _ in never] == ["challenge_failed", "challenge_failed", "blocked"]
    assert all("the challenge came back 4 times in the browser" in d for _, d in never), never
    assert night.documents(CHALLENGED) == report_paths(CHALLENGED)  # the browser restarted
    report = json.loads(next(Path(night.db_url.removeprefix("sqlite:///")).parent
                             .glob("govcorpus-run*.json")).read_text("utf-8"))
    assert report["finish_reason"] == "finished"


def test_script_built_column_read_to_its_announced_count(crawl):
    require_chromium()
    night = crawl((SCRIPTED,), 0)
    assert night.documents(SCRIPTED) == report_paths(SCRIPTED)
    [(announced, listed, fetched)] = fetch_all(night.db_url, sa.select(
        ListColumn.announced, ListColumn.listed, ListColumn.fetched))
    assert (announced, listed, fetched) == (len(YEARS), len(YEARS), len(YEARS))
    log = night.log(SCRIPTED)
    pages_asked = [e.path for e in log if e.browser and e.path.endswith("/api/list")]
    assert len(pages_asked) == 3  # 12 rows, 5 a page, paged by the script's button
    documents_in_browser = [e for e in log if e.browser and "/content/" in e.path]
    assert documents_in_browser == []
    assert not [kind for kind, _ in night.faults(SCRIPTED) if kind == "list_incomplete"]


def test_without_chromium_the_portal_is_blocked_with_what_to_install(crawl):
    missing = json.dumps({"executable_path": "/nonexistent/chromium"})
    night = crawl((CHALLENGED, SCRIPTED), EMPTY_EXIT, PLAYWRIGHT_LAUNCH_OPTIONS=missing)
    [(kind, detail)] = night.faults(CHALLENGED)
    assert kind == "blocked" and "make setup" in detail and "/nonexistent/chromium" in detail
    assert night.documents(CHALLENGED) == set()
    assert [e.status for e in night.log(CHALLENGED)] == [CHALLENGE_STATUS]
    scripted = night.faults(SCRIPTED)
    assert [kind for kind, _ in scripted] == ["list_incomplete"]
    assert "make setup" in scripted[0][1]
    assert not any(e.browser for e in night.site.requests)
