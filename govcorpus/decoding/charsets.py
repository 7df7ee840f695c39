"""Charset declarations (HTTP, BOM, meta, wrapper) and the common-character tables."""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from typing import Any

META_SCAN_BYTES = 20_000

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

CODEC_ALIASES: dict[str, str] = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "ms936": "gb18030",
    "windows-936": "gb18030",
    "euc-cn": "gb18030",
    "csgb2312": "gb18030",
    "gb_2312-80": "gb18030",
    "chinese": "gb18030",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "cp950": "big5hkscs",
    "utf8": "utf-8",
    "unicode-1-1-utf-8": "utf-8",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
COMPACT_ALIASES: dict[str, str] = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "xgbk": "gb18030",
    "gb18030": "gb18030",
    "euccn": "gb18030",
    "xeuccn": "gb18030",
    "cp936": "gb18030",
    "xcp936": "gb18030",
    "big5": "big5hkscs",
    "xxbig5": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "utf8": "utf-8",
}
META_ONLY_ALIASES: dict[str, str] = {
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
    "utf-32": "utf-8",
}

NOT_ALNUM = re.compile(r"[^a-z0-9]")
CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
META_TAG = re.compile(rb"<meta\b[^>]*>", re.I)
META_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.I)
WRAPPER_ENCODING = re.compile(
    rb"""^\s*<(?:text|doc)\b[^>]*?\bencoding\s*=\s*["']?([A-Za-z0-9_.:\-]+)""", re.I
)
COMMON_PUNCTUATION = "，。、：；！？“”‘’《》（）【】—…·「」『』〔〕－　％"


@lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    """The most frequent hanzi: GB2312 level 1 plus Big5 common characters, and punctuation."""
    chars: set[str] = set(COMMON_PUNCTUATION)
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            chars.update(bytes((lead, trail)).decode("gb2312", errors="ignore"))
    for lead in range(0xA4, 0xC7):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            chars.update(bytes((lead, trail)).decode("big5", errors="ignore"))
    return frozenset(chars)


def char_class(chars: frozenset[str] | set[str]) -> str:
    """A regex character-class body listing `chars` as escaped code-point ranges."""
    points = sorted(ord(char) for char in chars)
    parts: list[str] = []
    start = prev = points[0] if points else 0
    for point in [*points[1:], -1]:
        if point == prev + 1:
            prev = point
            continue
        parts.append(f"\\U{start:08x}" if start == prev else f"\\U{start:08x}-\\U{prev:08x}")
        start = prev = point
    return "".join(parts) if points else ""


@lru_cache(maxsize=256)
def normalize_codec(name: str | None, from_meta: bool = False) -> str | None:
    """Map a declared charset label to the Python codec used to decode it, or None if unknown."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    compact = COMPACT_ALIASES.get(NOT_ALNUM.sub("", label))
    if compact:
        return compact
    if from_meta:
        label = META_ONLY_ALIASES.get(label, label)
    label = CODEC_ALIASES.get(label, label)
    try:
        canonical = codecs.lookup(label).name
    except LookupError:
        return None
    if from_meta:
        canonical = META_ONLY_ALIASES.get(canonical, canonical)
    return CODEC_ALIASES.get(canonical, canonical)


def _http_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, as written."""
    if not content_type:
        return None
    match = CHARSET_PARAM.search(content_type)
    return match.group(1) if match else None


def bom_of(body: bytes) -> tuple[bytes, str | None]:
    """The byte-order mark the body starts with and the codec it names, or (b"", None)."""
    for mark, codec in BOMS:
        if body.startswith(mark):
            return mark, codec
    return b"", None


def _meta_charsets(body: bytes) -> list[str]:
    """Charsets declared by <meta> tags or an XML declaration near the top of the page."""
    head = body[:META_SCAN_BYTES]
    found: list[str] = []
    xml = XML_DECLARATION.search(head)
    if xml:
        found.append(xml.group(1).decode("ascii"))
    for tag in META_TAG.finditer(head):
        match = META_CHARSET.search(tag.group(0))
        if match:
            found.append(match.group(1).decode("ascii"))
    return found


def _wrapper_charset(body: bytes) -> str | None:
    """The encoding attribute of a CleanEval-style <text … encoding="…"> wrapper, if any."""
    match = WRAPPER_ENCODING.match(body[:META_SCAN_BYTES])
    return match.group(1).decode("ascii") if match else None


def collect_declarations(body: bytes, content_type: str | None) -> dict[str, Any]:
    """The declarations: HTTP charset, BOM, meta charsets, wrapper, and their codecs."""
    http = _http_charset(content_type)
    bom = bom_of(body)[1]
    metas = _meta_charsets(body)
    wrapper = _wrapper_charset(body)
    labels = [(http, False), *((meta, True) for meta in metas), (wrapper, True)]
    declared = [normalize_codec(label, from_meta) for label, from_meta in labels if label]
    codecs_in_order = list(dict.fromkeys(c for c in [bom, *declared] if c))
    return {
        "http": http,
        "bom": bom,
        "meta": metas,
        "wrapper": wrapper,
        "declared": codecs_in_order,
    }
