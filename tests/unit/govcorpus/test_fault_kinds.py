"""One vocabulary of fault kinds: documented, and the only source of the kinds the code records."""

from __future__ import annotations

import ast
import re

import pytest
from scrapy import exceptions
from twisted.internet import error
from twisted.python.failure import Failure

from crawler.faults import _ERROR_KINDS, fault_kind
from govcorpus.fault_kinds import FAULT_KINDS, WAF_KINDS, http_kind
from tests.paths import ROOT

RECORDING_CALLS = {"fault_item": 2, "Refused": 0, "_refuse": 0, "note_fault": 1}
"""Calls that record a fault, and the position of their kind argument."""


def test_every_kind_is_documented():
    documented = set(re.findall(r"`([a-z_<>]+)`", (ROOT / "docs" / "faults.md").read_text("utf-8")))
    assert sorted(FAULT_KINDS - documented) == []
    assert "http_<status>" in documented


def test_failures_map_to_known_kinds():
    assert {kind for _, kind in _ERROR_KINDS} <= FAULT_KINDS


CONNECTION_FAILURES = [  # the exception each failure raises, by Twisted and by Scrapy 2.14+
    (error.DNSLookupError("no such host"), "dns"),
    (error.ConnectionRefusedError(), "connection_refused"),
    (error.TimeoutError(), "timeout"),
    (error.ConnectionLost(), "connection_lost"),
    *((getattr(exceptions, name)("x"), kind) for name, kind in (
        ("CannotResolveHostError", "dns"), ("DownloadConnectionRefusedError", "connection_refused"),
        ("DownloadTimeoutError", "timeout")) if hasattr(exceptions, name)),
]


@pytest.mark.parametrize(("exception", "kind"), CONNECTION_FAILURES,
                         ids=lambda value: type(value).__name__ if isinstance(value, Exception)
                         else value)
def test_connection_failures_get_their_kind(exception, kind):
    assert fault_kind(Failure(exception)) == kind


def test_http_kinds():
    assert http_kind(404) == "http_404"
    assert WAF_KINDS == ("blocked", "http_412", "http_521")


@pytest.mark.parametrize("package", ["crawler", "pipelines", "storage"])
def test_no_fault_is_recorded_under_a_bare_string(package):
    bare = []
    for path in (ROOT / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            position = RECORDING_CALLS.get(name)
            if position is not None and len(node.args) > position:
                kind = node.args[position]
                if isinstance(kind, ast.Constant) and isinstance(kind.value, str):
                    bare.append(f"{path.relative_to(ROOT)}:{node.lineno} {kind.value}")
    assert bare == []
