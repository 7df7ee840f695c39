"""Hostile files end as `too_large` or `corrupt` attachments with a fault, within the limits.

The bombs are built by testbed/hostile.py: DOCX and XLSX whose XML inflates past 1 GB, a
billion-laughs XML part, an external entity, a zip of 20,000 members, a PDF whose content
stream inflates past 1 GB, a PDF whose page tree loops, and an HTML page nested 100,000 deep.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.items import PageItem
from govcorpus.attachments import LIMITS, extract_attachment
from govcorpus.attachments.readers import read_kind
from pipelines.attachment import read_attachment
from pipelines.offload import analyse
from testbed import hostile
from testbed.files import docx_file, pdf_file, xlsx_file
from tests.mutations import mutated

GB = 1024 ** 3
STATUSES = {"ok", "scanned", "unsupported", "corrupt", "too_large", "empty"}
IN_PROCESS = replace(LIMITS, isolated=False)
STAGES = ("pipelines.AttachmentPipeline", "pipelines.DecodePipeline",
          "pipelines.ExtractPipeline", "pipelines.NormalizePipeline",
          "pipelines.ClassifyPipeline", "pipelines.RegionPipeline", "pipelines.TablesPipeline",
          "pipelines.FingerprintPipeline")


@pytest.fixture(scope="module")
def zip_bombs() -> dict[str, bytes]:
    return {"docx": hostile.docx_bomb(), "xlsx": hostile.xlsx_bomb()}


def page(body: bytes, url: str, content_type: str = "application/octet-stream") -> PageItem:
    return PageItem(portal_code="350128", url=url, status=200,
                    headers={"Content-Type": content_type}, body=body,
                    parent_url="https://www.x.gov.cn/zwgk/index.htm",
                    fetched_at=datetime(2026, 3, 10, tzinfo=timezone.utc))


def test_the_zip_bombs_are_small_files_that_inflate_past_a_gigabyte(zip_bombs):
    import zipfile
    from io import BytesIO

    for data in zip_bombs.values():
        assert len(data) < LIMITS.max_bytes
        inflated = sum(i.file_size for i in zipfile.ZipFile(BytesIO(data)).infolist())
        assert inflated > GB


@pytest.mark.parametrize("limits", [LIMITS, IN_PROCESS], ids=["child", "in-process"])
def test_zip_bombs_are_too_large_before_any_xml_is_read(zip_bombs, limits):
    for kind, data in zip_bombs.items():
        result = extract_attachment(data, url=f"https://www.x.gov.cn/a.{kind}", limits=limits)
        assert (result.kind, result.status, result.text) == (kind, "too_large", None)
        assert "inflates to" in result.detail


def test_a_bomb_small_enough_to_pass_the_size_check_is_caught_by_its_ratio():
    data = hostile.docx_bomb(inflated=150 * 1024 * 1024)
    result = read_kind("docx", data, IN_PROCESS)
    assert result.status == "too_large" and "word/document.xml inflates" in result.detail


def test_a_zip_of_too_many_members_is_too_large():
    result = extract_attachment(hostile.many_members_docx(), url="https://www.x.gov.cn/a.docx")
    assert result.status == "too_large" and "20017 zip members" in result.detail


@pytest.mark.parametrize("build", [hostile.billion_laughs_docx, hostile.external_entity_docx])
def test_xml_parts_with_entities_are_refused(build):
    for limits in (LIMITS, IN_PROCESS):
        result = extract_attachment(build(), url="https://www.x.gov.cn/a.docx", limits=limits)
        assert (result.status, result.text) == ("corrupt", None)
        assert "DOCTYPE" in result.detail


def test_an_ordinary_docx_still_reads_in_the_bounded_child():
    title = "某县2024年政府信息公开工作年度报告"
    data = docx_file(title, ["一、总体情况", [["a", "b"], ["1", "2"]]])
    result = extract_attachment(data, url="https://www.x.gov.cn/a.docx")
    assert result.status == "ok" and result.text.splitlines() == [
        "某县2024年政府信息公开工作年度报告", "一、总体情况", "a | b", "1 | 2"]


def test_a_pdf_inflating_past_its_memory_limit_stops_in_the_child():
    result = extract_attachment(hostile.pdf_flate_bomb(), url="https://www.x.gov.cn/a.pdf")
    assert result.status in ("too_large", "corrupt") and result.text is None


def test_a_pdf_past_its_cpu_limit_is_stopped_by_the_operating_system():
    data = hostile.pdf_flate_bomb(inflated=300 * 1024 * 1024)
    result = extract_attachment(data, url="https://www.x.gov.cn/a.pdf",
                                limits=replace(LIMITS, max_cpu_s=1, max_memory_mb=2048))
    assert result.status == "too_large" and "CPU limit" in result.detail


def test_a_page_tree_that_loops_ends():
    result = extract_attachment(hostile.pdf_page_tree_loop(), url="https://www.x.gov.cn/a.pdf")
    assert (result.status, result.detail) == ("corrupt", "no page: the page tree is broken")


def test_a_bomb_is_a_fault_and_the_page_is_kept(zip_bombs):
    item = read_attachment(page(zip_bombs["docx"], "https://www.x.gov.cn/2024年报.docx"))
    assert (item.attachment_status, item.title) == ("too_large", "2024年报")
    assert item.errors == [f"attachment: too_large docx: {item.attachment_detail}"]


def test_a_page_nested_100000_levels_deep_is_analysed_by_every_stage():
    html = hostile.deeply_nested_html()
    item = analyse(page(html, "https://www.x.gov.cn/a.htm", "text/html; charset=utf-8"), STAGES)
    assert item.title == hostile.TITLE
    assert item.errors == [] and item.canonical_url == "https://www.x.gov.cn/a.htm"


# --- every attachment reader on mutated files ------------------------------------------------

@cache
def attachment_seeds() -> tuple[bytes, ...]:
    """A DOCX, an XLSX and a PDF of a report's opening, as the testbed makes them."""
    blocks = ["一、总体情况", [["项目", "数量"], ["主动公开", "12"]]]
    title = "某县2024年政府信息公开工作年度报告"
    return (docx_file(title, blocks), xlsx_file(title, blocks), pdf_file(title, blocks))


@settings(max_examples=max(5, settings().max_examples // 3))  # each file is a process
@given(st.data())
def test_every_attachment_reader_ends_with_a_status_on_mutated_files(data):
    body = data.draw(mutated(attachment_seeds(), max_mutations=3))
    kind = data.draw(st.sampled_from(["docx", "xlsx", "pdf"]))
    result = extract_attachment(body, url=f"https://www.x.gov.cn/a.{kind}")
    assert result.status in STATUSES
    assert result.text is None or len(result.text) <= LIMITS.max_chars
