"""robots.txt is kept for a day (crawler/politeness/robots.py): a second crawl within
GOVCORPUS_ROBOTS_MAX_AGE_HOURS obeys the stored answer without asking, and a 5xx answer is not
kept. A real HTTP server on loopback logs every path asked for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import fetch_all
from tests.loopback import ReportPortal, crawl_portals, loopback_portal, serve

QUICK = ("--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False",
         "--set", "RETRY_TIMES=0")
ROBOTS = b"User-agent: *\nDisallow: /content/report_2022.html\n"


class _Portal(ReportPortal):
    robots_status = 200

    def answer(self, path: str) -> None:
        if path == "/robots.txt":
            self.send(self.robots_status, ROBOTS, "text/plain")
        else:
            super().answer(path)


@pytest.fixture
def portal_server():
    handler = type("Handler", (_Portal,), {"asked": []})
    with serve(handler) as base:
        yield handler, base


def _crawl(tmp_path: Path, base: str, db_url: str, *settings: str) -> None:
    result = crawl_portals(tmp_path, [loopback_portal(base)], db_url, *QUICK, *settings)
    assert result.returncode == 0, result.stderr[-2000:]


def _robots_asked(handler) -> int:
    return handler.asked.count("/robots.txt")


def test_a_second_crawl_obeys_the_kept_robots_txt_without_asking(tmp_path, db_url,
                                                                portal_server):
    handler, base = portal_server
    _crawl(tmp_path, base, db_url)
    assert _robots_asked(handler) == 1
    first = len(handler.asked)
    _crawl(tmp_path, base, db_url, "--set", "GOVCORPUS_REVISIT_DAYS=0")
    tonight = handler.asked[first:]
    assert "/robots.txt" not in tonight
    assert "/index.html" in tonight and "/content/report_2021.html" in tonight
    assert "/content/report_2022.html" not in handler.asked  # disallowed, from the kept copy
    [(host, status, body)] = fetch_all(db_url, sa.text(
        "select host, status, body from robots_txt"))
    assert (host, status, bytes(body)) == (base.removeprefix("http://"), 200, ROBOTS)
    # the forbidden document is a fault of its own kind each night, not the portal failing
    nights = fetch_all(db_url, sa.text(
        "select faults, status from portal_health order by run_id"))
    assert [(_json(faults), status) for faults, status in nights] == [
        ({"robots_forbidden": 1}, "ok"), ({"robots_forbidden": 1}, "ok")]


def _json(value) -> dict:
    return json.loads(value) if isinstance(value, str) else value


def test_robots_txt_is_asked_again_when_kept_for_no_time(tmp_path, db_url, portal_server):
    handler, base = portal_server
    _crawl(tmp_path, base, db_url)
    _crawl(tmp_path, base, db_url, "--set", "GOVCORPUS_ROBOTS_MAX_AGE_HOURS=0")
    assert _robots_asked(handler) == 2


def test_a_robots_txt_that_answered_5xx_is_not_kept(tmp_path, portal_server):
    handler, base = portal_server
    handler.robots_status = 503
    db_url = f"sqlite:///{tmp_path / 'c.db'}"
    _crawl(tmp_path, base, db_url)
    _crawl(tmp_path, base, db_url)
    assert _robots_asked(handler) == 2
    assert fetch_all(db_url, sa.text("select host from robots_txt")) == []
