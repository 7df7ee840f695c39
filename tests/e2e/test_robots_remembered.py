"""robots.txt is kept for a day (crawler/politeness/robots.py): a second crawl within
GOVCORPUS_ROBOTS_MAX_AGE_HOURS obeys the stored answer without asking, and a 5xx answer is not
kept. A real HTTP server on loopback logs every path asked for."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sqlalchemy as sa

from govcorpus.registry import Portal, write_registry
from tests.conftest import fetch_all, govcorpus

LOOPBACK = {"allow_private": "1"}  # the registry hint a loopback portal needs
QUICK = ("--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False",
         "--set", "RETRY_TIMES=0")
REPORT = "<html><body><h1>{title}</h1><p>一、总体情况</p><p>{title}正文。</p></body></html>"
TITLES = {f"/content/report_{year}.html": f"平潭县{year}年政府信息公开工作年度报告"
          for year in (2021, 2022, 2023)}
ROBOTS = b"User-agent: *\nDisallow: /content/report_2022.html\n"


class _Portal(BaseHTTPRequestHandler):
    asked: list[str]
    robots_status: int

    def do_GET(self) -> None:
        self.asked.append(self.path)
        if self.path == "/robots.txt":
            self._send(self.robots_status, ROBOTS, "text/plain")
        elif self.path in TITLES:
            self._send(200, REPORT.format(title=TITLES[self.path]).encode("utf-8"))
        elif self.path == "/index.html":
            rows = "".join(f'<li><a href="{path}">{title}</a><span>2024-01-20</span></li>'
                           for path, title in TITLES.items())
            self._send(200, (f"<html><head><title>政府信息公开年报</title></head>"
                             f"<body><ul>{rows}</ul></body></html>").encode())
        else:
            self.send_error(404)

    def _send(self, status: int, body: bytes, kind: str = "text/html") -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def portal_server():
    handler = type("Handler", (_Portal,), {"asked": [], "robots_status": 200})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield handler, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _crawl(tmp_path: Path, base: str, db_url: str, *settings: str) -> None:
    registry = tmp_path / "registry.csv"
    write_registry(registry, [Portal("350128", "平潭县", "county", (f"{base}/index.html",),
                                     ("127.0.0.1",), LOOPBACK)])
    result = govcorpus("crawl", "--registry", str(registry), "--db", db_url, "--testbed",
                       "--workers", "0", *QUICK, *settings)
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
