"""Non-report items of a report column: letters, work plans and news, on real texts."""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache, lru_cache

from testbed.data import real_texts
from testbed.reports import body_template, render


@dataclass(frozen=True)
class NoticeKind:
    key: str
    title: str
    unit_suffix: str
    year_shift: int
    doc_number: str | None


KINDS = (
    NoticeKind("letter", "关于{Y}年政府信息公开工作要点落实情况的函", "人民政府办公室", 0,
               "{S}政办函〔{Y}〕{N}号"),
    NoticeKind("points", "{R}{Y}年政务公开工作要点", "人民政府办公室", 0, "{S}政办发〔{Y}〕{N}号"),
    NoticeKind("standards", "{R}发布4项医养结合和安宁疗护地方标准", "市场监督管理局", 0, None),
    NoticeKind("green", "{R}企业入选{Y}年度国家绿色制造名单", "工业和信息化局", 0, None),
    NoticeKind("tax", "{R}延续部分到期税收优惠政策助企纾困", "财政局", 0, None),
    NoticeKind("cppcc", "为现代化{S}建设凝聚强大智慧和力量", "融媒体中心", 0, None),
)
KIND_BY_KEY = {kind.key: kind for kind in KINDS}
LEADS = {
    "letter": "根据《{Y}年政务公开工作要点》要求，"
    "现将{B}{Y}年政府信息公开工作要点落实情况函告如下。",
    "points": "为深入贯彻落实《中华人民共和国政府信息公开条例》，扎实做好{Y}年{R}政务公开工作，"
    "结合{B}工作实际，制定本要点。",
}
TEXT_SWAPS = {
    "standards": (("太原市", "{R}"), ("11月23日", "{Y}年11月23日")),
    "green": (("我省", "{R}"), ("2021年度", "{Y}年度"), ("省工业和信息化厅", "{B}")),
    "tax": (("自治区财政厅", "{R}财政局"), ("2022年", "{Y}年"), ("2021年", "{Y-1}年")),
    "cppcc": (("巴彦淖尔市", "{R}"), ("巴彦淖尔", "{S}")),
}


@dataclass(frozen=True)
class NoticeText:
    paragraphs: tuple[str, ...]
    phrase: str


def fill(pattern: str, values: dict[str, str]) -> str:
    """Fill a "{B}"-style pattern."""
    for key, value in values.items():
        pattern = pattern.replace("{" + key + "}", value)
    return pattern


def notice_text(kind: str, values: dict[str, str], pick: int) -> NoticeText:
    """The paragraphs of one non-report item and its phrase."""
    if kind in LEADS:
        pool = _report_paragraphs()
        start = pick % (len(pool) - 3)
        borrowed = tuple(render(p, values) for p in pool[start:start + 3])
        return NoticeText((fill(LEADS[kind], values), *borrowed), notice_phrase(kind, values))
    paragraphs = tuple(fill(p, values) for p in _source(kind))
    return NoticeText(paragraphs, notice_phrase(kind, values))


def notice_phrase(kind: str, values: dict[str, str]) -> str:
    """The lead sentence, or the first long sentence of the real text."""
    if kind in LEADS:
        return fill(LEADS[kind], values).rstrip("。")
    first = fill(_source(kind)[0], values)
    return next(s for s in first.split("。") if len(s) >= 15)


def notice_html(text: NoticeText, signature: tuple[str, ...]) -> str:
    """The body HTML: paragraphs, then the issuing body and date on their own lines."""
    paragraphs = [f'<p style="text-indent: 2em;">{html.escape(p, quote=False)}</p>'
                  for p in text.paragraphs]
    paragraphs += [f'<p style="text-align: right;">{html.escape(s)}</p>' for s in signature]
    return "\n".join(paragraphs)


@cache
def _source(kind: str) -> tuple[str, ...]:
    return tuple(_swap(p, kind) for p in real_texts()[kind])  # type: ignore[union-attr]


def _swap(paragraph: str, kind: str) -> str:
    for old, new in TEXT_SWAPS.get(kind, ()):
        paragraph = paragraph.replace(old, new)
    return paragraph


@lru_cache(maxsize=1)
def _report_paragraphs() -> tuple[str, ...]:
    """Plain paragraphs of the simplified-script report templates on 公开 work."""
    pool = body_template("003").paragraphs + body_template("004").paragraphs
    return tuple(p for p in pool if len(p) >= 60 and "\x01" not in p)
