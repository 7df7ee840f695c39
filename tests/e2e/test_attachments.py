"""Attachments: each file type read on generated files, and crawled end to end from the testbed."""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import replace
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa
from parsel import Selector

from crawler.items import PageItem
from crawler.listing.links import attachment_links, detail_links, page_links
from govcorpus.attachments import LIMITS, Limits, extract_attachment, legacy, ocr, sniff
from govcorpus.identity import canonical_url
from govcorpus.tables import parse_stats
from pipelines.attachment import attachment_title, read_attachment
from storage import make_engine
from storage.models import Capture, Document, Fault
from testbed import Testbed, TestbedServer
from testbed.attachments import KINDS
from testbed.files import (
    blocks_from_html,
    corrupt_pdf_file,
    docx_file,
    pdf_file,
    scanned_pdf_file,
    xlsx_file,
)
from testbed.plan import text_values
from testbed.recall import measure_recall
from testbed.reports import body_template, render
from testbed.word97 import word97_file
from tests.conftest import govcorpus
from tests.portals import portal
from tests.tools import need_catdoc, need_ocr, need_word_tool

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
IN_PROCESS = replace(LIMITS, isolated=False)  # readers in this process: monkeypatches apply
TESTBED = {"portals": 3, "docs_per_portal": 12, "seed": 0, "attachments": True}


@pytest.fixture(scope="module")
def report() -> tuple[str, list]:
    """A 2021-format report with HTML tables (seed 003), as title and blocks to make files of."""
    spec = Testbed(**TESTBED).portal_specs()[0]
    body = f"{spec.name}工业和信息化局"
    html = render(body_template("003").html, text_values(spec, body, 2024, 5))
    return f"{body}2024年度政府信息公开工作年度报告", blocks_from_html(html)


@pytest.fixture(autouse=True)
def no_ocr(monkeypatch):
    """Scans stay scans: OCR is optional and not what these tests measure."""
    monkeypatch.setattr(ocr, "ocr_pages", lambda data, limits: None)
    monkeypatch.setattr("govcorpus.attachments.pdf_text.ocr_pages", lambda data, limits: None)


# --- sniffing ------------------------------------------------------------------------------

def test_sniff_trusts_the_bytes_over_the_name(report):
    title, blocks = report
    docx = docx_file(title, blocks)
    assert sniff(docx, "application/pdf", "http://x/a.pdf") == "docx"
    assert sniff(xlsx_file(title, blocks), None, "http://x/a.bin") == "xlsx"
    assert sniff(b"%PDF-1.4\n...", "application/octet-stream", "http://x/dl.jsp?id=1") == "pdf"
    assert sniff(b"<!DOCTYPE html><html>", "application/pdf", "http://x/a.pdf") == "html"


def test_sniff_tells_ole_files_apart_by_type_or_stream_names():
    assert sniff(OLE_MAGIC + b"\0" * 100, None, "http://x/report.wps") == "wps"
    assert sniff(OLE_MAGIC + b"\0" * 100, "application/msword", "http://x/dl") == "doc"
    word = OLE_MAGIC + "WordDocument".encode("utf-16-le")
    assert sniff(word, None, "http://x/dl") == "doc"
    assert sniff(OLE_MAGIC + "Workbook".encode("utf-16-le"), None, None) == "xls"
    assert sniff(b"\x00\x01binary", "application/vnd.ms-excel", None) == "xls"


# --- one reader per type -------------------------------------------------------------------

def test_pdf_keeps_paragraphs_and_table_rows_in_order(report):
    title, blocks = report
    result = extract_attachment(pdf_file(title, blocks), "application/pdf", "http://x/a.pdf")
    assert (result.kind, result.status) == ("pdf", "ok")
    lines = result.text.splitlines()
    assert lines[0] == title
    row = next(n for n, line in enumerate(lines) if line.startswith("一、本年新收"))
    assert lines[row] == "一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0"
    assert lines.index("一、总体情况") < row < lines.index("六、其他需要报告的事项")


@pytest.mark.parametrize(("make", "url"), [
    (pdf_file, "http://x/a.pdf"), (docx_file, "http://x/a.docx"), (xlsx_file, "http://x/a.xlsx"),
    (word97_file, "http://x/a.doc"), (word97_file, "http://x/a.wps"),
], ids=["pdf", "docx", "xlsx", "doc", "wps"])
def test_statistics_tables_in_files_parse_like_html(report, make, url):
    if make is word97_file:
        need_word_tool()
    title, blocks = report
    result = extract_attachment(make(title, blocks), None, url)
    stats = parse_stats(text=result.text, html=None)
    assert stats is not None and stats.format == "2021"
    assert len(stats.cells) >= 10
    assert all(check["ok"] for check in stats.checks_as_dicts())


def test_docx_reads_paragraphs_and_tables(report):
    title, blocks = report
    result = extract_attachment(docx_file(title, blocks), None, "http://x/dl.jsp?id=1")
    assert (result.kind, result.status) == ("docx", "ok")
    assert result.text.startswith(title)
    assert any(line.count(" | ") >= 2 for line in result.text.splitlines())


def test_xlsx_reads_every_row(report):
    title, blocks = report
    result = extract_attachment(xlsx_file(title, blocks), None, "http://x/t.xlsx")
    assert (result.kind, result.status) == ("xlsx", "ok")
    assert result.text.splitlines()[0] == title
    assert "本年新收" in result.text


def test_a_broken_xls_is_corrupt():
    result = extract_attachment(OLE_MAGIC + b"\0" * 600, "application/vnd.ms-excel", None)
    assert (result.kind, result.status) == ("xls", "corrupt") and result.detail


def test_a_pdf_without_text_layer_is_flagged_as_scanned():
    result = extract_attachment(scanned_pdf_file(), "application/pdf", "http://x/s.pdf",
                                limits=IN_PROCESS)
    assert (result.kind, result.status, result.text) == ("pdf", "scanned", None)
    assert "page images" in result.detail


def test_a_truncated_pdf_is_corrupt_not_an_exception(report):
    result = extract_attachment(corrupt_pdf_file(*report), "application/pdf", "http://x/c.pdf")
    assert (result.kind, result.status, result.text) == ("pdf", "corrupt", None)
    assert result.detail


@pytest.mark.parametrize("kind", ["doc", "wps"])
def test_doc_and_wps_read_like_docx(report, kind):
    need_word_tool()
    title, blocks = report
    result = extract_attachment(word97_file(title, blocks), None, f"http://x/r.{kind}")
    assert (result.kind, result.status) == (kind, "ok")
    assert result.text == extract_attachment(docx_file(title, blocks)).text


def test_doc_and_wps_are_unsupported_without_a_converter(monkeypatch):
    monkeypatch.setattr(legacy.shutil, "which", lambda _name: None)
    for kind in ("doc", "wps"):
        result = extract_attachment(OLE_MAGIC + b"\0" * 600, None, f"http://x/r.{kind}",
                                    limits=IN_PROCESS)
        assert (result.kind, result.status) == (kind, "unsupported")
        assert "antiword or catdoc is not installed" in result.detail


def test_a_broken_doc_fails_in_the_converter_and_is_recorded():
    need_catdoc()
    result = extract_attachment(OLE_MAGIC + b"\xff" * 600, None, "http://x/r.doc")
    assert result.kind == "doc" and result.status in {"corrupt", "empty", "ok"}
    assert result.status == "ok" or result.detail


def test_limits_bound_size_and_pages(report):
    title, blocks = report
    data = pdf_file(title, blocks)
    small = Limits(max_bytes=len(data) - 1)
    assert extract_attachment(data, limits=small).status == "too_large"
    one_page = extract_attachment(data, limits=Limits(max_pages=1))
    assert one_page.status == "ok" and one_page.detail == "first 1 pages only"
    assert len(one_page.text) < len(extract_attachment(data, limits=LIMITS).text)


# --- spider links and the analysis stage ---------------------------------------------------

def test_attachment_links_are_documents_only():
    html = """<a href="/a/P020250116.pdf">附件：年度报告.pdf</a>
    <a href="/a/dl.jsp?id=7">附件：年度报告.docx</a><a href="/a/b.WPS">b</a>
    <a href="/a/c.xls">c</a><a href="/a/pic.jpg">图</a><a href="/a/all.zip">打包</a>
    <a href="/a/202501/t20250116_1.html">报告</a>"""
    links = page_links(Selector(text=html), "http://gov.cn/x/")
    assert [link.url.rsplit("/", 1)[1] for link in attachment_links(links)] == [
        "P020250116.pdf", "dl.jsp?id=7", "b.WPS", "c.xls",
    ]
    assert [link.url for link in detail_links(links)] == ["http://gov.cn/a/202501/t20250116_1.html"]


def test_link_texts_are_read_with_the_corpus_decoder():
    """A GBK page whose header says UTF-8: Scrapy garbles the link text, the corpus does not."""
    from scrapy.http import HtmlResponse

    from crawler.listing.links import page_selector

    body = '<html><body><p>附件：<a href="/f/P01.pdf">某局2024年度报告.pdf</a></p></body></html>'
    response = HtmlResponse("http://gov.cn/a/t1.html", body=body.encode("gbk"),
                            headers={"Content-Type": "text/html; charset=utf-8"})
    assert "\ufffd" in page_links(response.selector, response.url)[0].text
    links = page_links(page_selector(response), response.url)
    assert [(link.url, link.text) for link in attachment_links(links)] == [
        ("http://gov.cn/f/P01.pdf", "某局2024年度报告.pdf")]


def test_the_spider_follows_files_unless_told_not_to():
    from scrapy.http import HtmlResponse, Request
    from scrapy.utils.test import get_crawler

    from crawler.spiders.portal import PortalSpider
    from govcorpus.registry import Portal

    body = '<a href="/f/P01.pdf">附件：报告.pdf</a><a href="/f/pic.jpg">图</a>'.encode()
    portals = [Portal("530323", "师宗县", "county", ("http://gov.cn/",), ("gov.cn",))]
    for follow, expected in ((True, ["http://gov.cn/f/P01.pdf"]), (False, [])):
        crawler = get_crawler(PortalSpider, {
            "GOVCORPUS_ATTACHMENTS": follow, "GOVCORPUS_MAX_PAGES_PER_PORTAL": 100,
            "GOVCORPUS_ATTACHMENT_MAX_BYTES": 1000})
        spider = PortalSpider.from_crawler(crawler, portals=portals)
        request = Request("http://gov.cn/a/t1.html", meta={"portal_code": "530323"})
        response = HtmlResponse(request.url, body=body, request=request,
                                headers={"Content-Type": "text/html; charset=utf-8"})
        requests = [r for r in spider.parse_detail(response) if isinstance(r, Request)]
        assert [r.url for r in requests] == expected
        assert all(r.meta["parent_url"] == request.url and r.meta["download_maxsize"] > 0
                   for r in requests)


@pytest.mark.parametrize(("text", "url", "title"), [
    ("附件：某县2024年度政府信息公开工作年度报告.pdf", "http://x/P0.pdf",
     "某县2024年度政府信息公开工作年度报告"),
    ("附件1", "http://x/%E5%B9%B4%E6%8A%A5.docx", "年报"),
    ("下载", "http://x/P020250116123.pdf", None),
])
def test_attachment_title_comes_from_the_link(text, url, title):
    assert attachment_title(text, url) == title


def _item(body: bytes, url: str, content_type: str, parent: str | None = None) -> PageItem:
    return PageItem(portal_code="530323", url=url, status=200,
                    headers={"Content-Type": content_type}, body=body,
                    fetched_at=datetime(2026, 1, 1, tzinfo=timezone.utc),
                    list_title="附件：报告.pdf", parent_url=parent)


def test_the_stage_reads_files_and_leaves_html_alone(report):
    page = read_attachment(_item(b"<html><body>x</body></html>", "http://x/a.html", "text/html"))
    assert (page.content_type, page.attachment_status, page.text) == ("html", None, None)
    corrupt = read_attachment(_item(corrupt_pdf_file(*report), "http://x/c.pdf",
                                    "application/pdf", parent="http://x/a.html#top"))
    assert (corrupt.content_type, corrupt.attachment_status) == ("pdf", "corrupt")
    assert corrupt.parent_url == "http://x/a.html" and corrupt.title == "报告"
    assert corrupt.errors and corrupt.errors[0].startswith("attachment: corrupt pdf")


# --- storage: inheritance from the parent, a parent kept across refetches -----------------

def test_a_file_takes_missing_metadata_from_its_parent_in_any_order(db_url):
    from storage import CorpusWriter, init_db

    engine = make_engine(db_url)
    init_db(engine)
    writer = CorpusWriter(engine, batch_size=100)
    writer.start_run()
    writer.upsert_portals([portal("530323", "师宗县")])
    when = datetime(2026, 1, 1, tzinfo=timezone.utc)
    parent, child = "http://127.0.0.1/530323/t1.html", "http://127.0.0.1/530323/P01.pdf"
    base = {"portal_code": "530323", "status": 200, "body": b"x", "fetched_at": when}
    writer.add_page({**base, "url": child, "canonical_url": child, "parent_url": parent,
                     "content_type": "pdf", "attachment_status": "scanned", "title": None})
    writer.flush()  # the file first: the page comes in a later batch
    writer.add_page({**base, "url": parent, "canonical_url": parent, "title": "某局2024年度报告",
                     "issuing_body": "某局", "publish_date": "2025-01-16"})
    writer.flush()
    writer.add_page({**base, "url": child, "canonical_url": child, "parent_url": None,
                     "content_type": "pdf", "attachment_status": "scanned"})  # a recheck
    writer.flush()
    with engine.connect() as conn:
        row = conn.execute(sa.select(Document).where(Document.canonical_url == child)).one()
    writer.close()
    assert (row.parent_url, row.title, row.issuing_body, row.publish_date) == (
        parent, "某局2024年度报告", "某局", "2025-01-16")


# --- the testbed's files -------------------------------------------------------------------

def test_testbed_files_are_deterministic_and_off_by_default():
    need_word_tool()  # without it the testbed itself expects DOC and WPS to be unsupported
    one, two = Testbed(**TESTBED), Testbed(**TESTBED)
    files = [doc for doc in one.manifest() if doc.parent_path]
    assert {doc.file_status for doc in files} == {"ok", "scanned", "corrupt"}
    for doc in files:
        assert one.respond(doc.url_path) == two.respond(doc.url_path)
    plain = Testbed(**{**TESTBED, "attachments": False})
    assert not any(doc.parent_path for doc in plain.manifest())
    assert plain.respond(files[0].url_path)[0] == 404
    assert b"uploadfiles" not in plain.respond(files[0].parent_path)[2]


# --- end to end ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served_files(tmp_path_factory):
    need_word_tool()
    need_ocr()  # the crawl runs in its own process, where the scans are OCR'd
    testbed = Testbed(**TESTBED)
    registry = tmp_path_factory.mktemp("attachments") / "registry.csv"
    with TestbedServer(testbed) as server:
        testbed.write_registry(registry, server.base_url)
        yield testbed, server.base_url, registry


def crawl(served, db_url: str) -> None:
    _, _, registry = served
    result = govcorpus("crawl", "--registry", str(registry), "--db", db_url, "--testbed")
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="module")
def files_corpus(served_files, tmp_path_factory):
    db_url = f"sqlite:///{tmp_path_factory.mktemp('files') / 'corpus.db'}"
    crawl(served_files, db_url)
    return db_url


def stored(db_url: str) -> dict[str, sa.Row]:
    engine = make_engine(db_url)
    with engine.connect() as conn:
        rows = {row.canonical_url: row for row in conn.execute(sa.select(Document))}
    engine.dispose()
    return rows


def test_crawl_stores_every_page_and_file_of_the_testbed(served_files, files_corpus):
    testbed, base_url, _ = served_files
    recall = measure_recall(files_corpus, testbed, base_url)
    assert recall.documents_found == recall.documents_present
    assert recall.reports_found == recall.reports_present
    assert (recall.misclassified, recall.unexpected, recall.duplicated) == (0, 0, 0)
    files = [doc for doc in testbed.manifest() if doc.parent_path]
    assert {doc.file_type for doc in files} == {"pdf", "docx", "xlsx", "doc", "wps"}
    assert {(doc.file_type, doc.file_status) for doc in files} >= {
        ("pdf", "ok"), ("pdf", "scanned"), ("pdf", "corrupt"),
        ("doc", "ok"), ("wps", "ok"),
    }
    assert len(files) >= len(KINDS) + len(testbed.portal_specs())


def wrong_files(testbed, base_url: str, rows: dict[str, sa.Row]) -> list[tuple]:
    """Where the stored attachments differ from what the testbed says they hold."""
    wrong = []
    for doc in (doc for doc in testbed.manifest() if doc.parent_path):
        row = rows[canonical_url(base_url + doc.url_path)]
        expected = {
            "parent_url": canonical_url(base_url + doc.parent_path),
            "content_type": doc.file_type, "attachment_status": doc.file_status,
            "title": doc.title, "publish_date": doc.publish_date,
            "written_date": doc.written_date, "issuing_body": doc.issuing_body,
            "is_annual_report": doc.is_annual_report, "report_year": doc.report_year,
        }
        wrong += [(doc.url_path, k, v, getattr(row, k)) for k, v in expected.items()
                  if getattr(row, k) != v]
        if doc.file_status == "ok" and (doc.phrase not in row.text or row.stats_format is None):
            wrong.append((doc.url_path, "text", doc.phrase, (row.text or "")[:80]))
        if doc.file_status == "scanned" and "政府信息公开" not in "".join((row.text or "").split()):
            wrong.append((doc.url_path, "OCR text", doc.file_status, row.attachment_detail))
        if doc.file_status == "corrupt" and (row.text is not None or not row.attachment_detail):
            wrong.append((doc.url_path, "no text", doc.file_status, row.attachment_detail))
    return wrong


def test_each_file_is_a_document_tied_to_its_parent(served_files, files_corpus):
    testbed, base_url, _ = served_files
    assert wrong_files(testbed, base_url, stored(files_corpus)) == []


def test_files_keep_their_raw_bytes_and_failures_are_faults(served_files, files_corpus):
    testbed, base_url, _ = served_files
    files = [doc for doc in testbed.manifest() if doc.parent_path]
    engine = make_engine(files_corpus)
    with engine.connect() as conn:
        captures = {row.url: row for row in conn.execute(sa.select(Capture))}
        faults = conn.execute(sa.select(Fault.url, Fault.detail)).all()
    engine.dispose()
    for doc in files:
        capture = captures[base_url + doc.url_path]
        body = testbed.respond(doc.url_path)[2]
        assert zlib.decompress(capture.body_zlib) == body
        assert capture.body_sha256 == hashlib.sha256(body).hexdigest()
    corrupt = {base_url + doc.url_path for doc in files if doc.file_status == "corrupt"}
    assert {url for url, _ in faults} == corrupt
    assert all("corrupt pdf" in detail for _, detail in faults)


def test_the_run_counts_files_by_status(served_files, files_corpus):
    from storage.models import CrawlRun

    testbed, _, _ = served_files
    engine = make_engine(files_corpus)
    with engine.connect() as conn:
        stats = conn.execute(sa.select(CrawlRun.stats)).scalar_one()
    engine.dispose()
    files = [doc for doc in testbed.manifest() if doc.parent_path]
    assert stats["attachments"] == len(files)
    for status in {doc.file_status for doc in files}:
        assert stats[f"attachments/{status}"] == sum(d.file_status == status for d in files)


def test_html_pages_are_marked_as_html(files_corpus):
    rows = stored(files_corpus).values()
    assert {row.content_type for row in rows if row.parent_url is None} == {"html"}
    assert all(row.attachment_status is None for row in rows if row.parent_url is None)


@pytest.mark.postgres
def test_attachments_crawl_into_postgres(served_files, pg_url):
    testbed, base_url, _ = served_files
    crawl(served_files, pg_url)
    recall = measure_recall(pg_url, testbed, base_url)
    assert recall.documents_found == recall.documents_present
    assert (recall.misclassified, recall.unexpected) == (0, 0)
    assert wrong_files(testbed, base_url, stored(pg_url)) == []
