"""Nightly operations over several testbed nights: portal health, monitors, report, digest."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from testbed import Testbed, TestbedServer
from tests.conftest import govcorpus
from tests.loopback import serve
from tests.ports import free_port

PORTALS, DOCS = 4, 6
EMPTY_EXIT, STAGE_EXIT = 14, 12  # README, "Exit status"


class _Receiver(BaseHTTPRequestHandler):
    posts: list[dict]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.posts.append(json.loads(body))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[dict]]]:
    """A plain HTTP server on loopback that keeps every JSON notification posted to it."""
    posts: list[dict] = []
    handler = type("Handler", (_Receiver,), {"posts": posts})
    with serve(handler) as base:
        yield f"{base.replace('http://', 'json://')}/", posts


@dataclass(frozen=True)
class Night:
    returncode: int
    stdout: str
    stderr: str
    report: dict


@pytest.fixture
def nights(tmp_path: Path, receiver) -> Callable[..., Night]:
    """Crawl testbed day N with the CLI, with that night's outages, same address every night."""
    port = free_port()
    notify, _ = receiver
    codes = [s.region_code for s in Testbed(portals=PORTALS).portal_specs()]

    def crawl(day: int, db_url: str, *args: str, **outages) -> Night:
        testbed = Testbed(portals=PORTALS, docs_per_portal=DOCS, day=day, **outages)
        report = tmp_path / f"night{day}.json"
        with TestbedServer(testbed, port=port) as server:
            registry = tmp_path / "registry.csv"
            testbed.write_registry(registry, server.base_url)
            result = govcorpus("crawl", "--registry", str(registry), "--db", db_url, "--testbed",
                               "--set", "GOVCORPUS_REVISIT_DAYS=0", "--notify", notify,
                               "--report", str(report),
                               "--metrics-file", str(tmp_path / "govcorpus.prom"),
                               "--set", "GOVCORPUS_DEADLINES_ON=2026-04-01", *args)
        assert "Error caught on signal handler" not in result.stderr, result.stderr[-3000:]
        return Night(result.returncode, result.stdout, result.stderr,
                     json.loads(report.read_text("utf-8")))

    crawl.codes = codes
    return crawl


def statuses(report: dict) -> dict[str, str]:
    return {p["portal_code"]: p["status"] for p in report["portals"]}


def test_nights_of_outages_are_named_the_next_morning(db_url, nights, receiver, tmp_path):
    moved, walled, fine, down = nights.codes
    _, posts = receiver

    first = nights(1, db_url, "--workers", "0")
    assert first.returncode == 0, first.stderr[-3000:]
    assert statuses(first.report) == dict.fromkeys(nights.codes, "ok")

    outages = {"columns_gone": [moved], "waf": [walled], "down": [down]}
    second = nights(2, db_url, "--workers", "0", **outages)
    assert statuses(second.report) == {moved: "empty", walled: "blocked", fine: "ok",
                                       down: "empty"}  # one night of errors: not yet failing
    assert second.returncode == EMPTY_EXIT, second.stdout[-3000:]
    assert "monitor failed: empty_portals" in second.stdout

    # every page's analysis times out: the pages are stored all the same, and the night fails
    third = nights(3, db_url, "--workers", "1", "--set", "GOVCORPUS_PAGE_TIMEOUT=0", **outages)
    assert statuses(third.report)[down] == "failing"
    assert third.returncode == STAGE_EXIT, third.stdout[-3000:]
    stages = third.report["monitors"]["stage_failures"]
    assert stages["failed"] and "analysis failed on" in stages["messages"][0]
    assert third.report["counts"]["new"] == 1  # the one portal still read: day 3's new report

    assert len(posts) == 3
    digest = posts[1]["title"] + "\n" + posts[1]["message"]
    assert f"empty: {moved}" in digest and f"blocked: {walled}" in digest
    assert f"failing: {down}" in posts[2]["message"]
    assert "FAILED" in posts[1]["title"] and "FAILED" not in posts[0]["title"]
    for code in nights.codes:  # no 2025 report in the testbed, and it is past 31 March 2026
        assert f"no 2025 report after 2026-03-31: {code}" in posts[0]["message"]

    shown = govcorpus("health", "--db", db_url, "--format", "json")
    assert shown.returncode == 0, shown.stderr[-3000:]
    history = {p["portal_code"]: [n["status"] for n in p["nights"]]
               for p in json.loads(shown.stdout)["portals"]}
    assert history[moved] == ["empty", "empty", "ok"]
    assert history[walled] == ["blocked", "blocked", "ok"]
    assert history[down] == ["failing", "empty", "ok"]
    assert json.loads(shown.stdout)["by_status"]["empty"] == [moved]
    text = govcorpus("health", "--db", db_url)
    assert "empty" in text.stdout and moved in text.stdout
    page = govcorpus("health", "--db", db_url, "--format", "html").stdout
    assert f"<tr class='empty'><td>{moved}</td>" in page and page.count("<th>2") == 3

    metrics = {(s.name, tuple(sorted(s.labels.items()))): s.value
               for family in text_string_to_metric_families(
                   (tmp_path / "govcorpus.prom").read_text("utf-8"))
               for s in family.samples}
    assert metrics[("govcorpus_portal_status", (("portal", moved), ("status", "empty")))] == 1
    assert metrics[("govcorpus_portal_status", (("portal", fine), ("status", "empty")))] == 0
    assert metrics[("govcorpus_run_exit_code", ())] == STAGE_EXIT
    assert metrics[("govcorpus_monitor_failed", (("monitor", "stage_failures"),))] == 1


def test_the_report_goes_beside_a_sqlite_corpus(tmp_path):
    from crawler.runtime.report import default_report_path

    corpus = f"sqlite:///{tmp_path / 'corpus.db'}"
    assert default_report_path(corpus, ".", 7) == tmp_path / "govcorpus-run7.json"
    postgres = "postgresql+psycopg://u@h/db"
    assert default_report_path(postgres, str(tmp_path), 7) == tmp_path / "govcorpus-run7.json"


def test_health_without_a_corpus_or_with_a_bad_format_is_one_line(tmp_path):
    missing = govcorpus("health", "--db", f"sqlite:///{tmp_path / 'none.db'}")
    assert (missing.returncode, "no corpus at" in missing.stderr) == (2, True)
    assert not (tmp_path / "none.db").exists()
    bad = govcorpus("health", "--db", f"sqlite:///{tmp_path / 'none.db'}", "--format", "xml")
    assert (bad.returncode, "unknown format 'xml'" in bad.stderr) == (2, True)
