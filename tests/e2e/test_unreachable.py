"""A host that answers nothing is given up after its first request's retries; a host that has
answered is never given up (crawler/politeness/unreachable.py). Real sockets on loopback: one
server accepts connections and never answers, the other answers all but one document."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import sqlalchemy as sa

from crawler.runtime.monitors import EXIT_CODES
from govcorpus.registry import Portal
from tests.conftest import fetch_all
from tests.loopback import LOOPBACK, ReportPortal, crawl_portals, loopback_portal, serve

QUICK = ("--set", "DOWNLOAD_TIMEOUT=1", "--set", "RETRY_TIMES=2", "--set", "DOWNLOAD_DELAY=0",
         "--set", "AUTOTHROTTLE_ENABLED=False")


class SilentServer:
    """Accepts connections, reads each request's first line, and never answers."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.requests: list[str] = []
        self.held: list[socket.socket] = []
        self.closing = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closing:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)
            threading.Thread(target=self._read, args=(conn,), daemon=True).start()

    def _read(self, conn: socket.socket) -> None:
        try:
            line = conn.makefile("rb").readline().decode("latin-1").strip()
        except OSError:
            return
        if line:
            self.requests.append(line)

    def close(self) -> None:
        self.closing = True
        self.sock.close()
        for conn in self.held:
            conn.close()


def _crawl(tmp_path: Path, portal: Portal, db_url: str | None = None) -> tuple[int, str]:
    db_url = db_url or f"sqlite:///{tmp_path / 'c.db'}"
    return crawl_portals(tmp_path, [portal], db_url, *QUICK).returncode, db_url


def test_a_host_that_answers_nothing_is_asked_no_more_after_its_first_request(tmp_path):
    server = SilentServer()
    base = f"http://127.0.0.1:{server.port}"
    try:
        started = time.monotonic()
        code, db_url = _crawl(tmp_path, Portal("350128", "平潭县", "county",
                                               (f"{base}/index.html", f"{base}/zwgk/index.html"),
                                               ("127.0.0.1",), LOOPBACK))
        seconds = time.monotonic() - started
    finally:
        server.close()
    assert code == EXIT_CODES["empty_portals"]  # a first night with nothing: empty
    # robots.txt asked three times (RETRY_TIMES=2), then neither home page
    assert server.requests == ["GET /robots.txt HTTP/1.1"] * 3, server.requests
    faults = fetch_all(db_url, sa.text("select url, kind, detail from faults order by url"))
    assert [(url, kind) for url, kind, _ in faults] == [
        (f"{base}/index.html", "timeout"), (f"{base}/zwgk/index.html", "timeout")]
    assert all("answered nothing tonight" in detail and "robots.txt failed 3 times" in detail
               for _, _, detail in faults)
    assert seconds < 60  # three timeouts of 1 s, not three per queued URL


def test_a_portal_silent_last_night_is_asked_once_without_retries(tmp_path, db_url):
    server = SilentServer()
    base = f"http://127.0.0.1:{server.port}"
    portal = loopback_portal(base)
    try:
        _crawl(tmp_path, portal, db_url)
        first = len(server.requests)
        _crawl(tmp_path, portal, db_url)
    finally:
        server.close()
    assert first == 3  # robots.txt and its two retries (RETRY_TIMES=2)
    assert server.requests[first:] == ["GET /robots.txt HTTP/1.1"]  # silent last night: once
    statuses = fetch_all(db_url, sa.text(
        "select status from portal_health where portal_code = '350128' order by run_id"))
    assert [status for (status,) in statuses] == ["empty", "failing"]


HANGS = "/content/report_2022.html"


class _AnswersAllButOne(ReportPortal):
    def answer(self, path: str) -> None:
        if path == HANGS:
            time.sleep(4)  # past DOWNLOAD_TIMEOUT on every try
            return
        super().answer(path)


def test_a_host_that_answered_keeps_being_asked_when_one_page_times_out(tmp_path):
    handler = type("Handler", (_AnswersAllButOne,), {"asked": []})
    with serve(handler) as base:
        _, db_url = _crawl(tmp_path, loopback_portal(base))
    stored = {url for (url,) in fetch_all(db_url, sa.text("select url from documents"))}
    assert stored == {f"{base}/content/report_2021.html", f"{base}/content/report_2023.html"}
    assert handler.asked.count(HANGS) == 3  # tried and retried like any page
    faults = fetch_all(db_url, sa.text("select url, kind, detail from faults"))
    assert [(url, kind) for url, kind, _ in faults] == [(f"{base}{HANGS}", "timeout")]
    assert "answered nothing" not in faults[0][2]
