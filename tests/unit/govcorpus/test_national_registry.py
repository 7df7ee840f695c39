"""The shipped national registry: its rows, filters, a user's overrides, and `check`.

Counts are the ones SOURCES.md of the compiled registry states (3,179 rows: 333 prefecture,
2,846 county; 3,069 agree, 103 differ, 3 second_list_only, 4 none; 7 without a portal)."""

from __future__ import annotations

from collections import Counter

import pytest

from govcorpus.registry import (
    RegistryError,
    Selection,
    load_registries,
    national_rows,
    registry_problems,
)

HEADER = "region_code,name,level,start_urls,allowed_domains,hints\n"


def test_every_government_is_a_row():
    rows = national_rows()
    assert len(rows) == 3179
    assert Counter(r.level for r in rows) == {"county": 2846, "prefecture": 333}
    assert Counter(r.lists_agree for r in rows) == {
        "agree": 3069, "differ": 103, "second_list_only": 3, "none": 4}
    assert sum(1 for r in rows if not r.portal_url) == 7
    assert len(load_registries(["national"])) == 3172  # the ones with a portal


def test_no_url_of_the_second_list_is_shipped():
    rows = {r.code: r for r in national_rows()}
    assert rows["500105"].portal_url == ""  # 江北区: only the second list has one
    assert all(not hasattr(r, "alt_portal_url") for r in rows.values())


@pytest.mark.parametrize("selection, count", [
    (Selection(province="52"), 97), (Selection(province="贵州"), 97),
    (Selection(province="520000", level="prefecture"), 9),
    (Selection(province="52", level="county"), 88),
    (Selection(prefecture="5202"), 5),  # 六盘水市 and its 4 counties
    (Selection(codes=("520204", "350128")), 2),
])
def test_selections(selection, count):
    assert len(selection.select_rows(national_rows())) == count


def test_a_bad_selection_says_why():
    with pytest.raises(RegistryError, match="no province"):
        Selection(province="火星").select_rows(national_rows())
    with pytest.raises(RegistryError, match="4 digits"):
        Selection(prefecture="52x").select_rows(national_rows())


def test_the_seed_portals_are_rows():
    rows = {r.code: r for r in national_rows()}
    assert {code: rows[code].name for code in ("530323", "520204", "430621", "360982",
                                                 "341621")} == {
        "530323": "师宗县", "520204": "水城区", "430621": "岳阳县", "360982": "樟树市",
        "341621": "涡阳县"}
    shuicheng = rows["520204"].portal()
    assert shuicheng.hints == {
        "report_columns": "http://www.shuicheng.gov.cn/newsite/zwgk/zfxxgk_1/zfxxgknb/"}
    assert shuicheng.allowed_domains == ("shuicheng.gov.cn",)


def test_a_user_row_overrides_the_national_one(tmp_path):
    mine = tmp_path / "mine.csv"
    mine.write_text(HEADER + "520204,水城区,county,https://new.shuicheng.gov.cn/,,\n"
                    "999001,测试,county,https://t.example.gov.cn/,,\n", encoding="utf-8")
    portals = {p.region_code: p for p in load_registries(["national", mine])}
    assert portals["520204"].start_urls == ("https://new.shuicheng.gov.cn/",)
    assert portals["999001"].name == "测试" and len(portals) == 3173
    assert len(Selection(province="52").select(portals.values())) == 97


def test_check_names_every_bad_row(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER
        + "520204,水城区,county,http://www.shuicheng.gov.cn/,,\n"  # line 2: good
        + "520221,水城县,county,http://www.shuicheng.gov.cn/,,\n"  # 3: good (in the history)
        + "999999,无此地,county,http://x.gov.cn/,,\n"  # 4: no such code
        + "52020,短,county,http://x.gov.cn/,,\n"  # 5: not six digits
        + "520201,钟山区,county,ftp://x.gov.cn/,,\n"  # 6: not http(s)
        + "520203,六枝特区,town,http://x.gov.cn/,,\n"  # 7: level
        + "520204,水城区,county,http://www.shuicheng.gov.cn/,,\n"  # 8: twice
        + "520281,盘州市,county,javascript:alert(1),,\n"  # 9: not http(s)
        + "520200,六盘水市,prefecture,http://www.gzlps.gov.cn/,,render\n",  # 10: bad hint
        encoding="utf-8")
    problems = {p.line: p.reason for p in registry_problems(bad)}
    assert sorted(problems) == [4, 5, 6, 7, 8, 9, 10]
    assert "neither" in problems[4] and "6-digit" in problems[5]
    assert "not http" in problems[6] and "not http" in problems[9]
    assert "level" in problems[7] and "line 2" in problems[8] and "key=value" in problems[10]


def test_check_passes_a_good_file_and_names_a_missing_header(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "350128,平潭县,county,https://www.pingtan.gov.cn/,,\n", "utf-8")
    assert registry_problems(good) == []
    headless = tmp_path / "headless.csv"
    headless.write_text("code,url\n350128,https://www.pingtan.gov.cn/\n", "utf-8")
    [problem] = registry_problems(headless)
    assert problem.line == 0 and "header lacks" in problem.reason
