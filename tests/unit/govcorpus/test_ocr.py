"""OCR of scanned PDFs: a page image of printed Chinese comes back as text."""

from __future__ import annotations

from lxml import html as lxml_html

from govcorpus.attachments import extract_attachment
from testbed.files import scanned_pdf_file
from tests.paths import REPORTS
from tests.tools import need_ocr

# The opening of the real 平潭 2025 report, printed onto a scanned page by the testbed.
REPORT = REPORTS / "pingtan_2025" / "page.html"
TITLE = "平潭综合实验区2025年度政府信息公开工作年度报告"


def compact(text: str | None) -> str:
    return "".join((text or "").split())


def scan() -> bytes:
    editor = lxml_html.fromstring(REPORT.read_bytes()).find_class("TRS_Editor")[0]
    paragraphs = [p.text_content().strip() for p in editor.iter("p")]
    return scanned_pdf_file(TITLE, [p for p in paragraphs if p])


def test_a_scanned_report_is_read_back_by_ocr():
    need_ocr()
    result = extract_attachment(scan(), "application/pdf", "http://x/scan.pdf")
    assert (result.kind, result.status) == ("pdf", "scanned")
    assert result.detail == "text layer missing; text from OCR"
    text = compact(result.text)
    assert TITLE in text
    assert "中华人民共和国政府信息公开条例" in text
