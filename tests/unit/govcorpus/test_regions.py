"""Region resolution: the GB/T 2260 table, real issuing bodies, and the pipeline stage."""

import json
from datetime import datetime, timezone

import pytest

from crawler.items import PageItem
from govcorpus.reports.regions import code_table, level, name_index, resolve_region
from pipelines.region import assign_region
from testbed.data import real_regions
from testbed.regions import portal_specs, portal_units
from tests.paths import GOLD

CASES = json.loads(
    (GOLD / "regions" / "cases.json").read_text(encoding="utf-8")
)["cases"]


def test_table_holds_every_level():
    levels = [level(code) for code in code_table()]
    assert levels.count(0) == 34
    assert levels.count(1) > 330 and levels.count(2) > 2800


def test_table_agrees_with_the_testbed_regions():
    assert {r["code"]: code_table().get(r["code"]) for r in real_regions()} == {
        r["code"]: r["name"] for r in real_regions()
    }


def test_table_patches_apply():
    assert code_table()["500105"] == "江北区"
    assert "500157" not in code_table()  # 两江新区 is a development zone
    assert "110100" not in code_table()  # 北京市 once, as the province-level municipality
    assert name_index()["黔南州"] == ("522700",)  # short form of an autonomous prefecture


@pytest.mark.parametrize("case", CASES, ids=[f"{c['issuing_body']}@{c['portal_code']}"
                                              for c in CASES])
def test_real_issuing_bodies(case):
    region = resolve_region(case["issuing_body"], case["portal_code"], case["title"])
    assert (region.code, region.name, region.body_type) == (
        case["region_code"], case["region_name"], case["body_type"]
    )


def test_every_testbed_unit_gets_its_portal_region():
    specs = portal_specs(len(real_regions()) + 40)
    wrong = []
    for spec in specs:
        for unit in portal_units(spec):
            region = resolve_region(unit.name, spec.region_code)
            government = unit.name.endswith(("人民政府", "人民政府办公室"))
            expected = (spec.region_code, "government" if government else "department")
            if (region.code, region.body_type) != expected:
                wrong.append((spec.region_code, unit.name, region))
    assert wrong == []


def test_homonym_outside_the_portals_province_is_ignored():
    # 平乐县 is a county of Guangxi (450330): on an Anhui portal the name is someone else's
    assert resolve_region("平乐县财政局", "341640").code == "341640"
    assert resolve_region("平乐县财政局").code == "450330"


def test_nothing_known():
    region = resolve_region(None)
    assert (region.code, region.name, region.body_type) == (None, None, None)


def test_stage_fills_the_page():
    page = PageItem(portal_code="341621", url="http://www.gy.gov.cn/a.html", status=200,
                    headers={}, body=b"", fetched_at=datetime(2025, 1, 16, tzinfo=timezone.utc))
    page.issuing_body = "涡阳县招商服务中心"
    page.title = "涡阳县招商服务中心2024年政府信息公开工作年度报告"
    page = assign_region(page)
    assert (page.region_code, page.region_name, page.body_type) == (
        "341621", "涡阳县", "department"
    )
