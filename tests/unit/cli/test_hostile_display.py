"""What a hostile page put in the corpus cannot run in a reader's browser.

A corpus is written with titles, bodies, issuers, URLs, portal names and fault details that
carry scripts, event attributes, `javascript:` links and broken markup. The coverage page,
the health HTML report and the corpus browser (Datasette) are then opened in headless
Chromium. Every payload would set a marker on `window` or fetch a beacon from a loopback
server the test runs; the test reads the marker and the beacon's log.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from govcorpus.cli.coverage import render_coverage
from govcorpus.cli.health import health_html
from storage import CorpusWriter, init_db, make_engine
from storage.health import health_history, record_portal_health
from storage.read.coverage import coverage
from tests.browser import chrome, wait_for_http
from tests.portals import portal
from tests.ports import free_port

MARK = "__govcorpus_pwned"
T0 = datetime(2026, 3, 10, tzinfo=timezone.utc)
NOT_WEB = ("javascript:", "data:", "file:", "vbscript:")


def payloads(beacon: str) -> list[str]:
    """Markup that runs a script, fires an event or fetches the beacon if it is not escaped."""
    return [
        f"<script>window.{MARK}=1</script>",
        f"<img src='{beacon}/img' onerror='window.{MARK}=1'>",
        f"\"'><svg onload=window.{MARK}=1>",
        f"</title></td></table></text></svg><script>window.{MARK}=1</script>",
        f"<a href=\"javascript:window.{MARK}=1\" id=clickme>链接</a>",
        f"<iframe src='{beacon}/frame'></iframe><object data='{beacon}/object'></object>",
        f"<style>@import '{beacon}/css';</style>",
        f"<meta http-equiv=refresh content='0;url={beacon}/refresh'>",
        f"<base href='{beacon}/base/'>",
        "<!-- <![CDATA[ <textarea>",
    ]


class Beacon(SimpleHTTPRequestHandler):
    """Serves the written pages and logs every path asked for."""

    asked: list[str] = []

    def log_message(self, *args) -> None:
        Beacon.asked.append(self.path)


@pytest.fixture
def beacon(tmp_path):
    Beacon.asked = []
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: Beacon(*a, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def hostile_corpus(db_url: str, beacon: str):
    attacks = payloads(beacon)
    engine = make_engine(db_url)
    init_db(engine)
    writer = CorpusWriter(engine, batch_size=500)
    run = writer.start_run()
    writer.upsert_portals([portal(f"3501{n:02d}", f"平潭{attack}", start_url="https://a.gov.cn/")
                           for n, attack in enumerate(attacks)])
    for n, attack in enumerate(attacks):
        code = f"3501{n:02d}"
        url = f"https://www.pingtan.gov.cn/t{n}.htm?q=\"><script>window.{MARK}=1</script>"
        writer.add_page({
            "portal_code": code, "url": url, "canonical_url": url, "status": 200,
            "body": attack.encode(), "fetched_at": T0, "is_annual_report": True,
            "report_year": 2024, "publish_date": "2025-04-02", "body_type": "government",
            "title": f"2024年度报告{attack}", "text": f"政府信息公开工作年度报告 {attack}",
            "text_normalized": f"政府信息公开工作年度报告 {attack}", "issuing_body": attack,
            "parent_url": f"javascript:window.{MARK}=1", "list_title": attack})
        writer.add_fault({"portal_code": code, "url": f"data:text/html,{attack}",
                          "kind": attack[:60], "detail": attack, "fetched_at": T0})
    writer.add_fault({"portal_code": "350100", "url": "file:///etc/passwd", "kind": "http_521",
                      "detail": attacks[0], "fetched_at": T0})
    writer.flush()
    writer.finish_run(run, {})
    record_portal_health(engine, run, [f"3501{n:02d}" for n in range(len(attacks))])
    return engine


def assert_nothing_ran(driver, page: str) -> None:
    assert driver.execute_script(f"return window.{MARK} === undefined"), page
    assert driver.execute_script("return document.querySelectorAll('iframe,object').length") == 0
    for link in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
        assert not (link.get_attribute("href") or "").lower().startswith(NOT_WEB), page
    stored = [e for e in driver.find_elements(By.CSS_SELECTOR, "#clickme")]
    assert stored == [], f"{page}: a stored link became markup"


def test_no_stored_script_runs_in_the_coverage_and_health_pages(tmp_path, beacon):
    engine = hostile_corpus(f"sqlite:///{tmp_path / 'corpus.db'}", beacon)
    coverage_page = render_coverage(coverage(engine, years=[2023, 2024]))
    health_page = health_html(health_history(engine, T0 - timedelta(days=3650)), T0)
    engine.dispose()
    (tmp_path / "coverage.html").write_text(coverage_page, encoding="utf-8")
    (tmp_path / "health.html").write_text(health_page, encoding="utf-8")
    assert "平潭&lt;script&gt;" in coverage_page and "平潭&lt;script&gt;" in health_page
    driver = chrome(tmp_path)
    try:
        for name in ("coverage.html", "health.html"):
            driver.get(f"{beacon}/{name}")
            assert "平潭<script>" in driver.find_element(By.TAG_NAME, "body").text
            assert_nothing_ran(driver, name)
    finally:
        driver.quit()
    assert set(Beacon.asked) <= {"/coverage.html", "/health.html", "/favicon.ico"}


def test_no_stored_script_runs_in_the_corpus_browser(tmp_path, beacon):
    db_url = f"sqlite:///{tmp_path / 'corpus.db'}"
    hostile_corpus(db_url, beacon).dispose()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "govcorpus", "browse", "--db", db_url, "--port", str(port)],
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    site = f"http://127.0.0.1:{port}/govcorpus"
    pages = ["/documents", "/documents/1", "/documents?_facet=issuing_body", "/faults",
             "/faults?_facet=kind", "/portals", "/search?q=政府信息公开工作年度报告"]
    driver = None
    try:
        wait_for_http(site)
        driver = chrome(tmp_path)
        for page in pages:
            driver.get(site + page)
            assert_nothing_ran(driver, page)
        driver.get(site + "/documents/1")
        assert f"window.{MARK}=1" in driver.find_element(By.TAG_NAME, "body").text
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(timeout=30)
    assert Beacon.asked == []


def test_the_stored_payloads_are_markup_that_would_run(tmp_path, beacon):
    """The check itself: the same payloads, written into a page unescaped, do run."""
    staying = [p for p in payloads(beacon) if "refresh" not in p]  # it would leave the page
    page = "<!doctype html><html><body>" + "".join(staying) + "</body></html>"
    Path(tmp_path / "raw.html").write_text(page, encoding="utf-8")
    driver = chrome(tmp_path)
    try:
        driver.get(f"{beacon}/raw.html")
        assert driver.execute_script(f"return window.{MARK}") == 1
    finally:
        driver.quit()
    assert {"/img", "/frame"} & {path.rstrip("/") for path in Beacon.asked}
