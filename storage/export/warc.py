"""WARC exports: every stored capture as a request/response record pair (warcio)."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from govcorpus.captures import DECODED_BODY, kept_headers
from storage.export.records import EXPORT_BATCH, Selection
from storage.models import Capture, Document


def write_warc(
    engine: sa.Engine,
    out: Path,
    selection: Selection | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the captures of the selected documents to a gzipped WARC; returns the captures."""
    stmt = (selection or Selection()).where(
        sa.select(Capture.__table__).join(Document, Capture.document_id == Document.id)
    ).order_by(Capture.id)
    count = 0
    with out.open("wb") as handle, engine.connect() as conn:
        writer = WARCWriter(handle, gzip=True)
        for count, row in enumerate(
            conn.execution_options(yield_per=EXPORT_BATCH).execute(stmt), start=1
        ):
            _write_pair(writer, row._mapping)
            if progress and count % EXPORT_BATCH == 0:
                progress(count)
    if progress:
        progress(count)
    return count


def _write_pair(writer: WARCWriter, capture: Any) -> None:
    url, date = capture["url"], capture["fetched_at"].strftime("%Y-%m-%dT%H:%M:%SZ")
    body = zlib.decompress(capture["body_zlib"])
    response = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=_response_headers(capture["status"], capture["headers"] or {}, len(body)),
        warc_headers_dict={"WARC-Date": date},
    )
    request = writer.create_warc_record(
        url,
        "request",
        http_headers=_request_headers(url),
        warc_headers_dict={
            "WARC-Date": date,
            "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
        },
    )
    writer.write_record(response)
    writer.write_record(request)


def _response_headers(status: int, headers: dict[str, str], length: int) -> StatusAndHeaders:
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = "Unknown"
    kept = kept_headers(headers.items(), DECODED_BODY)
    return StatusAndHeaders(
        f"{status} {reason}", [*kept, ("Content-Length", str(length))], protocol="HTTP/1.1"
    )


def _request_headers(url: str) -> StatusAndHeaders:
    parts = urlsplit(url)
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return StatusAndHeaders(
        f"GET {target} HTTP/1.1", [("Host", parts.netloc)], is_http_request=True
    )
