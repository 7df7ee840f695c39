"""A plain HTTP server on loopback for one test, and the small 年报 portal several tests serve.

`serve(handler)` runs a `ThreadingHTTPServer` on a free port of 127.0.0.1 and yields its base
URL. `ReportPortal` answers a column page (/index.html) listing three annual reports and the
reports themselves, and logs every path asked for; a test subclasses it to misbehave.
`crawl_portals` runs one `govcorpus crawl` of loopback portals.
"""

from __future__ import annotations

import hashlib
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from govcorpus.registry import Portal, write_registry
from tests.conftest import govcorpus

LOOPBACK = {"allow_private": "1"}  # the registry hint a loopback portal needs
REPORT = "<html><body><h1>{title}</h1><p>一、总体情况</p><p>{title}正文。</p></body></html>"
TITLES = {f"/content/report_{year}.html": f"平潭县{year}年政府信息公开工作年度报告"
          for year in (2021, 2022, 2023)}


@contextmanager
def serve(handler: Any) -> Iterator[str]:
    """`http://127.0.0.1:PORT` of a server answering with `handler`, stopped after the block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def crawl_portals(tmp_path: Path, portals: list[Portal], db_url: str, *options: str
                  ) -> subprocess.CompletedProcess:
    """One `govcorpus crawl` of `portals` (their registry written in `tmp_path`) into `db_url`,
    testbed settings, no analysis workers, then `options`."""
    registry = tmp_path / "registry.csv"
    write_registry(registry, portals)
    return govcorpus("crawl", "--registry", str(registry), "--db", db_url, "--testbed",
                     "--workers", "0", *options)


def column_page(paths: list[str], pager: str = "", titles: dict[str, str] = TITLES) -> bytes:
    """A 年报 column page listing the reports at `paths` (titled by `titles`), with `pager`
    (links) below them."""
    rows = "".join(f'<li><a href="{path}">{titles[path]}</a><span>2024-01-20</span></li>'
                   for path in paths)
    pager = f'<div class="page">{pager}</div>' if pager else ""
    return (f"<html><head><title>政府信息公开年报</title></head>"
            f"<body><ul>{rows}</ul>{pager}</body></html>").encode()


def loopback_portal(base: str) -> Portal:
    """平潭县's registry row, its home page the served column."""
    return Portal("350128", "平潭县", "county", (f"{base}/index.html",), ("127.0.0.1",), LOOPBACK)


class ReportPortal(BaseHTTPRequestHandler):
    """The column and its three reports; `asked` logs every path (give each test its own list,
    e.g. `type("Handler", (ReportPortal,), {"asked": []})`)."""

    asked: list[str] = []
    answers: list[tuple[str, int]] = []  # of the pages sent by `send_tagged`

    def do_GET(self) -> None:
        self.asked.append(self.path)
        self.answer(self.path)

    def answer(self, path: str) -> None:
        if path in TITLES:
            self.send(200, REPORT.format(title=TITLES[path]).encode())
        elif path == "/index.html":
            self.send(200, column_page(list(TITLES)))
        else:
            self.send_error(404)

    def send(self, status: int, body: bytes, kind: str = "text/html") -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_tagged(self, path: str, body: bytes) -> None:
        """`body` with an ETag of its bytes, or a 304 to a matching If-None-Match; the answer
        is logged in `answers` as (path, status)."""
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        status = 304 if self.headers.get("If-None-Match") == etag else 200
        self.answers.append((path, status))
        self.send_response(status)
        self.send_header("ETag", etag)
        if status == 200:
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status == 200:
            self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass
