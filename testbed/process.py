"""Serving a testbed from a separate process, so the server does not share the crawler's GIL."""

from __future__ import annotations

import multiprocessing
from typing import Any

from testbed.server import TestbedServer
from testbed.site import Testbed

START_TIMEOUT_S = 120.0


def _serve(options: dict[str, Any], port: int, ready: Any, stop: Any) -> None:
    with TestbedServer(Testbed(**options), port=port) as server:
        ready.put(server.port)
        stop.wait()


class TestbedProcess:
    """`with TestbedProcess(portals=…, docs_per_portal=…) as served:` → `served.base_url`.

    `served.testbed` is an identical Testbed in this process (same arguments, same pages) for
    writing the registry and reading the manifest.
    """

    __test__ = False

    def __init__(self, port: int = 0, **options: Any) -> None:
        self.options = options
        self.testbed = Testbed(**options)
        context = multiprocessing.get_context("spawn")
        self._ready = context.Queue()
        self._stop = context.Event()
        self._process = context.Process(
            target=_serve, args=(options, port, self._ready, self._stop), daemon=True
        )
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> TestbedProcess:
        self._process.start()
        try:
            self.port = self._ready.get(timeout=START_TIMEOUT_S)
        except Exception:
            self._process.kill()
            raise RuntimeError("the testbed server process did not start") from None
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()
