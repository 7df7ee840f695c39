"""The corpus browser, driven in headless Chromium: search a phrase, find the report."""

from __future__ import annotations

import os
import subprocess
import sys

import sqlalchemy as sa
from selenium.webdriver.common.by import By

from storage import make_engine
from storage.read.search import build_search_index, search
from tests.browser import chrome, wait_for_http
from tests.ports import free_port


def a_report(db_url: str):
    engine = make_engine(db_url)
    with engine.connect() as conn:
        row = conn.execute(sa.text(
            "select title, url, text_normalized from documents "
            "where is_annual_report and length(text_normalized) > 400 order by id limit 1"
        )).one()
    engine.dispose()
    return row


def phrase_of(text: str) -> str:
    """A phrase from the middle of the text: twelve characters of one line."""
    lines = [line for line in text.splitlines() if len(line) > 40]
    middle = lines[len(lines) // 2]
    return middle[10:22]


def test_search_index_finds_a_phrase_of_a_report(testbed_corpus):
    db_url = testbed_corpus.db_url
    report = a_report(db_url)
    engine = make_engine(db_url)
    assert build_search_index(engine) > 0
    hits = search(engine, phrase_of(report.text_normalized))
    engine.dispose()
    assert report.url in [hit.url for hit in hits]


def test_browser_search_finds_the_report_and_links_its_source(testbed_corpus, tmp_path):
    report = a_report(testbed_corpus.db_url)
    phrase = phrase_of(report.text_normalized)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "govcorpus", "browse", "--db", testbed_corpus.db_url,
         "--port", str(port)],
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    driver = None
    try:
        wait_for_http(f"http://127.0.0.1:{port}/govcorpus")
        driver = chrome(tmp_path)
        driver.get(f"http://127.0.0.1:{port}/govcorpus/search")
        box = driver.find_element(By.CSS_SELECTOR, "input[name='q']")
        box.send_keys(phrase)
        box.submit()
        rows = driver.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
        assert rows, driver.page_source[:2000]
        assert report.title in driver.page_source
        links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "td a")]
        assert report.url in links
        driver.save_screenshot(str(tmp_path / "browse.png"))

        driver.get(f"http://127.0.0.1:{port}/govcorpus/documents?_facet=report_year")
        assert "report_year" in driver.find_element(By.CSS_SELECTOR, ".facet-results").text
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(timeout=30)
