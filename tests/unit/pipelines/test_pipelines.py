"""The analysis stages on a real report page, and what happens when a stage fails."""

from __future__ import annotations

from datetime import datetime, timezone

from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from crawler.items import PageItem
from pipelines import (
    ClassifyPipeline,
    DecodePipeline,
    ExtractPipeline,
    FingerprintPipeline,
    NormalizePipeline,
)
from pipelines.base import run_stage
from tests.paths import PAGES

URL = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202603/t20260310_105587.htm"
STAGES = (DecodePipeline, ExtractPipeline, NormalizePipeline, ClassifyPipeline, FingerprintPipeline)


def page(body: bytes, url: str = URL) -> PageItem:
    return PageItem(portal_code="350128", url=url, status=200,
                    headers={"Content-Type": "text/html; charset=utf-8"}, body=body,
                    fetched_at=datetime(2026, 3, 10, tzinfo=timezone.utc))


def run_all(item: PageItem) -> PageItem:
    crawler = get_crawler(settings_dict={"GOVCORPUS_WORKERS": 0})
    for stage in STAGES:
        item = build_from_crawler(stage, crawler).process_item(item)
    return item


def test_stages_fill_the_record_of_a_real_report():
    item = run_all(page((PAGES / "reports/pingtan_2025/page.html").read_bytes()))
    assert item.encoding == "utf-8"
    assert item.title == "平潭综合实验区2025年度政府信息公开工作年度报告"
    assert (item.is_annual_report, item.report_year) == (True, 2025)
    assert "政府信息公开" in item.text and item.text_normalized
    assert (item.script, item.mojibake_score) == ("simplified", 0.0)
    assert item.canonical_url == URL and len(item.content_hash) == 64
    assert set(item.timings) == {"decode", "extract", "normalize", "classify", "dedupe"}
    assert item.errors == []


def test_a_failing_stage_records_the_error_and_the_page_goes_on():
    def explode(_page: PageItem) -> PageItem:
        raise ValueError("malformed table")

    item = run_stage("extract", explode, page(b"<html><body>x</body></html>"))
    assert item.errors == ["extract: ValueError: malformed table"]
    assert "extract" in item.timings


def test_worker_processes_run_the_stages_of_item_pipelines_in_its_order():
    from govcorpus.cli.crawl import project_settings
    from pipelines.offload import analyse, analysis_stage_paths

    assert analysis_stage_paths(project_settings()) == (
        "pipelines.AttachmentPipeline", "pipelines.DecodePipeline", "pipelines.ExtractPipeline",
        "pipelines.NormalizePipeline", "pipelines.ClassifyPipeline", "pipelines.RegionPipeline",
        "pipelines.TablesPipeline", "pipelines.FingerprintPipeline",
    )
    moved = project_settings({"ITEM_PIPELINES": {"pipelines.DecodePipeline": 10,
                                                 "pipelines.ExtractPipeline": 5}})
    assert analysis_stage_paths(moved)[:2] == (
        "pipelines.ExtractPipeline", "pipelines.DecodePipeline")
    item = analyse(page((PAGES / "reports/pingtan_2025/page.html").read_bytes()),
                   ("pipelines.DecodePipeline", "pipelines.ExtractPipeline"))
    assert list(item.timings) == ["decode", "extract"]
    assert item.title == "平潭综合实验区2025年度政府信息公开工作年度报告"
