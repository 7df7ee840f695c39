"""Soft blocks: a 200 with no document never replaces the stored text, and is recorded as a fault.

The nights are served by a real HTTP server on loopback and crawled with the CLI, every listed
document asked for again each night (GOVCORPUS_REVISIT_DAYS=0), into SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
import sqlalchemy as sa
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawler import settings as crawler_settings
from crawler.faults import Refused
from crawler.politeness.waf import WafBackoffMiddleware
from govcorpus.soft_blocks import soft_block_reason
from storage.models import Document, DocumentVersion, Fault
from tests.conftest import fetch_all, govcorpus
from tests.loopback import serve
from tests.paths import PAGES

REPORT = (PAGES / "reports" / "pingtan_2025" / "page.html").read_bytes()
DOC_PATH = "/zwgk/zfxxgk/zfxxgknb/202603/t20260313_105587.htm"
LIST_PATH = "/zwgk/zfxxgk/zfxxgknb/index.html"
TITLE = "平潭综合实验区2025年度政府信息公开工作年度报告"
# the report's first and last sentences, read off the page by hand (govcorpus/data/eval/gold)
FIRST_SENTENCE = "本报告根据《中华人民共和国政府信息公开条例》"
LAST_SENTENCE = "2025年，无收取信息处理费情况。"
TWO_BYTES = b"\r\n"
JS_CHALLENGE = (
    b'<html><head><meta charset="utf-8"><script>var _0x1c2f=["cookie","__jsl_clearance='
    b'1733212800.417|0|mJ3vQ%2FkXh;max-age=3600;path=/"];document[_0x1c2f[0]]=_0x1c2f[1];'
    b"location.href=location.pathname+location.search;</script></head><body></body></html>"
)
THROTTLED = ("<html><head><title>提示</title></head><body><p>访问过于频繁，请稍后再试。</p>"
             "</body></html>")
NO_SCRIPT = "<html><body><p>请开启JavaScript后访问本站。</p></body></html>"
REMOVAL_STUB = b'<meta http-equiv="refresh" content="0;URL=../">'
EMPTY_TEMPLATE = (  # the site's frame around no article: above the byte checks, no body text
    "<html><head><meta charset='utf-8'><title>平潭综合实验区</title></head><body>"
    "<div class='nav'>首页 政务公开 政府信息公开 政府信息公开年报 互动交流 办事服务 走进平潭</div>"
    "<div class='crumb'>当前位置：首页 &gt; 政务公开 &gt; 政府信息公开 &gt; 政府信息公开年报</div>"
    "<div class='article'><div class='TRS_Editor'></div></div>"
    "<div class='footer'>主办：平潭综合实验区管委会办公室 版权所有 网站标识码3501280001 "
    "闽ICP备05005678号 闽公网安备35012802000001号 联系我们 网站地图</div></body></html>"
).encode()


def project_settings() -> dict:
    return {name: getattr(crawler_settings, name) for name in dir(crawler_settings)
            if name.startswith("GOVCORPUS_")}


class Portal:
    """One column listing one report; `answers[path]` is what the next night serves there."""

    def __init__(self) -> None:
        list_page = (f"<html><body><ul><li><a href='{DOC_PATH}'>{TITLE}</a>"
                     "<span>2026-03-10</span></li></ul></body></html>")
        home = "<html><body><p>平潭综合实验区</p></body></html>".encode()
        self.answers: dict[str, tuple[int, bytes]] = {
            "/": (200, home), LIST_PATH: (200, list_page.encode("utf-8")), DOC_PATH: (200, REPORT)}

    def handler(self) -> type[BaseHTTPRequestHandler]:
        portal = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                status, body = portal.answers.get(self.path, (404, b"not found"))
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        return Handler


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[tuple[Portal, Callable[[str], str]]]:
    """A portal on loopback and `crawl(db_url)`, one night's crawl of it with the CLI."""
    site = Portal()
    with serve(site.handler()) as base:
        registry = tmp_path / "registry.csv"
        registry.write_text(
            "region_code,name,level,start_urls,allowed_domains,hints\n"
            f"350128,平潭综合实验区,county,{base}/,127.0.0.1,"
            f"report_columns={base}{LIST_PATH};allow_private=1\n", encoding="utf-8")

        def crawl(db_url: str, exit_code: int = 0) -> str:
            """One night; `exit_code` is what the monitors say of it (README, exit codes)."""
            result = govcorpus("crawl", "--registry", str(registry), "--db", db_url, "--testbed",
                               "--workers", "0", "--set", "GOVCORPUS_REVISIT_DAYS=0")
            assert result.returncode == exit_code, result.stderr[-3000:]
            return result.stdout

        yield site, crawl


def stored(db_url: str) -> tuple[list, list, list]:
    documents = fetch_all(db_url, sa.select(Document))
    versions = fetch_all(db_url, sa.select(DocumentVersion))
    faults = fetch_all(db_url, sa.select(Fault.kind, Fault.url, Fault.status, Fault.portal_code))
    return documents, versions, faults


def test_three_nights_two_soft_blocks_leave_the_report_as_it_was(portal, db_url):
    site, crawl = portal
    crawl(db_url)  # night 1: the real report page
    [first], _, _ = stored(db_url)
    assert FIRST_SENTENCE in first.text and LAST_SENTENCE in first.text
    site.answers[DOC_PATH] = (200, TWO_BYTES)
    crawl(db_url)  # night 2: a 200 with a 2-byte body
    site.answers[DOC_PATH] = (200, JS_CHALLENGE)
    # night 3: a JavaScript cookie challenge with a 200; a second night of errors: failing
    crawl(db_url, exit_code=16)
    [document], versions, faults = stored(db_url)
    assert document.version == 1 and len(versions) == 1
    assert (document.text, document.content_hash, document.body_sha256) == (
        first.text, first.content_hash, first.body_sha256)
    assert document.is_annual_report and document.title == TITLE
    assert document.last_seen == first.last_seen  # not fresh: asked again on a later night
    assert document.gone_since is None and document.missing_runs == 0
    soft = [f for f in faults if f.kind == "soft_block"]
    assert len(soft) == 2 and len(faults) == 2
    assert all(f.url.endswith(DOC_PATH) and f.status == 200 and f.portal_code == "350128"
               for f in soft)


def test_a_text_collapsed_against_the_stored_one_is_a_soft_block(portal, db_url):
    site, crawl = portal
    crawl(db_url)
    [first], _, _ = stored(db_url)
    site.answers[DOC_PATH] = (200, EMPTY_TEMPLATE)  # passes the byte checks; no article text
    crawl(db_url)
    [document], versions, faults = stored(db_url)
    assert (document.version, len(versions), document.text) == (1, 1, first.text)
    assert document.last_seen == first.last_seen
    assert [f.kind for f in faults] == ["soft_block"]
    site.answers[DOC_PATH] = (200, REPORT)  # the report again: unchanged, no fault
    crawl(db_url)
    [document], versions, faults = stored(db_url)
    assert (document.version, len(versions), len(faults)) == (1, 1, 1)
    assert document.last_seen > first.last_seen


def test_a_removal_stub_is_gone_not_a_soft_block(portal, sqlite_url):
    site, crawl = portal
    crawl(sqlite_url)
    site.answers[DOC_PATH] = (200, REMOVAL_STUB)
    crawl(sqlite_url, exit_code=14)  # its one report taken down: the portal is empty
    [document], versions, faults = stored(sqlite_url)
    assert document.gone_since is not None and document.version == 1 and len(versions) == 1
    assert "soft_block" not in {f.kind for f in faults}


@pytest.mark.parametrize("body", [TWO_BYTES, b"", b"{}", JS_CHALLENGE, THROTTLED.encode("utf-8"),
                                  THROTTLED.encode("gb18030"), NO_SCRIPT.encode("utf-8")])
def test_challenges_and_tiny_bodies_are_soft_blocks(body):
    assert soft_block_reason(200, body, 64, 400) is not None


@pytest.mark.parametrize("path", ["reports/pingtan_2025/page.html", "gzggw_news.html",
                                  "shanxi_news.html", "govcn_gazette.html", "bynr_news.html"])
def test_real_pages_are_not_soft_blocks(path):
    assert soft_block_reason(200, (PAGES / path).read_bytes(), 64, 400) is None


def test_a_removal_stub_and_other_statuses_are_not_soft_blocks():
    assert soft_block_reason(200, REMOVAL_STUB, 64, 400) is None
    assert soft_block_reason(304, b"", 64, 400) is None
    assert soft_block_reason(404, TWO_BYTES, 64, 400) is None


def test_soft_blocks_in_a_row_back_the_portal_off():
    crawler = get_crawler(settings_dict={**project_settings(), "GOVCORPUS_SOFT_BLOCKS_IN_A_ROW": 3})
    crawler._apply_settings()
    middleware = WafBackoffMiddleware.from_crawler(crawler)

    def answer(body: bytes, n: int) -> str | None:
        url = f"http://gov.cn/t{n}.htm"
        request = Request(url, meta={"portal_code": "350128", "conditional": True})
        try:
            middleware.process_response(request, HtmlResponse(url, body=body))
        except Refused as refused:
            return refused.kind
        return None

    assert [answer(TWO_BYTES, 1), answer(TWO_BYTES, 2), answer(REPORT, 3)] == [
        "soft_block", "soft_block", None]  # a real page ends the run of soft blocks
    assert [answer(JS_CHALLENGE, n) for n in (4, 5, 6)] == ["soft_block", "soft_block", "blocked"]
    assert "350128" in middleware.blocked

