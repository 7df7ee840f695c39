"""Serving a testbed's portals each on its own loopback address, each with its own latency.

All of 127.0.0.0/8 is loopback on Linux, so portal i listens on 127.1.x.y without any set-up.
One asyncio process holds one listening socket per address: a connection waits its host's
latency (±20 %) before each answer, and a host without latency never answers at all. The
process reports how busy it was, so a bench can tell whether the server held the crawl back.
"""

from __future__ import annotations

import asyncio
import http.client
import io
import multiprocessing
import random
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govcorpus.registry import Portal, write_registry
from testbed.scripted_built_to_shape import CHALLENGE_STATUS, ChallengeGate
from testbed.site import Testbed

START_TIMEOUT_S = 120.0
JITTER = 0.2  # each answer waits the host's latency ±20 %


@dataclass(frozen=True)
class Host:
    """One portal's host: its address and how long it takes to answer (None: never)."""

    address: str
    latency_s: float | None
    challenged: bool = False  # behind a JavaScript challenge (testbed/scripted_built_to_shape.py)


@dataclass(frozen=True)
class ServerLoad:
    """How hard the server worked: if it was busy, the crawl's figures describe the server."""

    requests: int
    cpu_s: float
    wall_s: float
    late_p99_ms: float  # how much later than asked answers went out (event-loop lag)

    @property
    def cpu_share(self) -> float:
        return self.cpu_s / self.wall_s if self.wall_s else 0.0


def host_address(index: int) -> str:
    """The loopback address of portal `index`: 127.1.0.1, 127.1.0.2 … 127.1.0.250, 127.1.1.1 …"""
    return f"127.1.{index // 250}.{index % 250 + 1}"


class _Served:
    def __init__(self, testbed: Testbed, seed: int = 0) -> None:
        self.testbed = testbed
        self.rng = random.Random(seed)
        self.requests = 0
        self.late: list[float] = []
        self.gate = ChallengeGate()

    async def connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                         host: Host) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                if host.latency_s is None:  # never answers: hold the connection until dropped
                    await reader.read()
                    return
                await self._wait(host.latency_s)
                if not await self._answer(head, reader, writer, host.challenged):
                    return
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            return
        finally:
            writer.close()

    async def _wait(self, latency: float) -> None:
        delay = latency * self.rng.uniform(1 - JITTER, 1 + JITTER)
        asked = time.monotonic()
        await asyncio.sleep(delay)
        self.late.append(time.monotonic() - asked - delay)

    async def _answer(self, head: bytes, reader: asyncio.StreamReader,
                      writer: asyncio.StreamWriter, challenged: bool) -> bool:
        request_line, _, header_block = head.partition(b"\r\n")
        method, target, _ = request_line.decode("latin-1").split(" ", 2)
        headers = http.client.parse_headers(io.BytesIO(header_block))
        form = await reader.readexactly(int(headers.get("Content-Length") or 0))
        if challenged and not target.startswith("/robots.txt") and not self.gate.check(headers)[1]:
            body = self.gate.page()
            status = CHALLENGE_STATUS
            answer_headers = {"Content-Type": "text/html", "Content-Length": str(len(body))}
        elif method == "POST":  # the list APIs (TRS search, Hanweb dataproxy) take form posts
            base_url = f"http://{headers.get('Host') or '127.0.0.1'}"
            status, answer_headers, body = self.testbed.respond_post(target, form, base_url)
        else:
            status, answer_headers, body = self.testbed.respond(target, headers)
        self.requests += 1
        lines = [f"HTTP/1.1 {status} {http.client.responses.get(status, '')}", "Server: nginx"]
        lines += [f"{name}: {value}" for name, value in answer_headers.items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        if method != "HEAD":
            writer.write(body)
        await writer.drain()
        return (headers.get("Connection") or "").lower() != "close"


async def _serve(options: dict[str, Any], hosts: list[Host], port: int, ready: Any,
                 stop: Any) -> ServerLoad:
    served = _Served(Testbed(**options))
    servers = []
    for host in hosts:
        handler = lambda r, w, host=host: served.connection(r, w, host)  # noqa: E731
        server = await asyncio.start_server(handler, host.address, port, backlog=64,
                                            reuse_address=True)
        port = port or server.sockets[0].getsockname()[1]
        servers.append(server)
    started, cpu_started = time.monotonic(), time.process_time()
    ready.put(port)
    while not stop.is_set():
        await asyncio.sleep(0.2)
    load = ServerLoad(served.requests, time.process_time() - cpu_started,
                      time.monotonic() - started, _p99(served.late) * 1000)
    for server in servers:
        server.close()
    return load


def _p99(values: list[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def _run(options: dict[str, Any], hosts: list[Host], port: int, ready: Any, stop: Any,
         report: Any) -> None:
    report.put(asyncio.run(_serve(options, hosts, port, ready, stop)))


def free_port(address: str) -> int:
    """A TCP port free on an address (the hosts then share it)."""
    with socket.socket() as probe:
        probe.bind((address, 0))
        return probe.getsockname()[1]


class ManyHostProcess:
    """`with ManyHostProcess(hosts, portals=…, sizes=…) as served:` serves portal i of the
    testbed at `served.base_url(i)` from a process of its own; `served.load` afterwards says
    how busy that process was. `served.testbed` is an identical Testbed in this process."""

    __test__ = False

    def __init__(self, hosts: list[Host], **options: Any) -> None:
        self.hosts = hosts
        self.testbed = Testbed(**options)
        context = multiprocessing.get_context("spawn")
        self._ready, self._report = context.Queue(), context.Queue()
        self._stop = context.Event()
        self.port = free_port(hosts[0].address)
        self._process = context.Process(
            target=_run, args=(options, hosts, self.port, self._ready, self._stop, self._report),
            daemon=True,
        )
        self.load: ServerLoad | None = None

    def base_url(self, index: int) -> str:
        return f"http://{self.hosts[index].address}:{self.port}"

    def write_registry(self, path: str | Path, indexes: Iterable[int] | None = None) -> None:
        """The registry of the served portals (or of those at `indexes`), each at its host."""
        specs = self.testbed.portal_specs()
        chosen = range(len(specs)) if indexes is None else indexes
        write_registry(path, [
            Portal(specs[i].region_code, specs[i].name, specs[i].level,
                   (f"{self.base_url(i)}/{specs[i].region_code}/index.html",),
                   (self.hosts[i].address,), {"allow_private": "1"})
            for i in chosen
        ])

    def __enter__(self) -> ManyHostProcess:
        self._process.start()
        try:
            self.port = self._ready.get(timeout=START_TIMEOUT_S)
        except Exception:
            self._process.kill()
            raise RuntimeError("the many-host testbed server did not start") from None
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        try:
            self.load = self._report.get(timeout=30)
        except Exception:
            self.load = None
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()
