"""Keep a night's raw exchanges as WARC, so a night can be replayed and a failure become a test.

`GOVCORPUS_RECORD_DIR` (`govcorpus crawl --record DIR`) turns it on: every response as it came
off the wire (before decompression, redirects and retries) is written with its request, POST
bodies included, to `DIR/govcorpus-<UTC time>.warc.gz`. `govcorpus crawl --replay DIR` serves it.
"""

from __future__ import annotations

from datetime import datetime, timezone
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from govcorpus.captures import FRAMING, kept_headers
from govcorpus.shards import shard_file


class WarcRecorder:
    """Downloader middleware next to the downloader: writes each exchange as a WARC pair."""

    def __init__(self, folder: Path, shard: str = "") -> None:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        self.path = shard_file(folder / f"govcorpus-{stamp}.warc.gz", shard)
        self._handle = self.path.open("wb")
        self._writer = WARCWriter(self._handle, gzip=True)
        self.records = 0

    @classmethod
    def from_crawler(cls, crawler) -> WarcRecorder:
        folder = crawler.settings.get("GOVCORPUS_RECORD_DIR")
        if not folder:
            raise NotConfigured
        recorder = cls(Path(folder), crawler.settings.get("GOVCORPUS_SHARD") or "")
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def process_response(self, request: Request, response: Response, spider=None) -> Response:
        if not request.url.startswith(("http:", "https:")):  # the spider's own data: request
            return response
        date = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        written = self._writer.create_warc_record(
            response.url, "response", payload=BytesIO(response.body),
            length=len(response.body), http_headers=_response_headers(response),
            warc_headers_dict={"WARC-Date": date},
        )
        sent = self._writer.create_warc_record(
            request.url, "request", payload=BytesIO(request.body), length=len(request.body),
            http_headers=_request_headers(request),
            warc_headers_dict={
                "WARC-Date": date,
                "WARC-Concurrent-To": written.rec_headers.get_header("WARC-Record-ID"),
            },
        )
        self._writer.write_record(written)
        self._writer.write_record(sent)
        self.records += 1
        return response

    def spider_closed(self, spider=None) -> None:
        self._handle.close()
        if spider is not None:
            spider.logger.info("recorded %d exchanges in %s", self.records, self.path)


def _response_headers(response: Response) -> StatusAndHeaders:
    try:
        reason = HTTPStatus(response.status).phrase
    except ValueError:
        reason = "Unknown"
    headers = kept_headers(((key.decode("latin-1"), value.decode("latin-1"))
                            for key, values in response.headers.items() for value in values),
                           FRAMING)
    headers.append(("Content-Length", str(len(response.body))))
    return StatusAndHeaders(f"{response.status} {reason}", headers, protocol="HTTP/1.1")


def _request_headers(request: Request) -> StatusAndHeaders:
    parts = urlsplit(request.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = [("Host", parts.netloc)] + [
        (key.decode("latin-1"), value.decode("latin-1"))
        for key, values in request.headers.items()
        for value in values
    ]
    return StatusAndHeaders(f"{request.method} {target} HTTP/1.1", headers, is_http_request=True)
