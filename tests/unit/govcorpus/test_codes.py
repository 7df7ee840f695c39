"""Codes through time, read from the shipped CC0 code history (data/registry/code_history.csv).

Every expectation is a row of that table read by eye:
  520221,贵州省,六盘水市,水城县,县级,弃用,1987,2020,520201;520204
  520204,贵州省,六盘水市,水城区,县级,在用,2020,,
  522400,贵州省,毕节地区,毕节地区,地级,弃用,1981,2011,
  520500,贵州省,毕节市,毕节市,地级,在用,2011,,
  522401,贵州省,毕节地区,毕节市,县级,弃用,1993,2011,520502
  110103,北京市,直辖,崇文区,县级,弃用,1981,2010,110101
"""

from __future__ import annotations

import pytest

from govcorpus.codes import code_history, codes_2024, dated_code, province_code


def test_a_2015_shuicheng_county_report_has_its_code_then_and_now():
    assert dated_code("520204", 2015) == ("520221", "520204")
    assert dated_code("520221", 2015) == ("520221", "520204")  # read under its old code


def test_the_successor_that_keeps_the_name_carries_the_line():
    history = code_history()
    assert history.current("520221") == "520204"  # not 520201 钟山区, listed first
    assert history.name("520221", 2015) == "水城县"


def test_a_code_that_began_in_the_year_is_the_one_in_force():
    assert dated_code("520204", 2020) == ("520204", "520204")
    assert dated_code("520204", 2019) == ("520221", "520204")


def test_a_prefecture_without_a_listed_successor_joins_its_namesake():
    assert dated_code("520500", 2010) == ("522400", "520500")
    assert dated_code("520502", 2005) == ("522401", "520502")


def test_merged_districts_keep_the_surviving_code():
    assert code_history().current("110103") == "110101"
    assert dated_code("110101", 2005) == ("110101", "110101")  # in force itself


def test_no_year_or_no_code():
    assert dated_code("350128", None) == ("350128", "350128")
    assert dated_code(None, 2015) == (None, None)
    assert dated_code("999999", 2015) == ("999999", "999999")


@pytest.mark.parametrize("text, code", [
    ("52", "520000"), ("520000", "520000"), ("贵州", "520000"), ("贵州省", "520000"),
    ("内蒙古", "150000"), ("99", None), ("火星", None),
])
def test_provinces_by_code_or_name(text, code):
    assert province_code(text) == code


def test_the_2024_table_counts_by_level():
    levels = [d.level for d in codes_2024().values()]
    assert (levels.count("province"), levels.count("prefecture"), levels.count("county")) == (
        34, 333, 2846)  # SOURCES.md
