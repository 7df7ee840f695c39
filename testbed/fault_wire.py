"""Socket-level answers of the fault mode: resets, silence, drips, short and endless bodies.

Each action takes the request handler and writes (or refuses to write) the answer itself.
Every action is bounded in time: at most `hold` seconds, then the connection is closed.
"""

from __future__ import annotations

import io
import socket
import struct
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler

Action = Callable[[BaseHTTPRequestHandler, bool], None]
CHUNK = 64 * 1024
WIRE_ERRORS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError,
               OSError)


def plain(status: int, headers: dict[str, str], body: bytes) -> Action:
    """An ordinary answer, Content-Length set unless given."""
    def act(handler: BaseHTTPRequestHandler, with_body: bool) -> None:
        handler.send_response(status)
        for name, value in {"Content-Length": str(len(body)), **headers}.items():
            handler.send_header(name, value)
        handler.end_headers()
        if with_body:
            handler.wfile.write(body)
    return act


def reset() -> Action:
    """Close the connection with a TCP RST before answering."""
    def act(handler: BaseHTTPRequestHandler, with_body: bool) -> None:
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.connection.close()
        handler.wfile = io.BytesIO()  # nothing more reaches the closed socket
        handler.close_connection = True
    return act


def silence(hold: float) -> Action:
    """Accept the request and never answer; hang up after `hold` seconds."""
    def act(handler: BaseHTTPRequestHandler, with_body: bool) -> None:
        time.sleep(hold)
        handler.close_connection = True
    return act


def drip(hold: float, body: bytes, interval: float = 0.25) -> Action:
    """Headers at once, then one byte every `interval` seconds for at most `hold` seconds."""
    def act(handler: BaseHTTPRequestHandler, with_body: bool) -> None:
        _head(handler, {"Content-Length": str(len(body)), "Content-Type": "text/html"})
        deadline = time.monotonic() + hold
        try:
            for index in range(len(body) if with_body else 0):
                if time.monotonic() > deadline:
                    break
                handler.wfile.write(body[index:index + 1])
                handler.wfile.flush()
                time.sleep(interval)
        except WIRE_ERRORS:
            pass
        handler.close_connection = True
    return act


def short_body(body: bytes, claimed: int) -> Action:
    """A Content-Length larger than the body sent, then the connection closes."""
    def act(handler: BaseHTTPRequestHandler, with_body: bool) -> None:
        _head(handler, {"Content-Length": str(claimed), "Content-Type": "text/html; charset=utf-8"})
        if with_body:
            _write(handler, body)
        handler.close_connection = True
    return act


def endless(size: int, declare_length: bool, hold: float) -> Action:
    """A body of `size` bytes of HTML filler, with or without Content-Length; stops on hang-up."""
    filler = (b"<p>" + "填充内容".encode() * 1000 + b"</p>\n")[:CHUNK].ljust(CHUNK, b" ")

    def act(handler: BaseHTTPRequestHandler, with_body: bool) -> None:
        headers = {"Content-Type": "text/html; charset=utf-8"}
        headers["Content-Length" if declare_length else "Connection"] = (
            str(size) if declare_length else "close"
        )
        _head(handler, headers)
        deadline, sent = time.monotonic() + hold, 0
        try:
            while with_body and sent < size and time.monotonic() < deadline:
                handler.wfile.write(filler[: size - sent])
                sent += min(CHUNK, size - sent)
        except WIRE_ERRORS:
            pass
        handler.close_connection = True
    return act


def _head(handler: BaseHTTPRequestHandler, headers: dict[str, str]) -> None:
    handler.send_response(200)
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.flush()


def _write(handler: BaseHTTPRequestHandler, data: bytes) -> None:
    try:
        handler.wfile.write(data)
        handler.wfile.flush()
    except WIRE_ERRORS:
        pass
