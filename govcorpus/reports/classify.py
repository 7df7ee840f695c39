"""Is a page an annual open-government-information report, and which year does it report on."""

from __future__ import annotations

import re
from functools import lru_cache

from govcorpus.extraction.dates import CHINESE_DIGITS

OPENING_CHARS = 600
HEAD_CHARS = 20_000
MIN_YEAR = 2000
MAX_YEAR = 2100

PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüń]+\)", re.I)
REPORT_PHRASE = re.compile(
    r"(?:政府|政務|政务|信息|資訊|资讯)公[开開](?:工作)?(?:年度|年)?(?:工作)?[报報]告"
    r"|信息公[开開]年[报報]|政[务務]公[开開](?:工作)?年度[报報]告"
)
YEARLY = re.compile(r"年度|\d{4}\s*年|[〇○零一二三四五六七八九]{4}年|年[报報]")
NEGATIVE = re.compile(
    r"要[点點]|落[实實]情[况況]|[的之]函|通知|通[报報]|公告|方案|意[见見]|[办辦]法|制度|规定|規定|"
    r"[统統][计計]公[报報]|[预預][算]|[决決][算]|招[标標]|采[购購]|工作[计計]划|[总總][结結]|"
    r"考核|[测測]评|[评評]估|[评評]议|[报報]表|目[录錄]|指南|申[请請]表|解[读讀]|季度|月度|半年"
)
TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
PERIOD = re.compile(
    r"(?:自|从|為|为|期限|期間|期间)\s*((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日"
    r"(?:起)?\s*(?:至|到|-|—|－|~)\s*((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日"
)
OPENING_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:度)?")
CHINESE_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}(?=\s*年)")
STRUCTURE_MARKERS: tuple[re.Pattern[str], ...] = (
    re.compile(r"[一1][、.．,，]\s*(?:[总總][体體]情[况況]|概述)"),
    re.compile(r"主[动動]公[开開]"),
    re.compile(r"依申[请請]|收到和[处處]理"),
    re.compile(r"(?:政府|政[务務])?信息公[开開]"),
)


@lru_cache(maxsize=4096)
def normalize_for_matching(text: str) -> str:
    """Drop bracketed pinyin ("進(jìn)") and write Chinese-numeral years with digits."""
    text = PINYIN.sub("", text)
    return CHINESE_YEAR.sub(lambda match: match.group(0).translate(CHINESE_DIGITS), text)


def is_report_title(title: str) -> bool | None:
    """True/False when the title decides it, None when it says nothing either way."""
    title = normalize_for_matching(title)
    if NEGATIVE.search(title):
        return False
    if REPORT_PHRASE.search(title) and YEARLY.search(title):
        return True
    return None


def _text_looks_like_report(text: str) -> bool:
    """A report announced in its opening, or carrying every section of the statutory format."""
    for line in text[:OPENING_CHARS].splitlines():
        if REPORT_PHRASE.search(line) and YEARLY.search(line) and not NEGATIVE.search(line):
            return True
    head = text[:HEAD_CHARS]
    return all(marker.search(head) for marker in STRUCTURE_MARKERS)


def report_year(title: str | None, text: str | None) -> int | None:
    """The year reported on: from the title, else the statistics period or the opening text."""
    if title:
        title = normalize_for_matching(title)
        match = REPORT_PHRASE.search(title)
        years = TITLE_YEAR.findall(title[: match.start()] if match else title)
        years = years or TITLE_YEAR.findall(title)
        if years:
            return _plausible(years[-1])
    if text:
        head = normalize_for_matching(text[:HEAD_CHARS])
        period = PERIOD.search(head)
        if period:
            return _plausible(period.group(1))
        match = OPENING_YEAR.search(head[:OPENING_CHARS])
        if match:
            return _plausible(match.group(1))
    return None


def _plausible(year: str) -> int | None:
    """The year as an int if it is in the range reports can cover."""
    value = int(year)
    return value if MIN_YEAR <= value <= MAX_YEAR else None


def classify_report(title: str | None, text: str | None) -> tuple[bool, int | None]:
    """(is_annual_report, report_year) for a page's title and body text."""
    verdict = is_report_title(title) if title else None
    if verdict is None:
        verdict = bool(text) and _text_looks_like_report(normalize_for_matching(text or ""))
    if not verdict:
        return False, None
    return True, report_year(title, text)
