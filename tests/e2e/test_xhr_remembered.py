"""A script-built column's XHR, remembered from its render and asked for directly later.

The 师宗县 portal of the scripted testbed builds its 年报 column from POSTs to its list API.
The first night renders the column in Chromium and remembers that call with the column; later
nights ask for it over the plain downloader, page by page (counted from the server's log, which
tells a browser's requests from a plain client's), with or without a browser. When the API
moves, the remembered call answers 404: a fault says so, the column is rendered instead, and
the new call is remembered.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from govcorpus.registry import write_registry
from storage.models import CrawlRun, Document, Fault, ListColumn, PortalColumn
from testbed.scripted_built_to_shape import (
    SCRIPTED,
    YEARS,
    Logged,
    ScriptedServer,
    ScriptedSite,
)
from tests.browser import require_chromium
from tests.conftest import fetch_all, govcorpus

pytestmark = pytest.mark.e2e
LIST_API = f"/{SCRIPTED}/api/list"
MOVED_API = f"/{SCRIPTED}/api/v2/list"
COLUMN_PAGE = f"/{SCRIPTED}/zfxxgknb/index.html"
NO_CHROMIUM = '{"executable_path": "/nonexistent/chromium"}'


@dataclass
class Portal:
    """The scripted portal on loopback, crawled night after night into one corpus."""

    site: ScriptedSite
    registry: Path
    db_url: str

    def night(self, **settings: object) -> tuple[list[Logged], str]:
        """One crawl: what the server answered during it, and the crawl's log."""
        before = len(self.site.requests)
        log = self.registry.with_name(f"night{before}.log")
        settings = {"LOG_FILE": log, "LOG_LEVEL": "INFO", **settings}
        sets = [arg for name, value in settings.items() for arg in ("--set", f"{name}={value}")]
        result = govcorpus("crawl", "--registry", str(self.registry), "--db", self.db_url,
                           "--testbed", "--workers", "0", *sets)
        assert result.returncode == 0, result.stderr[-4000:]
        return self.site.requests[before:], log.read_text("utf-8")

    def stored(self) -> set[str]:
        rows = fetch_all(self.db_url, sa.select(Document.url))
        return {url.split("/", 3)[3] for (url,) in rows}

    def last_column_read(self) -> tuple[int | None, int]:
        """(announced, listed) of the column in the latest night."""
        [row] = fetch_all(self.db_url, sa.select(ListColumn.announced, ListColumn.listed)
                          .where(ListColumn.run_id == sa.select(sa.func.max(CrawlRun.id))
                                 .scalar_subquery()))
        return row.announced, row.listed

    def remembered_call(self) -> tuple:
        [row] = fetch_all(self.db_url, sa.select(
            PortalColumn.url, PortalColumn.list_call_method, PortalColumn.list_call_url,
            PortalColumn.list_call_form, PortalColumn.list_call_page_field))
        return tuple(row)

    def faults(self) -> list[tuple[str, str]]:
        return fetch_all(self.db_url, sa.select(Fault.kind, Fault.detail).order_by(Fault.id))


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[Portal]:
    site = ScriptedSite()
    with ScriptedServer(site) as server:
        registry = tmp_path / "registry.csv"
        write_registry(registry, [p for p in site.portals(server.base_url)
                                  if p.region_code == SCRIPTED])
        yield Portal(site, registry, f"sqlite:///{tmp_path / 'corpus.db'}")


REPORTS = {f"{SCRIPTED}/content/report_{year}.html" for year in YEARS}


def first_night(portal: Portal) -> None:
    """The column rendered in the browser, its list call remembered."""
    log, output = portal.night()
    assert portal.stored() == REPORTS
    assert [e.path for e in log if e.browser and e.path == LIST_API] == [LIST_API] * 3
    column, method, url, form, page_field = portal.remembered_call()
    assert column.endswith(COLUMN_PAGE)
    assert (method, url.split("/", 3)[3], form, page_field) == (
        "POST", LIST_API[1:], "page=1&size=5&channelId=1042", "page")
    assert "a candidate for a plain list API adapter" in output


def test_the_second_night_asks_for_the_remembered_call_without_the_browser(portal):
    require_chromium()
    first_night(portal)
    log, _ = portal.night()
    assert [e for e in log if e.browser] == []  # nothing rendered
    asked = [(e.path, e.status) for e in log if e.path == LIST_API]
    assert asked == [(LIST_API, 200)] * 3  # 12 rows, 5 a page
    assert [e.path for e in log if e.path == COLUMN_PAGE] == [COLUMN_PAGE]  # once, plainly
    assert portal.last_column_read() == (len(YEARS), len(YEARS))
    assert portal.stored() == REPORTS
    assert portal.faults() == []


@pytest.mark.parametrize("settings", [{"GOVCORPUS_BROWSER": "False"},
                                      {"PLAYWRIGHT_LAUNCH_OPTIONS": NO_CHROMIUM}],
                         ids=["browser-off", "no-chromium"])
def test_without_a_browser_the_remembered_call_reads_the_whole_list(portal, settings):
    require_chromium()
    first_night(portal)
    log, _ = portal.night(**settings)
    assert not any(e.browser for e in log)
    assert [e.path for e in log if e.path == LIST_API] == [LIST_API] * 3
    assert portal.last_column_read() == (len(YEARS), len(YEARS))
    assert [kind for kind, _ in portal.faults()] == []


@pytest.mark.parametrize(("missing_status", "why"), [(404, "http_404"),
                                                     (200, "answer is not JSON (b'<!DOCTYPE")],
                         ids=["404", "soft-404-html"])
def test_a_remembered_call_that_stopped_working_is_rendered_instead_and_learned_again(
        portal, missing_status, why):
    require_chromium()
    first_night(portal)
    portal.site.list_path = "api/v2/list"  # the portal moved its list API
    portal.site.missing_status = missing_status
    log, output = portal.night()
    [(status, browser)] = [(e.status, e.browser) for e in log if e.path == LIST_API]
    assert (status, browser) == (missing_status, False)
    assert [e.path for e in log if e.browser and e.path == COLUMN_PAGE] == [COLUMN_PAGE]
    assert [e.path for e in log if e.browser and e.path == MOVED_API] == [MOVED_API] * 3
    [(kind, detail)] = portal.faults()
    assert kind == "list_api_error"
    assert "the remembered list call POST" in detail and f"stopped working ({why}" in detail
    assert "rendered in the browser instead" in detail
    assert "stopped working" in output
    assert portal.last_column_read() == (len(YEARS), len(YEARS))
    _, method, url, form, _ = portal.remembered_call()
    assert (method, url.split("/", 3)[3], form) == ("POST", MOVED_API[1:],
                                                   "page=1&size=5&channelId=1042")

    log, _ = portal.night()  # the new call, asked for directly
    assert not any(e.browser for e in log)
    assert [(e.path, e.status) for e in log if "/api/" in e.path] == [(MOVED_API, 200)] * 3
    assert portal.last_column_read() == (len(YEARS), len(YEARS))


def test_the_remembered_call_is_paged_within_the_list_page_budget(portal):
    require_chromium()
    first_night(portal)
    log, _ = portal.night(GOVCORPUS_MAX_LIST_PAGES=2)
    assert [e.path for e in log if e.path == LIST_API] == [LIST_API] * 2
    assert portal.last_column_read() == (len(YEARS), 2 * 5)
    kinds = [kind for kind, _ in portal.faults()]
    assert "list_page_limit" in kinds and "list_incomplete" in kinds
