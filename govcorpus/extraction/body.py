"""Body text of government detail pages: trafilatura first, the CMS container as fallback."""

from __future__ import annotations

import re
from collections import defaultdict
from copy import deepcopy
from functools import lru_cache

from lxml.html import HtmlElement

from govcorpus.extraction.dates import normalize_date
from govcorpus.extraction.metadata import (
    LABEL_ALTERNATION,
    LABEL_FIELD,
    MAX_HTML_CHARS,
    canonical_label,
    page_title,
    parse_html,
)

MIN_BODY_CHARS = 20
MAX_TRAFILATURA_ELEMENTS = 30_000
CONTAINER_SHARE = 0.9
CONTAINER_SURPLUS = 1.1
CONTAINER_TAKEOVER = 2.5
MAX_LINK_SHARE = 0.3
MAX_BLOCK_LINKS = 0.6
MIN_LIST_LINKS = 2
TITLE_SLACK = 8
TITLE_LINES = 3
MAX_SUBHEADING = 40
MIN_NAV_ITEMS = 2
MAX_BOILERPLATE_LINE = 80
MAX_METADATA_LINE = 100
CELL_SEPARATOR = " | "

CONTAINER_XPATHS: tuple[str, ...] = (
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' TRS_Editor ')]",
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' TRS_UEDITOR ')]",
    "//*[@id='UCAP-CONTENT']",
    "//*[@id='zoom' or @id='Zoom' or @id='fontzoom']",
    "//div[contains(@class, 'article_content')]",
    "//div[contains(@class, 'article-content')]",
    "//div[contains(@class, 'pages_content')]",
    "//div[@id='ivs_content' or @id='js_content' or @id='news_content']",
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' wzcon ')]",
    "//div[@id='content' or @class='content' or @id='Content']",
)
BLOCK_TAGS = frozenset({
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr",
    "section", "article", "blockquote", "pre", "dd", "dt", "dl", "center", "hr", "form",
})
LINK_BLOCK_TAGS = ("ul", "ol", "dl", "div", "table", "tr", "p", "section", "li")
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "select", "option", "textarea", "button", "iframe",
})
BOILERPLATE = re.compile(
    r"版权所有|ICP备|ICP证|主办[:：单]|承办[:：单]|协办[:：单]|网站标识码|公网安备|访问量|"
    r"分享到|扫一扫|关闭本页|关闭窗口|相关链接|字体[:：]?\s*[\[【]|打印本页|【打印】|\[打印\]|"
    r"返回顶部|上一篇|下一篇|您现在所在的位置|当前位置|网站地图|联系我们|Copyright|©|"
    r"技术支持[:：]|浏览次数|点击数[:：]|阅读次数|责任编辑[:：]|收藏本页|加入收藏|设为首页|"
    r"跳转到登录|请先登录|登录后|分享功能|分享让更多人|微信好友|链接已复制|举报邮箱|举报电话|"
    r"^《\s*\S{2,12}\s*》\s*[（(].{4,30}版\s*[)）]$",
    re.I,
)
BOILERPLATE_LINE = re.compile(
    r"^(?:相关内容|相关新闻|相关阅读|相关文章|推荐阅读|延伸阅读|热点推荐|热门推荐|文章评论|发表评论|"
    r"我要评论|网友评论|我要纠错|返回|返回列表|打印|关闭|更多|【关闭】|【返回】|朋友圈)[:：]?$"
)
BLANKS = re.compile(r"[ \t\u3000\xa0]+")
SENTENCE_PUNCTUATION = re.compile(r"[。！？；：:!?;|]")
DATE_LINE = re.compile(
    r"^(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*\d{1,2}:\d{2}(?::\d{2})?$"
)
RESIDUE_LINE = re.compile(r"^(?!.*(?:记者|通讯员|摄|编))[\u4e00-\u9fffA-Za-z ]{1,8}$")
NAV_SPLIT = re.compile(r"[\s|>»/·]+")
TABLE_LINE = re.compile(r"^\|(.*)\|\s*$")
METADATA_LINE = re.compile(
    r"^[【\[]?(" + LABEL_ALTERNATION + r")[】\]]?\s*(?:[:：]|$| \|)"
)
DATE_FIELDS = frozenset({"publish_date", "issued_date", "written_date", "generic_date"})


def extract_body(html: str, url: str | None = None) -> str | None:
    """The main text of a page, tables as " | "-joined rows, or None if there is none."""
    root = parse_html(html[:MAX_HTML_CHARS])
    if root is None:
        return None
    return body_from_tree(root, url, page_title(root))


def body_from_tree(
    root: HtmlElement, url: str | None = None, title: str | None = None
) -> str | None:
    """Body text of an already parsed page; `title` is removed when it opens the text."""
    container = _content_container(root)
    container_text = render_element(_pruned(container)) if container is not None else ""
    if container_text and _link_share(container) <= MAX_LINK_SHARE / 3:
        text = container_text
    else:
        text = _trafilatura_text(root, url)
        if container_text and _prefer_container(container, container_text, text):
            text = container_text
    text = text or render_element(_pruned(_largest_block(root)))
    return clean_text(text, title, _link_texts(root))


def _link_texts(root: HtmlElement) -> frozenset[str]:
    """The texts of the page's links (to spot navigation rows in the extracted text)."""
    texts = (_compact(link.text_content()) for link in root.iter("a"))
    return frozenset(text for text in texts if text)


def _prefer_container(container: HtmlElement, container_text: str, text: str | None) -> bool:
    """Whether to use the CMS container instead of trafilatura's text.

    The container wins when it holds about what trafilatura found (it then keeps paragraphs
    trafilatura dropped and our table layout) or far more (trafilatura lost the content); in
    between, the container likely carries comments or related items, so trafilatura wins.
    """
    if not text:
        return True
    if _link_share(container) > MAX_LINK_SHARE:
        return False
    ratio = len(_compact(container_text)) / max(1, len(_compact(text)))
    return CONTAINER_SHARE <= ratio <= CONTAINER_SURPLUS or ratio >= CONTAINER_TAKEOVER


def _pruned(element: HtmlElement) -> HtmlElement:
    """A copy of `element` without its link lists (related news, rankings, navigation)."""
    element = deepcopy(element)
    for block in list(element.iter(*LINK_BLOCK_TAGS)):
        if block is element or block.getparent() is None:
            continue
        if len(block.findall(".//a")) >= MIN_LIST_LINKS and _link_share(block) >= MAX_BLOCK_LINKS:
            block.drop_tree()
    return element


def _link_share(element: HtmlElement) -> float:
    """Share of an element's text that sits inside links."""
    total = len(_compact(element.text_content()))
    linked = sum(len(_compact(link.text_content())) for link in element.iter("a"))
    return linked / total if total else 1.0


def _content_container(root: HtmlElement) -> HtmlElement | None:
    """The first CMS content container with some text, if the page has one."""
    for xpath in CONTAINER_XPATHS:
        for element in root.xpath(xpath):
            if len(_compact(element.text_content())) >= MIN_BODY_CHARS:
                return element
    return None


def _trafilatura_text(root: HtmlElement, url: str | None) -> str | None:
    """trafilatura's text with tables, precision-oriented, with table rows unboxed."""
    import trafilatura

    if sum(1 for _ in root.iter()) > MAX_TRAFILATURA_ELEMENTS:
        return None
    try:
        text = trafilatura.extract(
            root, url=url, include_tables=True, include_comments=False, favor_precision=True,
            include_images=False, deduplicate=False, with_metadata=False, fast=True,
        )
    except Exception:  # trafilatura raises on odd trees; the fallbacks take over
        return None
    if not text:
        return None
    return "\n".join(_unbox_row(line) for line in text.splitlines())


def _unbox_row(line: str) -> str:
    """ "| a | b | " → "a | b": trafilatura frames each table row with pipes."""
    match = TABLE_LINE.match(line.strip())
    if not match:
        return line
    cells = [cell.strip() for cell in match.group(1).split("|")]
    while cells and not cells[-1]:
        cells.pop()
    return CELL_SEPARATOR.join(cells)


def _largest_block(root: HtmlElement) -> HtmlElement:
    """The element whose paragraph children hold the most text (a last-resort container)."""
    totals: dict[HtmlElement, int] = defaultdict(int)
    for paragraph in root.iter("p", "br"):
        parent = paragraph.getparent()
        if parent is not None and paragraph.tag == "p":
            totals[parent] += len(_compact(paragraph.text_content()))
        elif parent is not None:
            totals[parent] += len(_compact(parent.text or "") + _compact(paragraph.tail or ""))
    if not totals:
        body = root.find("body")
        return body if body is not None else root
    return max(totals, key=totals.__getitem__)


def render_element(element: HtmlElement | None) -> str:
    """Text of an element: one line per block, one line per table row with " | " between cells."""
    if element is None:
        return ""
    parts: list[str] = []
    _render(element, parts)
    return "".join(parts)


def _render(element: HtmlElement, parts: list[str]) -> None:
    """Append the text of `element` and its tail to `parts`, breaking lines at blocks."""
    _render_inner(element, parts)
    parts.append(element.tail or "")


def _render_inner(element: HtmlElement, parts: list[str]) -> None:
    """Append the text inside `element` (not its tail) to `parts`."""
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if not tag or tag in SKIP_TAGS:
        return
    if tag == "tr":
        parts.append("\n" + _row_text(element) + "\n")
        return
    block = tag in BLOCK_TAGS
    parts.append("\n" if block else "")
    parts.append(element.text or "")
    for child in element:
        _render(child, parts)
    parts.append("\n" if block else "")


def _row_text(row: HtmlElement) -> str:
    """The cells of a table row joined by " | " (a nested table's rows stay inline)."""
    cells = []
    for cell in row:
        if isinstance(cell.tag, str) and cell.tag.lower() in {"td", "th"}:
            pieces: list[str] = []
            _render_inner(cell, pieces)
            cells.append(" ".join("".join(pieces).split()))
    return CELL_SEPARATOR.join(cells)


def clean_text(
    text: str | None, title: str | None = None, links: frozenset[str] = frozenset()
) -> str | None:
    """Collapse blanks; drop boilerplate, metadata, navigation rows and an opening title."""
    if not text:
        return None
    lines = [_clean_line(line) for line in text.splitlines()]
    kept = [line for line in lines if line and not _is_noise(line) and not _is_nav(line, links)]
    if title:
        kept = _drop_title_lines(kept, _compact(title))
    while kept and RESIDUE_LINE.match(kept[-1]):
        kept.pop()
    result = "\n".join(kept).strip()
    return result if len(_compact(result)) >= 1 else None


def _drop_title_lines(lines: list[str], title: str) -> list[str]:
    """Remove an opening line repeating the title, with the kicker and subheadings around it."""
    for index, line in enumerate(lines[:TITLE_LINES]):
        compact = _compact(line)
        if compact.startswith(title) and len(compact) <= len(title) + TITLE_SLACK:
            start = index
            while start > 0 and _is_subheading(lines[start - 1]):
                start -= 1
            end = index + 1
            while end < min(len(lines), index + 1 + TITLE_LINES) and _is_subheading(lines[end]):
                end += 1
            return lines[:start] + lines[end:]
    return lines


def _is_subheading(line: str) -> bool:
    """A short line without sentence punctuation, as in a headline block."""
    return len(line) <= MAX_SUBHEADING and not SENTENCE_PUNCTUATION.search(line)


def _is_nav(line: str, links: frozenset[str]) -> bool:
    """A row made only of several link texts ("首页 政务公开 互动交流")."""
    items = [item for item in NAV_SPLIT.split(line) if item]
    return len(items) >= MIN_NAV_ITEMS and all(item in links for item in items)


def _clean_line(line: str) -> str:
    """A line with runs of blanks collapsed and its ends trimmed."""
    return BLANKS.sub(" ", line).strip()


def _is_noise(line: str) -> bool:
    """Whether a line is navigation, footer, sharing widgets or a metadata label/value row."""
    if BOILERPLATE_LINE.match(line):
        return True
    if len(line) <= MAX_BOILERPLATE_LINE and BOILERPLATE.search(line):
        return True
    if set(line) <= set("|> ·-—_*•|") or DATE_LINE.match(line):
        return True
    return _is_metadata_line(line)


@lru_cache(maxsize=4096)
def _is_metadata_line(line: str) -> bool:
    """Rows such as "索引号 | 0001/2021-1 | 发布机构 | …" or "发布时间：2025-01-16 来源：…"."""
    if len(line) > 2 * MAX_METADATA_LINE:
        return False
    match = METADATA_LINE.match(line)
    if not match or (CELL_SEPARATOR not in line and len(line) > MAX_METADATA_LINE):
        return False
    if LABEL_FIELD.get(canonical_label(match.group(1))) in DATE_FIELDS:
        return normalize_date(line) is not None
    return True


def _compact(text: str) -> str:
    """Text without any whitespace (for length comparisons)."""
    return "".join(text.split())
