"""Which HTTP headers a kept exchange keeps: one rule for recording, exporting and replaying.

A capture keeps the body, not the bytes on the wire, so the headers that framed those bytes are
dropped and written anew for the body kept; a decoded body also drops its content coding; a
replay answer drops the headers of the connection it came on.
"""

from __future__ import annotations

from collections.abc import Iterable

FRAMING = frozenset({"content-length", "transfer-encoding"})
"""Dropped from every kept exchange: they describe the wire, not the body."""
DECODED_BODY = FRAMING | {"content-encoding"}
"""Dropped with a body stored decoded (the corpus's captures, its WARC export)."""
REPLAYED = DECODED_BODY | {"connection"}
"""Dropped from a replayed answer: the replay server frames and connects anew."""


def kept_headers(headers: Iterable[tuple[str, str]], dropped: frozenset[str]
                 ) -> list[tuple[str, str]]:
    """The (name, value) pairs whose names are not dropped (names compared without case)."""
    return [(name, value) for name, value in headers if name.lower() not in dropped]
