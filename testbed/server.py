"""Serving a testbed over HTTP/1.1 on loopback, in a daemon thread."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from testbed.site import Testbed


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server_version = "nginx"
    sys_version = ""
    testbed: Testbed

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        base_url = f"http://{self.headers.get('Host') or '127.0.0.1'}"
        status, headers, answer = self.testbed.respond_post(self.path, body, base_url)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(answer)

    def _answer(self, with_body: bool) -> None:
        faults = self.testbed.faults
        action = faults.action(self.path, self.server.server_address[1]) if faults else None
        if action is not None:  # fault mode: the fault writes its own answer, or none
            action(self, with_body)
            return
        status, headers, body = self.testbed.respond(self.path, self.headers)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class TestbedServer:
    """`with TestbedServer(testbed) as server:` serves it at `server.base_url` meanwhile."""

    __test__ = False

    def __init__(self, testbed: Testbed, port: int = 0, host: str = "127.0.0.1") -> None:
        handler = type("TestbedHandler", (_Handler,), {"testbed": testbed})
        self._httpd = _Server((host, port), handler)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> TestbedServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> TestbedServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
