"""Pure functions that read portal pages: report columns, pagination, detail links."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from parsel import Selector
from scrapy.http import Response, TextResponse

from crawler.listing.pagers import MAX_ANNOUNCED, announced_pages, is_column_page, without_page
from govcorpus.decoding.decode import decode_html

REPORT_COLUMN_TEXT = re.compile(
    r"(政府)?信息公开(工作)?年(度)?报(告)?|^年报$|政务公开年报|年度报告$"
)
REPORT_TITLE = re.compile(r"(?:19|20)\d{2}\s*年.*(?:年度报告|年报)\s*(?:[(（][^)）]*[)）])?$")
"""A report's own title ("…2024年度政府信息公开工作年度报告"): a year, then 年度报告 or 年报."""
REPORT_COLUMN_URL = re.compile(r"(zfxxgknb|xxgknb|gknb|/nb/|ndbg|nianbao)", re.I)
HUB_TEXT = re.compile(
    r"^(\w{0,10}?[省市县区州盟旗](人民)?)?((政府)?信息公开|政务公开)(专栏|平台|目录)?$"
    r"|^(法定主动公开内容|公开目录)$"
)  # the hub as portals name it: 政府信息公开专栏 (shanxi.gov.cn), 吉林省政府信息公开专栏
PLATFORM_TEXT = re.compile(r"^((政府)?信息公开|政务公开)(专栏|平台|目录)?$")
HUB_URL = re.compile(r"/(xxgk|zwgk|zfxxgk|gk|openness|public)/?(index\.s?html?)?$", re.I)
DETAIL_URL = re.compile(
    r"(/t\d{8}_\d+\.s?html?$"  # TRS: ./202501/t20250116_123456.html
    r"|/art_\d+_\d+\.html$"  # Hanweb: art_1234_5678.html
    r"|/(content|detail|show|view|article|info)[_\w]*\.(jsp|php|aspx?|do|html?)\?"
    r"|/(content|detail|art|article)/|\d{5,}\.s?html?$)",
    re.I,
)
NEXT_PAGE_TEXT = re.compile(r"^(下一页|下页|后页|尾页|末页|>|»|\d{1,4})$")
CREATE_PAGE_HTML = re.compile(
    r"createPageHTML\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"]([\w.-]+)['\"]\s*,"
    r"\s*['\"](\w+)['\"]"
)
SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "#")
ATTACHMENT_EXT = re.compile(r"\.(pdf|docx?|wps|xlsx?|zip|rar|jpg|png|gif)$", re.I)
DOCUMENT_TYPES = "pdf|docx?|wps|xlsx?|et"  # attachments read as documents
DOCUMENT_EXT = re.compile(rf"\.({DOCUMENT_TYPES})$", re.I)
# Raw bytes that may hold such a link: the extension in ASCII, or a dot written as an entity.
FILE_HINT = re.compile(
    rb"\.(?:" + DOCUMENT_TYPES.encode() + rb")\b|&#0*46;|&#x0*2e;|&period;", re.I
)


@dataclass(frozen=True)
class Link:
    url: str
    text: str


def page_selector(response: Response) -> Selector:
    """The page parsed from the corpus decoder's text, not Scrapy's: Scrapy trusts a charset
    header that a GBK page may contradict (garbling list titles), and guesses slowly.

    Raises TypeError for a response that is not text (the spider records a parse error)."""
    content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
    if not isinstance(response, TextResponse):
        raise TypeError(f"not a text page: {content_type or 'no Content-Type'}")
    return Selector(text=decode_html(response.body, content_type).text, base_url=response.url)


def page_links(selector: Selector, base_url: str) -> list[Link]:
    """Every followable <a href> on a page, absolute, with its own text (or its title)."""
    links = []
    for anchor in selector.root.iter("a"):  # lxml directly: list pages carry hundreds of links
        url = followable_url(base_url, anchor.get("href"))
        if url is None:
            continue
        text = _anchor_text(anchor)
        links.append(Link(url, text))
    return links


def _anchor_text(anchor) -> str:
    """The anchor's own text, else its title, else the text of the elements inside it: menus
    wrap the label in <span>/<em>/<p>, broken by <br> ("政府信息<br>公开年报"), which join
    without a space."""
    own_text = [anchor.text or ""] + [child.tail or "" for child in anchor]
    return (clean_text(" ".join(own_text)) or clean_text(anchor.get("title", ""))
            or clean_text("".join(anchor.itertext())))


def followable_url(base_url: str, href: str | None) -> str | None:
    """An href as the absolute http(s) URL it leads to, or None: no href, a `javascript:`,
    `mailto:`, `data:` or `file:` link (however spelled: "java\tscript:" is javascript: once
    resolved), or one no URL parser reads (a broken IPv6 host)."""
    href = (href or "").strip()
    if not href or href.lower().startswith(SKIP_SCHEMES):
        return None
    try:
        url = absolute_url(base_url, href)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
    except ValueError:
        return None
    return url


def absolute_url(base_url: str, href: str) -> str:
    """`href` resolved against the page URL, without fragment.

    A relative path depends only on the page's folder, so the navigation links every page of
    a column repeats are resolved once (a query-only href depends on the whole page URL).
    """
    base = base_url if href.startswith("?") else _folder(base_url)
    return _resolved(base, href)


@lru_cache(maxsize=4096)
def _resolved(base: str, href: str) -> str:
    return urljoin(base, href).split("#")[0]


def _folder(url: str) -> str:
    """The URL up to its last path slash: http://a/b/c.html?x → http://a/b/."""
    path = url.split("#", 1)[0].split("?", 1)[0]
    slash = path.rfind("/")
    return path + "/" if slash <= path.find("//") + 1 else path[: slash + 1]


def report_column_links(links: list[Link]) -> list[Link]:
    """Links that lead to an annual-report column, by their text or URL (a report's own
    title leads to the report)."""
    return [
        link
        for link in links
        if not REPORT_TITLE.search(link.text) and not DETAIL_URL.search(link.url)
        and (REPORT_COLUMN_TEXT.search(link.text)
             or REPORT_COLUMN_URL.search(link.url) and len(link.text) <= 16)
    ]


def column_link_sign(link: Link) -> str:
    """How a report column link was recognised: by its text, else by its URL's shape."""
    return "link_text" if REPORT_COLUMN_TEXT.search(link.text) else "url_shape"


def report_title_links(links: list[Link]) -> list[Link]:
    """Links whose text is a report's title: documents, wherever they appear."""
    return [link for link in links
            if REPORT_TITLE.search(link.text) and not ATTACHMENT_EXT.search(link.url)]


def hub_links(links: list[Link]) -> list[Link]:
    """Links to the 政府信息公开 hub pages where report columns usually sit."""
    return [
        link
        for link in links
        if (HUB_TEXT.match(link.text) or HUB_URL.search(link.url.split("?")[0]))
        and not DETAIL_URL.search(link.url)
    ]


def platform_hub_links(links: list[Link]) -> list[Link]:
    """Hub links by a plain text naming no place (政府信息公开, 政务公开专栏 …): the only links
    that may lead a portal's home page to a platform on another host (govcorpus/scope.py)."""
    return [link for link in links
            if PLATFORM_TEXT.match(link.text) and not DETAIL_URL.search(link.url)]


def detail_links(links: list[Link]) -> list[Link]:
    """Links on a list page that look like documents (article URL shapes)."""
    return [
        link
        for link in links
        if DETAIL_URL.search(link.url) and not ATTACHMENT_EXT.search(link.url)
    ]


def may_link_files(body: bytes) -> bool:
    """False only when a page certainly links no document file, so it need not be parsed.

    Pages with NUL bytes (UTF-16/32) are not ASCII-compatible and are always parsed.
    """
    return b"\x00" in body or FILE_HINT.search(body) is not None


def attachment_links(links: list[Link]) -> list[Link]:
    """Links to document files (PDF, DOC, DOCX, WPS, XLS, XLSX), by URL or link text."""
    return [
        link
        for link in links
        if DOCUMENT_EXT.search(urlsplit(link.url).path) or DOCUMENT_EXT.search(link.text)
    ]


def subcolumn_links(links: list[Link], column_url: str) -> list[Link]:
    """Links to columns nested below the current column (e.g. one per department)."""
    base = _column_base(column_url)
    return [
        link
        for link in links
        if link.url.startswith(base)
        and link.url.rstrip("/") != base.rstrip("/")
        and not DETAIL_URL.search(link.url)
        and not ATTACHMENT_EXT.search(link.url)
        and _is_column_index(link.url)
        and _column_base(link.url) != base
    ]


def pagination_links(selector: Selector, links: list[Link], page_url: str) -> list[str]:
    """Further pages of a list: TRS createPageHTML calls, announced page counts (pagers.py)
    and next/number links."""
    urls = js_pagination_urls(selector, page_url) + announced_pages(selector, page_url)
    for link in links:
        if NEXT_PAGE_TEXT.match(link.text) and _same_list(link.url, page_url):
            urls.append(link.url)
    return list(dict.fromkeys(urls))


def js_pagination_urls(selector: Selector, page_url: str) -> list[str]:
    """Pages announced by TRS `createPageHTML(total, current, "index", "html")`."""
    urls = []
    for script in selector.root.iter("script"):
        for match in CREATE_PAGE_HTML.finditer(script.text or ""):
            total, prefix, ext = int(match.group(1)), match.group(3), match.group(4)
            for number in range(min(total, MAX_ANNOUNCED)):  # a bigger count is not a pager
                name = f"{prefix}.{ext}" if number == 0 else f"{prefix}_{number}.{ext}"
                urls.append(absolute_url(page_url, name))
    return urls


def _same_list(url: str, page_url: str) -> bool:
    one, two = urlsplit(url), urlsplit(page_url)
    if one.netloc != two.netloc:
        return False
    if one.path == two.path:  # query-string pagination: same script, other page
        return _without_page(one.query) == _without_page(two.query)
    return _column_base(url) == _column_base(page_url) and _is_column_index(url)


def _without_page(query: str) -> set[tuple[str, str]]:
    return without_page(query)


def _column_base(url: str) -> str:
    return url.split("?")[0].rsplit("/", 1)[0] + "/"


def _is_column_index(url: str) -> bool:
    return is_column_page(urlsplit(url).path.rsplit("/", 1)[-1])


def clean_text(text: str) -> str:
    """Whitespace runs folded to one space, ends stripped."""
    return re.sub(r"\s+", " ", text).strip()
