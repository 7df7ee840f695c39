"""The research panel of a crawled testbed whose governments' reports are scripted with holes."""

from __future__ import annotations

import csv
import json
import re

import duckdb
import pandas as pd
import pytest

from storage.export.tables import CELL_KEYS
from tests.conftest import govcorpus

# What each government published for 2019–2021 (testbed/plan.py SCRIPTED); 岳阳县's portal is
# down on the night of the crawl. 万载县's 2020 report is reposted by 樟树市's portal (the first
# other portal of Jiangxi).
SCRIPT = {
    "530323": {2019: "on_time", 2020: "late", 2021: "corrected"},  # 师宗县
    "341621": {2019: "on_time", 2020: "department_only", 2021: "withheld"},  # 涡阳县
    "520204": {2019: "withheld", 2020: "on_time", 2021: "on_time"},  # 水城区, 水城县 until 2020
    "430621": {2019: "on_time", 2020: "on_time", 2021: "on_time"},  # 岳阳县, portal down
    "360982": {2019: "on_time", 2020: "on_time", 2021: "on_time"},  # 樟树市
    "350128": {2019: "on_time", 2020: "on_time", 2021: "on_time"},  # 平潭县
    "360922": {2019: "on_time", 2020: "reposted", 2021: "on_time"},  # 万载县
}
DOWN = "430621"

# (code, year): (status, hole, choice, candidates, portal of the chosen report, code in force)
EXPECTED = {
    ("341621", 2019): ("found", None, "only_candidate", 1, "341621", "341621"),
    ("341621", 2020): ("department_only", "publication", None, 0, None, "341621"),
    ("341621", 2021): ("missing", "publication", None, 0, None, "341621"),
    ("350128", 2019): ("found", None, "only_candidate", 1, "350128", "350128"),
    ("350128", 2020): ("found", None, "only_candidate", 1, "350128", "350128"),
    ("350128", 2021): ("found", None, "only_candidate", 1, "350128", "350128"),
    ("360922", 2019): ("found", None, "only_candidate", 1, "360922", "360922"),
    ("360922", 2020): ("elsewhere", None, "only_candidate", 1, "360982", "360922"),
    ("360922", 2021): ("found", None, "only_candidate", 1, "360922", "360922"),
    ("360982", 2019): ("found", None, "only_candidate", 1, "360982", "360982"),
    ("360982", 2020): ("found", None, "only_candidate", 1, "360982", "360982"),
    ("360982", 2021): ("found", None, "only_candidate", 1, "360982", "360982"),
    ("430621", 2019): ("portal_failing", "crawl", None, 0, None, "430621"),
    ("430621", 2020): ("portal_failing", "crawl", None, 0, None, "430621"),
    ("430621", 2021): ("portal_failing", "crawl", None, 0, None, "430621"),
    ("520204", 2019): ("missing", "publication", None, 0, None, "520221"),
    ("520204", 2020): ("found", None, "only_candidate", 1, "520204", "520204"),
    ("520204", 2021): ("found", None, "only_candidate", 1, "520204", "520204"),
    ("530323", 2019): ("found", None, "only_candidate", 1, "530323", "530323"),
    ("530323", 2020): ("late", None, "only_candidate", 1, "530323", "530323"),
    ("530323", 2021): ("found", None, "corrected", 2, "530323", "530323"),
}


@pytest.fixture(scope="module")
def scripted_testbed(tmp_path_factory):
    from testbed import Testbed, TestbedServer

    testbed = Testbed(portals=7, docs_per_portal=8, government_reports=SCRIPT, down=[DOWN])
    registry = tmp_path_factory.mktemp("panel") / "registry.csv"
    with TestbedServer(testbed) as server:
        testbed.write_registry(registry, server.base_url)
        yield registry


def export_panel(db_url: str, fmt: str, out, *options: str) -> None:
    result = govcorpus("export", "panel", "--format", fmt, "--out", str(out), "--db", db_url,
                       "--years", "2019-2021", *options)
    assert result.returncode == 0, result.stderr[-2000:]


def as_expected(row: dict) -> tuple:
    def text(value):
        return None if value in ("", None) or value != value else value  # CSV empty, NaN

    return (row["status"], text(row["hole"]), text(row["choice"]), int(row["candidates"]),
            text(row["portal_code"]), row["region_code_in_force"])


def test_panel_statuses_match_the_testbed_script_cell_for_cell(scripted_testbed, db_url,
                                                                 tmp_path):
    crawl = govcorpus("crawl", "--registry", str(scripted_testbed), "--db", db_url, "--testbed")
    assert "portals empty: 430621" in crawl.stdout + crawl.stderr  # the dead portal is seen

    export_panel(db_url, "csv", tmp_path / "panel.csv")
    with (tmp_path / "panel.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    got = {(row["region_code"], int(row["report_year"])): as_expected(row) for row in rows}
    assert got == EXPECTED
    corrected = next(r for r in rows if (r["region_code"], r["report_year"]) == ("530323", "2021"))
    assert corrected["title"].endswith("（修订版）")
    assert json.loads(corrected["field_sources"])["publish_date"]
    assert int(corrected["checks_run"]) > 0 and corrected["checks_failed"] == "0"
    assert corrected["s3_new_total"] != ""  # the chosen report's statistics came along

    export_panel(db_url, "parquet", tmp_path / "panel.parquet")
    frame = pd.read_parquet(tmp_path / "panel.parquet")
    assert {(r.region_code, r.report_year): as_expected(r._asdict())
            for r in frame.itertuples(index=False)} == EXPECTED
    assert set(CELL_KEYS) <= set(frame.columns)
    counts = dict(duckdb.sql(
        f"select status, count(*) from read_parquet('{tmp_path / 'panel.parquet'}') "
        "group by status").fetchall())
    assert counts == {"found": 13, "late": 1, "elsewhere": 1, "department_only": 1,
                      "missing": 2, "portal_failing": 3}

    export_panel(db_url, "jsonl", tmp_path / "departments.jsonl", "--bodies", "departments")
    lines = (tmp_path / "departments.jsonl").read_text("utf-8").splitlines()
    departments = {(r["body"], r["report_year"]): r["status"] for r in map(json.loads, lines)}
    assert departments == {("涡阳县财政局", 2019): "missing", ("涡阳县财政局", 2020): "found",
                           ("涡阳县财政局", 2021): "missing"}
    check_the_picture(db_url, tmp_path)
    sheet = (tmp_path / "panel.csv.datasheet.md").read_text("utf-8")
    assert "found 13, late 1, elsewhere 1, department_only 1, missing 2, portal_failing 3" in sheet
    assert "code_history.csv" in sheet and "`corrected`" in sheet


def check_the_picture(db_url: str, tmp_path) -> None:
    """Jiangxi's two governments × 2019–2021 on the coverage page, and the PNG."""
    page, png = tmp_path / "coverage.html", tmp_path / "holes.png"
    result = govcorpus("coverage", "--db", db_url, "--out", str(page), "--years", "2019-2021",
                       "--province", "江西", "--png", str(png))
    assert result.returncode == 0, result.stderr[-2000:]
    html = page.read_text("utf-8")
    cells = re.findall(r"<rect [^>]*data-status='(\w+)'><title>(\d+) (\d+):", html)
    assert sorted(cells) == sorted(
        [("found", "360982", str(year)) for year in (2019, 2020, 2021)]
        + [("found", "360922", "2019"), ("elsewhere", "360922", "2020"),
           ("found", "360922", "2021")])
    assert "crawl hole: portal failing" in html  # the legend
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
