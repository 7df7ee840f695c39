"""Replay captured exchanges over loopback, so real portals can be crawled offline.

An archive is either WARC files (what `govcorpus crawl --record` and `export --format warc`
write) or a folder with a `replay.jsonl` manifest, one exchange a line:

    {"url": "https://www.pingtan.gov.cn/zwgk/…/index.htm", "file": "pages/index.htm",
     "content_type": "text/html; charset=utf-8"}
    {"url": "https://www.pingtan.gov.cn/fjdzapp/search", "method": "POST",
     "form": {"channelid": "200210", "page": "2"}, "file": "api/page2.json", "status": 200}

A POST is matched on its URL and its form fields (order does not matter). The server takes the
original URL as its path (`GET /https://www.pingtan.gov.cn/…`, as pywb does); the crawler's
replay download handler (crawler/capture/replay_handler.py) sends every request there when
`GOVCORPUS_REPLAY_URL` is set. What the archive does not hold is a 404 and is listed in
`misses`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from w3lib.url import canonicalize_url

from govcorpus.captures import REPLAYED, kept_headers

MANIFEST = "replay.jsonl"


class ArchiveError(ValueError):
    """An archive that cannot be read: named with the file and the problem."""


@dataclass(frozen=True)
class Answer:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


@dataclass
class ReplayArchive:
    """Captured answers keyed by method, canonical URL and form body."""

    answers: dict[tuple[str, str, str], Answer] = field(default_factory=dict)

    def add(self, method: str, url: str, body: bytes, answer: Answer) -> None:
        self.answers[_key(method, url, body)] = answer  # a later capture replaces an earlier

    def answer(self, method: str, url: str, body: bytes = b"") -> Answer | None:
        method = "GET" if method == "HEAD" else method
        return self.answers.get(_key(method, url, body))

    def __len__(self) -> int:
        return len(self.answers)

    @classmethod
    def load(cls, path: Path) -> ReplayArchive:
        """An archive from a manifest folder, a WARC file, or a folder of WARC files."""
        archive = cls()
        if path.is_dir() and (path / MANIFEST).exists():
            archive._load_manifest(path)
        elif path.is_dir():
            warcs = sorted([*path.glob("*.warc"), *path.glob("*.warc.gz")])
            if not warcs:
                raise ArchiveError(f"{path}: no {MANIFEST} and no .warc(.gz) files")
            for warc in warcs:
                archive._load_warc(warc)
        elif path.is_file():
            archive._load_warc(path)
        else:
            raise ArchiveError(f"{path}: no such file or folder")
        return archive

    def _load_manifest(self, folder: Path) -> None:
        lines = (folder / MANIFEST).read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                body = (folder / entry["file"]).read_bytes()
                headers = dict(entry.get("headers", {}))
                if "content_type" in entry:
                    headers["Content-Type"] = entry["content_type"]
                form = urlencode(sorted(entry.get("form", {}).items())).encode()
                answer = Answer(int(entry.get("status", 200)), tuple(headers.items()), body)
                self.add(entry.get("method", "GET").upper(), entry["url"], form, answer)
            except (ValueError, KeyError, OSError) as exc:
                raise ArchiveError(f"{folder / MANIFEST}:{number}: {exc!r}") from exc

    def _load_warc(self, path: Path) -> None:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed

        responses: dict[str, tuple[str, Answer]] = {}
        requests: dict[str, tuple[str, bytes]] = {}  # response record id → method, body
        try:
            with path.open("rb") as handle:
                for record in ArchiveIterator(handle):
                    _read_record(record, responses, requests)
        except (ArchiveLoadFailed, OSError, ValueError) as exc:
            raise ArchiveError(f"{path}: {exc}") from exc
        for record_id, (url, answer) in responses.items():
            method, body = requests.get(record_id, ("GET", b""))
            self.add(method, url, body, answer)


def _read_record(record, responses: dict, requests: dict) -> None:
    url = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type == "response" and record.http_headers is not None:
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        status = int(record.http_headers.get_statuscode() or 200)
        headers = tuple(kept_headers(record.http_headers.headers, REPLAYED))
        responses[record_id] = (url, Answer(status, headers, record.content_stream().read()))
    elif record.rec_type == "request" and record.http_headers is not None:
        concurrent = record.rec_headers.get_header("WARC-Concurrent-To")
        method = record.http_headers.protocol.split()[0] if record.http_headers.protocol else "GET"
        requests[concurrent] = (method.upper(), record.content_stream().read())


def _key(method: str, url: str, body: bytes) -> tuple[str, str, str]:
    return method.upper(), canonicalize_url(url), _form(body)


def _form(body: bytes) -> str:
    """A form body with its fields sorted, so field order does not matter."""
    if not body:
        return ""
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=True)
    except (UnicodeDecodeError, ValueError):
        return body.hex()
    return urlencode(sorted(pairs))


class ReplayServer:
    """The archive served on loopback, in a background thread, as a context manager."""

    def __init__(self, archive: ReplayArchive, host: str = "127.0.0.1", port: int = 0):
        self.archive = archive
        self.misses: list[tuple[str, str]] = []
        self.requests: list[tuple[str, str]] = []  # every (method, URL) asked, in order
        self.served = 0
        self._httpd = ThreadingHTTPServer((host, port), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> ReplayServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def _handler_for(server: ReplayServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._reply(b"")

        def do_HEAD(self) -> None:  # noqa: N802
            self._reply(b"", head=True)

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            self._reply(self.rfile.read(length))

        def _reply(self, body: bytes, head: bool = False) -> None:
            url = self.path[1:]
            server.requests.append((self.command, url))
            answer = server.archive.answer(self.command, url, body)
            if answer is None:
                server.misses.append((self.command, url))
                answer = Answer(404, (("Content-Type", "text/plain"), ("X-Replay", "miss")),
                                b"not in the replay archive\n")
            else:
                server.served += 1
            self.send_response(answer.status)
            for name, value in answer.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            if not head:
                self.wfile.write(answer.body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def load_archives(paths: Iterable[Path]) -> ReplayArchive:
    """Several archives as one; later ones replace earlier answers for the same request."""
    merged = ReplayArchive()
    for path in paths:
        merged.answers.update(ReplayArchive.load(path).answers)
    return merged
