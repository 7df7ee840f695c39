"""Which headers a kept exchange keeps: framing always goes, content coding with a decoded body,
the connection with a replayed answer."""

from __future__ import annotations

from govcorpus.captures import DECODED_BODY, FRAMING, REPLAYED, kept_headers

HEADERS = [("Content-Type", "text/html; charset=GBK"), ("Content-Length", "5120"),
           ("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip"),
           ("Connection", "keep-alive"), ("Last-Modified", "Tue, 10 Mar 2026 02:00:00 GMT")]


def names(dropped: frozenset[str]) -> list[str]:
    return [name for name, _ in kept_headers(HEADERS, dropped)]


def test_a_recorded_raw_body_keeps_its_content_coding():
    assert names(FRAMING) == ["Content-Type", "Content-Encoding", "Connection", "Last-Modified"]


def test_a_decoded_body_drops_its_content_coding():
    assert names(DECODED_BODY) == ["Content-Type", "Connection", "Last-Modified"]


def test_a_replayed_answer_drops_the_connection_too():
    assert names(REPLAYED) == ["Content-Type", "Last-Modified"]


def test_names_are_compared_without_case():
    assert kept_headers([("content-LENGTH", "1"), ("ETag", '"x"')], FRAMING) == [("ETag", '"x"')]
