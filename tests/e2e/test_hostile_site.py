"""A crawl of a hostile site finishes: every page and file stored, every bomb a fault.

The site (testbed/hostile.py) serves on loopback a report column linking the real 平潭
reports with a script in their head, a page nested 100,000 levels deep, DOCX and XLSX zips
inflating past 1 GB, a PDF whose content stream does too, a billion-laughs DOCX, a PDF whose
page tree loops, a zip of 20,000 members, and `javascript:`, `data:`, `file:`, `ftp:` and
broken-host links. The crawl runs with two analysis workers, as a night would.
"""

from __future__ import annotations

from functools import partial
from http.server import SimpleHTTPRequestHandler

import sqlalchemy as sa

from testbed import hostile
from tests.conftest import fetch_all, govcorpus
from tests.loopback import serve


class Logged(SimpleHTTPRequestHandler):
    asked: list[str] = []

    def log_message(self, *args) -> None:
        Logged.asked.append(self.path)


def test_a_site_of_bombs_is_crawled_to_the_end(tmp_path):
    site = tmp_path / "site"
    expected = hostile.write_hostile_site(site)
    Logged.asked = []
    db_url = f"sqlite:///{tmp_path / 'corpus.db'}"
    with serve(partial(Logged, directory=str(site))) as base:
        registry = tmp_path / "registry.csv"
        registry.write_text("region_code,name,level,start_urls,allowed_domains,hints\n"
                            f"350128,平潭综合实验区,county,{base}/,127.0.0.1,"
                            f"report_columns={base}/{hostile.SITE_COLUMN};allow_private=yes\n",
                            encoding="utf-8")
        result = govcorpus("crawl", "--registry", str(registry), "--db", db_url, "--testbed",
                           "--workers", "2")
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    [(run_status,)] = fetch_all(db_url, sa.text("select status from crawl_runs"))
    assert run_status == "finished"
    documents = dict(fetch_all(db_url, sa.text("select url, attachment_status from documents")))
    status = {url.removeprefix(f"{base}/"): value for url, value in documents.items()}
    assert set(expected) <= set(status)
    faults = fetch_all(db_url, sa.text("select url, kind, detail from faults"))
    for name in set(hostile.SITE_BOMBS) - hostile.NO_TEXT_ONLY:
        path = f"{hostile.SITE_COLUMN.rsplit('/', 1)[0]}/files/{name}"
        assert status[path] in ("too_large", "corrupt"), name
        assert any(url.endswith(path) and detail.startswith(f"attachment: {status[path]}")
                   for url, _, detail in faults), name
    nested = status[f"{hostile.SITE_COLUMN.rsplit('/', 1)[0]}/t20250109_9.html"]
    assert nested is None  # an HTML page, analysed and stored
    asked_urls = [*documents, *(url for url, _, _ in faults)]  # stored, or failed: asked for
    assert not [url for url in asked_urls if url.lower().startswith(hostile.NOT_WEB_SCHEMES)]
    site_paths = {"/", "/index.html", "/robots.txt", f"/{hostile.SITE_COLUMN}"}
    assert {path for path in Logged.asked} - site_paths <= {f"/{path}" for path in expected}
