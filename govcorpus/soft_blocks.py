"""Soft blocks: a portal answering a document request with 200 and no document.

Real portals throttle crawlers with a 200 and a 2-byte body, or with a JavaScript
cookie-challenge page ("访问过于频繁", "请开启JavaScript"); or the text that comes back has
collapsed against the one stored. Such an answer is a fault, never a new version of the
document. A removal stub (a tiny meta refresh to the parent) is not one: the redirect
middleware follows it and the spider records the document as gone. Both rules live here: the
crawler applies the first to the bytes (crawler/politeness/waf.py), the writer the second to
the text, as it alone knows the stored length (storage/write/writer.py).
"""

from __future__ import annotations

import re

REFRESH_HINT = re.compile(rb"refresh", re.I)
"""The word every meta refresh carries, whatever the page's ASCII-compatible charset."""
CHALLENGE_SCRIPT = re.compile(
    rb"<script.*?(document\.cookie|\$_ts|__jsl_clearance|_0x[0-9a-f]{2,}|location\.(reload|href))",
    re.I | re.S,
)
"""A script that sets a cookie or reloads the page: the core of a JavaScript challenge."""
CHALLENGE_MAX_BYTES = 16 * 1024
CHALLENGE_WORDS = ("访问过于频繁", "访问太频繁", "请求过于频繁", "访问频率过高", "请开启JavaScript",
                   "请启用JavaScript", "开启JavaScript", "安全验证", "人机验证")
CHALLENGE_PHRASES = re.compile(
    b"|".join(re.escape(word.encode(codec)) for word in CHALLENGE_WORDS
              for codec in ("utf-8", "gb18030")),
    re.I,
)
"""Throttling and JavaScript notices, in UTF-8 or GB bytes."""
HIDDEN = re.compile(rb"<(script|style|noscript)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
TAG = re.compile(rb"<[^>]*>")
BLANK = re.compile(rb"\s+|&nbsp;", re.I)


def visible_bytes(body: bytes) -> int:
    """Bytes of text a reader would see: scripts, styles, comments and tags left out."""
    return len(BLANK.sub(b"", TAG.sub(b"", HIDDEN.sub(b"", body))))


def soft_block_reason(status: int, body: bytes, min_bytes: int, max_visible: int) -> str | None:
    """Why a 2xx answer to a document request is a soft block, or None when it may be one."""
    if not 200 <= status < 300:
        return None
    if REFRESH_HINT.search(body[:4096]) and len(body) < CHALLENGE_MAX_BYTES:
        return None  # a meta refresh: a removal stub or a moved page, followed as a redirect
    if len(body.strip()) < min_bytes:
        return f"{len(body)}-byte body"
    if len(body) > CHALLENGE_MAX_BYTES or visible_bytes(body) > max_visible:
        return None
    if CHALLENGE_PHRASES.search(body):
        return "challenge page (throttling or JavaScript notice)"
    if CHALLENGE_SCRIPT.search(body):
        return "challenge page (JavaScript cookie script)"
    return None


def text_collapsed(text_chars: int, stored_chars: int | None, share: float,
                   min_stored_chars: int) -> bool:
    """Whether a fetch's text collapsed against the stored one: none, or under `share` of a
    stored text of at least `min_stored_chars` characters."""
    if stored_chars is None or stored_chars < min_stored_chars:
        return False
    return text_chars < share * stored_chars
