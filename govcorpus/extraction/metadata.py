"""Metadata of government detail pages: label/value tables and lines, CMS meta tags, the title.

Visible labels beat meta tags: a CMS's `PubDate` is often the time the page was generated, not
the date the page itself shows. Every field is returned with where it came from (SOURCES).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import lxml.html
from lxml.html import HtmlElement

from govcorpus.contract import METADATA_FIELDS
from govcorpus.extraction.dates import normalize_date
from govcorpus.reports.classify import is_report_title, normalize_for_matching

MAX_HTML_CHARS = 3_000_000
MAX_SEGMENTS = 4000
MAX_LOOKAHEAD = 3

LABELS: dict[str, tuple[str, ...]] = {
    "title": ("标题", "文件名称", "信息名称", "公文标题"),
    "index_number": ("索引号", "信息索引号", "索取号"),
    "issuing_body": (
        "发布机构", "发文机关", "发文单位", "发布单位", "公开单位", "责任部门",
        "来源", "信息来源", "文章来源", "稿件来源",
    ),
    "publish_date": ("发布日期", "发布时间", "公开日期", "公开时间", "发稿时间"),
    "issued_date": ("发文日期", "发文时间", "生成日期", "印发日期"),
    "written_date": ("成文日期", "成文时间"),
    "doc_number": ("文号", "发文字号", "发文文号", "文件编号"),
    "topic": ("主题分类", "分类", "信息分类", "所属主题", "主题类别"),
    "generic_date": ("时间", "日期"),
}
STOP_LABELS: tuple[str, ...] = (
    "有效性", "是否有效", "时效性", "效力状态", "有效期", "体裁分类", "组配分类", "服务对象",
    "关键词", "主题词", "字体", "字号", "浏览次数", "点击数", "点击率", "访问量", "浏览量",
    "阅读次数", "阅读量", "作者", "编辑", "责任编辑", "审核", "分享到", "打印", "废止日期",
    "实施日期", "公开方式", "公开范围", "信息类别", "内容概述", "摘要",
)
META_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("articletitle",),
    "publish_date": (
        "pubdate", "publishdate", "firstpublishedtime", "article:published_time", "publishtime",
        "dc.date", "dc.date.issued",
    ),
    "issuing_body": ("contentsource", "source"),
}
SOURCE_LINE_LABELS = frozenset({"来源", "信息来源", "文章来源", "稿件来源"})
"""Issuer labels of the "来源：…" line under a title, as opposed to a metadata table's."""
SOURCES: dict[str, str] = {
    "label": "a visible label of the page's metadata table or date line (发布日期：, 索引号：…)",
    "source_line": "the page's 来源 line (来源：, 信息来源：) or its element classed as the source",
    "meta": "a CMS meta tag (PubDate, ArticleTitle, ContentSource …), used when no label gives it",
    "heading": "the page's heading, or its <title> without site names",
    "near_title": "an unlabelled date standing just after the title",
    "title": "the report's title: the issuer named before the year (X2024年度…年度报告 → X)",
    "list": "the title its list entry showed",
    "link": "an attachment's link text or file name",
    "parent": "the page that links the attachment",
    "issuing_body": "the region named in the issuing body",
    "portal": "the registry portal's own region code",
}
"""Where a metadata field may come from: the values of a record's `field_sources`."""
EMPTY_VALUES = frozenset({"", "无", "-", "--", "/", "暂无", "null", "none", "未知"})
SKIP_TAGS = frozenset({"script", "style", "noscript", "option", "select", "textarea", "template"})
EMPTY_CELL_TAGS = frozenset({"td", "th", "dd"})


SIMPLIFIED = "发机构关来时间号题类标责门开单编称务资阅览击数键词"
TRADITIONAL = "發機構關來時間號題類標責門開單編稱務資閱覽擊數鍵詞"
TO_SIMPLIFIED = str.maketrans(TRADITIONAL, SIMPLIFIED)
TO_TRADITIONAL = dict(zip(SIMPLIFIED, TRADITIONAL, strict=True))


def spaced(label: str) -> str:
    """A regex for `label` allowing blanks between characters and traditional forms ("索 引 號")."""
    return r"\s*".join(
        f"[{char}{TO_TRADITIONAL[char]}]" if char in TO_TRADITIONAL else re.escape(char)
        for char in label
    )


ALL_LABELS: tuple[str, ...] = tuple(
    sorted({*(x for group in LABELS.values() for x in group), *STOP_LABELS}, key=len, reverse=True)
)
LABEL_ALTERNATION = "|".join(map(spaced, ALL_LABELS))
LABEL_ALONE = re.compile(r"^[【\[]?(" + LABEL_ALTERNATION + r")[】\]]?\s*[:：]?$")
LABEL_INLINE = re.compile(
    r"(?:^|(?<=[\s|｜】\]）)>\d]))[【\[]?(" + LABEL_ALTERNATION + r")[】\]]?\s*[:：]"
)
LABEL_START = re.compile(r"^[【\[]?(?:" + LABEL_ALTERNATION + r")[】\]]?\s*[:：]?")
VALUE_CUT = re.compile(r"\s{2,}|[|｜]|\s[【\[]")
BLANKS = re.compile(r"\s+")
PUNCT_ONLY = re.compile(r"^[\s:：|｜]*$")
TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|\s-\s|\s—\s|--|——|－|-(?=[^-]{2,12}$))\s*")
HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
HAS_DIGIT = re.compile(r"\d")
TITLE_CLASS = re.compile(r"title|biaoti|bt\b|headline", re.I)
TAGS = re.compile(r"<[^>]*>")
INNER_BLANKS = re.compile(r"(?<=\d)\s+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s+(?=\d)")
DATE_ONLY = re.compile(
    r"^\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$"
)
NEAR_TITLE_SEGMENTS = 12
MAX_TITLE_CHARS = 150
TITLE_EXTENSION = 40
SOURCE_XPATH = (
    "//*[@class='source' or @id='source' or @class='article-source' or @class='laiyuan'"
    " or @id='laiyuan' or @class='media_name' or @class='ly']"
)
SITE_NAME = re.compile(r"(?:网|网站|门户|官网|人民政府|政府|晚报|日报|频道|首页|管委会)$")


@lru_cache(maxsize=512)
def canonical_label(text: str) -> str:
    """A label with blanks and brackets removed, in simplified script: "索  引 號：" → "索引号"."""
    return BLANKS.sub("", text).strip("【】[]:：").translate(TO_SIMPLIFIED)


LABEL_FIELD: dict[str, str] = {
    label: name for name, labels in LABELS.items() for label in labels
}


def parse_html(html: str) -> HtmlElement | None:
    """Parse a page with lxml (input capped at MAX_HTML_CHARS), or None if it is not HTML."""
    html = html[:MAX_HTML_CHARS]
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        try:
            return lxml.html.document_fromstring(html.encode("utf-8", "replace"))
        except (ValueError, lxml.etree.ParserError):
            return None


def _text_segments(root: HtmlElement) -> list[str]:
    """Visible text nodes in document order; empty table cells count as empty segments."""
    segments: list[str] = []

    def walk(element: HtmlElement) -> None:
        if len(segments) >= MAX_SEGMENTS:
            return
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag and tag.lower() not in SKIP_TAGS:
            _push(segments, element.text)
            if tag.lower() in EMPTY_CELL_TAGS and not "".join(element.itertext()).strip():
                segments.append("")
            for child in element:
                walk(child)
        _push(segments, element.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    return segments


def _push(segments: list[str], text: str | None) -> None:
    """Append a text node with its blanks collapsed, skipping empty ones."""
    if text and text.strip():
        segments.append(BLANKS.sub(" ", text).strip())


def _labelled_pairs(segments: list[str]) -> Iterator[tuple[str, str | None]]:
    """(canonical label, raw value or None) for every label found in the segment stream."""
    for index, segment in enumerate(segments):
        if not segment:
            continue
        if LABEL_ALONE.match(segment):
            yield canonical_label(segment), _following_value(segments, index)
            continue
        matches = list(LABEL_INLINE.finditer(segment))
        for position, match in enumerate(matches):
            end = matches[position + 1].start() if position + 1 < len(matches) else len(segment)
            value = segment[match.end() : end].strip()
            if not value and end == len(segment):
                yield canonical_label(match.group(1)), _following_value(segments, index)
            else:
                yield canonical_label(match.group(1)), VALUE_CUT.split(value)[0].strip() or None


def _following_value(segments: list[str], index: int) -> str | None:
    """The segment after a bare label, unless it is empty (an empty cell) or another label."""
    for candidate in segments[index + 1 : index + 1 + MAX_LOOKAHEAD]:
        if PUNCT_ONLY.match(candidate):
            if candidate == "":
                return None
            continue
        if LABEL_START.match(candidate):
            return None
        return candidate
    return None


def _valid(field: str, value: str | None) -> str | None:
    """The value cleaned for `field`, or None if it cannot be one."""
    if value is None:
        return None
    value = value.strip(" 　:：|｜【】[]")
    if value.lower() in EMPTY_VALUES:
        return None
    if field in {"publish_date", "issued_date", "written_date", "generic_date"}:
        return normalize_date(value)
    if field == "index_number":
        return value if len(value) <= 64 and HAS_DIGIT.search(value) else None
    if field == "issuing_body":
        ok = 2 <= len(value) <= 40 and HAS_CJK.search(value) and not normalize_date(value)
        return value if ok else None
    if field == "doc_number":
        return value if len(value) <= 60 else None
    if field == "topic":
        return value if len(value) <= 40 else None
    if field == "title":
        value = INNER_BLANKS.sub("", BLANKS.sub(" ", TAGS.sub("", value))).strip()
        return value if len(value) >= 4 else None
    return value


def _label_values(segments: list[str]) -> dict[str, dict[str, str]]:
    """{field: {label: first valid value}} over the whole page."""
    found: dict[str, dict[str, str]] = {}
    for label, raw in _labelled_pairs(segments):
        field = LABEL_FIELD.get(label)
        if field is None:
            continue
        by_label = found.setdefault(field, {})
        if label not in by_label:
            value = _valid(field, raw)
            if value is not None:
                by_label[label] = value
    return found


def _first(found: dict[str, dict[str, str]], field: str,
           labels: Iterable[str] | None = None) -> str | None:
    """The value of the most trusted label of `field` (among `labels`) present on the page."""
    by_label = found.get(field, {})
    for label in LABELS[field] if labels is None else labels:
        if label in by_label:
            return by_label[label]
    return None


ISSUER_LABELS = tuple(x for x in LABELS["issuing_body"] if x not in SOURCE_LINE_LABELS)
SOURCE_LINES = tuple(x for x in LABELS["issuing_body"] if x in SOURCE_LINE_LABELS)


def _source_element(root: HtmlElement) -> str | None:
    """An unlabelled source in an element classed as such (`<span class="source">某报</span>`)."""
    for element in root.xpath(SOURCE_XPATH):
        text = LABEL_START.sub("", BLANKS.sub(" ", element.text_content()).strip())
        value = _valid("issuing_body", VALUE_CUT.split(text)[0] if text else None)
        if value:
            return value
    return None


def _meta_tags(root: HtmlElement) -> dict[str, str]:
    """<meta name|property=... content=...> as a lower-cased name → content map (first wins)."""
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if name and content and name not in metas:
            metas[name] = content
    return metas


def _meta_value(metas: dict[str, str], field: str) -> str | None:
    """The first valid value among the meta tags known to carry `field`."""
    for name in META_NAMES[field]:
        raw = metas.get(name)
        value = _valid(field, LABEL_START.sub("", raw) if raw else None)
        if value:
            return value
    return None


def _title_parts(root: HtmlElement) -> list[str]:
    """The <title> split at separators, site and column names last (document order kept)."""
    element = root.find(".//title")
    text = BLANKS.sub(" ", element.text_content()).strip() if element is not None else ""
    parts = [part for part in TITLE_SEPARATORS.split(text) if part and len(part) >= 4]
    return sorted(parts, key=lambda part: bool(SITE_NAME.search(part)))


def _heading_candidates(root: HtmlElement) -> Iterator[str]:
    """Short texts of headings and title-classed elements, h1 and title classes first."""
    first: list[str] = []
    later: list[str] = []
    for element in root.iter("h1", "h2", "h3", "div", "p", "span", "td", "strong"):
        marker = f"{element.get('class') or ''} {element.get('id') or ''}"
        if element.tag in {"h1", "h2", "h3"} or TITLE_CLASS.search(marker):
            text = BLANKS.sub(" ", element.text_content()).strip()
            if 4 <= len(text) <= MAX_TITLE_CHARS:
                (later if element.tag in {"h2", "h3"} else first).append(text)
    yield from first
    yield from later


def page_title(root: HtmlElement) -> str | None:
    """The document title: TRS ArticleTitle, a heading echoed by <title>, or a trimmed <title>."""
    return _meta_value(_meta_tags(root), "title") or _heading_title(root)


def _heading_title(root: HtmlElement) -> str | None:
    """The first <title> part that is not a site name, or the heading that spells it in full."""
    parts = _title_parts(root)
    headings = list(_heading_candidates(root))
    if not parts or SITE_NAME.search(parts[0]):
        sites = set(parts)
        return next((_valid("title", h) for h in headings if h not in sites), None) or (
            _valid("title", parts[0]) if parts else None
        )
    primary = BLANKS.sub("", parts[0])
    for heading in headings:
        compact = BLANKS.sub("", heading)
        if primary in compact and len(compact) <= len(primary) + TITLE_EXTENSION:
            if not LABEL_INLINE.search(heading):
                return _valid("title", heading)
    return _valid("title", parts[0])


TITLE_ISSUER = re.compile(r"^(.+?)(?:19|20)\d{2}\s*年")
ISSUER_PREFIX = re.compile(r"^(?:关于|[【\[（(][^】\]）)]*[】\]）)])+")


def issuer_from_title(title: str | None) -> str | None:
    """The issuer an annual report's title names before its year: "樟树市文化和旅游局2021年度
    政府信息公开工作年度报告" → 樟树市文化和旅游局; None for other titles."""
    if not title or not is_report_title(title):
        return None
    match = TITLE_ISSUER.match(normalize_for_matching(BLANKS.sub("", title)))
    if match is None:
        return None
    return _valid("issuing_body", ISSUER_PREFIX.sub("", match.group(1)))


def _date_near_title(segments: list[str], title: str | None) -> str | None:
    """An unlabelled date standing alone just after the title (as in "来源：新华社 2023-12-01")."""
    if not title:
        return None
    compact_title = BLANKS.sub("", title)
    for index, segment in enumerate(segments):
        if segment and BLANKS.sub("", segment) == compact_title:
            for candidate in segments[index + 1 : index + 1 + NEAR_TITLE_SEGMENTS]:
                if DATE_ONLY.match(candidate):
                    return normalize_date(candidate)
            return None
    return None


@dataclass(frozen=True)
class Metadata:
    """The metadata fields of a page and, for each field found, where it came from."""

    values: dict[str, str | None]
    sources: dict[str, str]


Candidate = tuple[str, Callable[[], str | None]]


def _pick(candidates: Iterable[Candidate]) -> tuple[str | None, str | None]:
    """(value, source) of the first candidate that gives a value, tried in order."""
    for source, read in candidates:
        value = read()
        if value:
            return value, source
    return None, None


def read_metadata(root: HtmlElement) -> Metadata:
    """Metadata fields of a parsed page with their sources: visible labels first, then the
    page's 来源 line, then meta tags, then what the heading or the report's title says."""
    segments = _text_segments(root)
    found = _label_values(segments)
    metas = _meta_tags(root)
    picked: dict[str, tuple[str | None, str | None]] = {}
    picked["title"] = _pick([
        ("label", lambda: _first(found, "title")),
        ("meta", lambda: _meta_value(metas, "title")),
        ("heading", lambda: _heading_title(root)),
    ])
    title = picked["title"][0]
    picked["issuing_body"] = _pick([
        ("label", lambda: _first(found, "issuing_body", ISSUER_LABELS)),
        ("source_line", lambda: _first(found, "issuing_body", SOURCE_LINES)),
        ("source_line", lambda: _source_element(root)),
        ("meta", lambda: _meta_value(metas, "issuing_body")),
        ("title", lambda: issuer_from_title(title)),
    ])
    picked["publish_date"] = _pick([
        ("label", lambda: _first(found, "publish_date")),
        ("label", lambda: _first(found, "issued_date")),
        ("label", lambda: _first(found, "generic_date")),
        ("meta", lambda: _meta_value(metas, "publish_date")),
        ("near_title", lambda: _date_near_title(segments, title)),
    ])
    for name in ("index_number", "written_date", "doc_number", "topic"):
        picked[name] = _pick([("label", lambda name=name: _first(found, name))])
    return Metadata(
        values={name: picked[name][0] for name in METADATA_FIELDS},
        sources={name: picked[name][1] for name in METADATA_FIELDS if picked[name][1]},
    )


def metadata_from_tree(root: HtmlElement) -> dict[str, str | None]:
    """Metadata fields of a parsed page (see `extract_metadata`)."""
    return read_metadata(root).values


def extract_metadata(html: str, url: str | None = None) -> dict[str, str | None]:
    """Title, 索引号, issuing body, dates, 文号 and topic of a page; None where it has none."""
    root = parse_html(html)
    if root is None:
        return dict.fromkeys(METADATA_FIELDS)
    return metadata_from_tree(root)
