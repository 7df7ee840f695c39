"""Annual-report classification and report year on real titles and seed texts."""

import pytest

from govcorpus.reports.classify import classify_report

PINGTAN_REPORTS = [
    ("平潭综合实验区2025年度政府信息公开工作年度报告", 2025),
    ("平潭综合实验区管委会2014年度政府信息公开工作年度报告", 2014),
    ("平潭综合实验区地方税务局2013年信息公开年度报告", 2013),
    ("平潭县人民政府2011年政府信息公开工作年度报告", 2011),
    ("平潭综合实验区2012年政府信息公开工作年度报告", 2012),
    ("六盘水市水城区招商投资促进服务中心2020年度政府信息公开工作报告", 2020),
    ("师宗县投资促进局2024年度政府信息公開工作年度報告", 2024),
    ("某市2019年政务公开工作年度报告", 2019),
    ("某县信息公开年报（2022年度）", 2022),
]
NOT_REPORTS = [
    "关于2014年政府信息公开工作要点落实情况的函",
    "2023年政务公开工作要点",
    "万载县2015年国民经济和社会发展统计公报",
    "关于做好2024年政府信息公开工作年度报告编制工作的通知",
    "2024年部门预算公开",
    "2023年度部门决算",
    "载人航天工程全线备战空间站建造任务",
]


@pytest.mark.parametrize(("title", "year"), PINGTAN_REPORTS)
def test_report_titles(title, year):
    assert classify_report(title, None) == (True, year)


@pytest.mark.parametrize("title", NOT_REPORTS)
def test_other_titles(title):
    assert classify_report(title, None) == (False, None)


def test_year_from_statistics_period_when_title_has_none():
    text = "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。\n一、总体情况"
    assert classify_report("政府信息公开工作年度报告", text) == (True, 2024)


def test_traditional_text_with_pinyin_and_no_title():
    text = (
        "一、總體情況\n2024年度,師宗縣投資促進(jìn)局嚴(yán)格按照《中華人民共和國政府信息公開條例》"
        "之規定,依法依規主動公開法定內容。\n(二)依申請公開情況"
    )
    assert classify_report(None, text) == (True, 2024)


def test_publication_year_is_not_the_report_year():
    text = "发布时间：2025-01-16\n现发布《涡阳县招商服务中心2024年政府信息公开工作年度报告》。"
    assert classify_report(None, text) == (True, 2024)


def test_nothing_to_go_on():
    assert classify_report(None, None) == (False, None)
    assert classify_report("", "") == (False, None)
