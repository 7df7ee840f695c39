"""The region stage gives a document the code in force in its year and the code now, from the
shipped CC0 code history (520221 水城县, 1987–2020 → 520204 水城区, govcorpus/codes.py)."""

from __future__ import annotations

from datetime import datetime, timezone

from crawler.items import PageItem
from pipelines.region import assign_region


def _page(**fields) -> PageItem:
    page = PageItem(portal_code="520204", url="http://www.shuicheng.gov.cn/a.html", status=200,
                    headers={}, body=b"", fetched_at=datetime.now(timezone.utc))
    for name, value in fields.items():
        setattr(page, name, value)
    return page


def test_a_2015_shuicheng_county_report():
    page = assign_region(_page(issuing_body="水城县人民政府", report_year=2015,
                               title="水城县2015年政府信息公开工作年度报告"))
    assert (page.region_code, page.region_code_current, page.region_name) == (
        "520221", "520204", "水城县")
    assert page.body_type == "government"


def test_the_same_government_after_the_change():
    page = assign_region(_page(issuing_body="水城区人民政府", report_year=2021,
                               title="水城区2021年政府信息公开工作年度报告"))
    assert (page.region_code, page.region_code_current, page.region_name) == (
        "520204", "520204", "水城区")


def test_a_document_that_is_no_report_is_dated_by_its_publish_date():
    page = assign_region(_page(issuing_body="水城县人民政府", publish_date="2016-05-03",
                               title="关于印发水城县某方案的通知"))
    assert (page.region_code, page.region_code_current) == ("520221", "520204")
