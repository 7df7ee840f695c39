"""Hypothesis strategies of hostile input: real pages mutated, not only random bytes.

Seeds are the real pages the tests already keep (tests/files/real/, the replayed columns and
API answers, the gold pages); each example takes one and applies a few mutations: bytes
flipped, ranges cut or doubled, the page truncated or spliced with another, and snippets a
compromised portal serves (scripts, `javascript:`/`data:`/`file:` links, broken IPv6 hosts,
absurd pager counts, entity declarations, deep nesting, stray charsets) inserted anywhere.

Profiles: `ci` (the default: a fixed number of examples that fits the CI budget, no database
written) and `long` (bench/hostile.py). Choose with HYPOTHESIS_PROFILE.
"""

from __future__ import annotations

import os
from datetime import timedelta
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.paths import FILES, PAGES

MAX_SEED_BYTES = 256 * 1024  # a longer seed is cut: the bound a reader is held to
CI_EXAMPLES = 25
LONG_EXAMPLES = 400
HANG_S = 10  # the long profile's bound on one input (cut at MAX_SEED_BYTES): over it, a hang
SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile("ci", max_examples=CI_EXAMPLES, deadline=None, database=None,
                          derandomize=True, suppress_health_check=SLOW_OK)
settings.register_profile("long", max_examples=LONG_EXAMPLES,
                          deadline=timedelta(seconds=HANG_S), suppress_health_check=SLOW_OK)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

HOSTILE_SNIPPETS: tuple[bytes, ...] = (
    b"<script>document.title='pwned'</script>",
    b"<img src=x onerror=alert(1)>",
    b'<a href="javascript:alert(1)">2024\xe5\xb9\xb4\xe5\xb9\xb4\xe6\x8a\xa5</a>',
    b'<a href="java\tscript:alert(1)">next</a>',
    b'<a href=" JaVaScRiPt:alert(1)">x</a>',
    b'<a href="data:text/html,<script>alert(1)</script>">data</a>',
    b'<a href="file:///etc/passwd">file</a>',
    b'<a href="http://[::1">broken host</a>',
    b'<a href="http://a b.gov.cn/x.html">space host</a>',
    b'<a href="//evil.example/t20250101_1.html">offsite</a>',
    b'<a href="ftp://x.gov.cn/a.pdf">ftp</a>',
    b'<base href="file:///">',
    b'<base href="javascript:alert(1)//">',
    b'<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    b'<meta charset="x-no-such-codec">',
    b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
    b"\xef\xbb\xbf", b"\xff\xfe", b"\x00\x00\xfe\xff",
    b"\xb9\xfa\xbc\xd2",  # GBK 国家
    b"\xe6\x94\xbf\xe5\xba\x9c\xff\xfe\x80",  # UTF-8 then broken bytes
    "共99999999999条 共999999999页 第1/99999999页".encode(),
    b"createPageHTML(999999999, 0, 'index', 'html');",
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>&b;',
    b"<div>" * 3000,
    b"</table></tr></td>" * 50,
    b"<table><tr><td>" * 500,
    "2024年度政府信息公开工作年度报告 第一部分 主动公开政府信息情况".encode(),
    b"<title>\xe2\x80\xae\x00</title>",
    b"\x00" * 64,
    b"<![CDATA[" + b"]]>" * 10,
    b"<!--" + b"-" * 1000,
    b"<td>9999999999999999999999</td><td>-1</td><td>1e308</td>",
)


@cache
def seed_files(*patterns: str) -> tuple[bytes, ...]:
    """Real files under tests/files and the gold pages matching the glob patterns, cut at
    MAX_SEED_BYTES, in name order (the examples repeat run to run)."""
    roots = (FILES, PAGES)
    paths = sorted({path for root in roots for pattern in patterns for path in root.glob(pattern)})
    return tuple(path.read_bytes()[:MAX_SEED_BYTES] for path in paths if path.is_file())


def html_seeds() -> tuple[bytes, ...]:
    return seed_files("real/**/*.htm*", "replay/*/pages/*.html", "*.html", "reports/*/page.html")


@st.composite
def mutated(draw, seeds: tuple[bytes, ...], max_mutations: int = 4) -> bytes:
    """One seed with up to `max_mutations` mutations."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(0, max_mutations))):
        mutation = draw(st.sampled_from(MUTATIONS))
        data = bytearray(mutation(draw, bytes(data), seeds))
    return bytes(data)


def hostile_html() -> st.SearchStrategy[bytes]:
    """Real pages mutated, and a few pure random byte strings."""
    return st.one_of(mutated(html_seeds()), st.binary(max_size=4096))


def hostile_text() -> st.SearchStrategy[str]:
    """Text a page could yield: mutated real pages decoded leniently, and random text."""
    decoded = mutated(html_seeds()).map(lambda b: b.decode("utf-8", "replace"))
    return st.one_of(decoded, st.text(max_size=2000))


def _position(draw, data: bytes) -> int:
    return draw(st.integers(0, len(data)))


def _insert_snippet(draw, data: bytes, _seeds) -> bytes:
    at = _position(draw, data)
    return data[:at] + draw(st.sampled_from(HOSTILE_SNIPPETS)) + data[at:]


def _flip_bytes(draw, data: bytes, _seeds) -> bytes:
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 16))):
        if out:
            out[draw(st.integers(0, len(out) - 1))] = draw(st.integers(0, 255))
    return bytes(out)


def _cut_range(draw, data: bytes, _seeds) -> bytes:
    start = _position(draw, data)
    return data[:start] + data[start + draw(st.integers(1, 4096)):]


def _double_range(draw, data: bytes, _seeds) -> bytes:
    start = _position(draw, data)
    piece = data[start:start + draw(st.integers(1, 2048))]
    return data[:start] + piece * draw(st.integers(2, 8)) + data[start:]


def _truncate(draw, data: bytes, _seeds) -> bytes:
    return data[:_position(draw, data)]


def _splice(draw, data: bytes, seeds) -> bytes:
    other = draw(st.sampled_from(seeds))
    return data[:_position(draw, data)] + other[draw(st.integers(0, len(other))):]


def _random_bytes(draw, data: bytes, _seeds) -> bytes:
    at = _position(draw, data)
    return data[:at] + draw(st.binary(min_size=1, max_size=256)) + data[at:]


MUTATIONS = (_insert_snippet, _insert_snippet, _flip_bytes, _cut_range, _double_range,
             _truncate, _splice, _random_bytes)


def content_types() -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), st.sampled_from([
        "text/html", "text/html; charset=utf-8", "text/html; charset=gbk",
        "text/html; charset=x-no-such", "text/html; charset=", "text/html; charset=utf-16",
        "application/octet-stream", "application/pdf", "text/html;charset=\"big5\"",
    ]), st.text(max_size=60))


def page_urls() -> st.SearchStrategy[str]:
    """The URL a hostile page was fetched at: ordinary, with queries, ports and IDN hosts."""
    return st.sampled_from([
        "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/index.htm",
        "http://www.jiangxi.gov.cn/col/col1229612345/index.html?uid=1&pageNum=2",
        "https://www.gd.gov.cn/gkmlpt/index#2811",
        "http://xxgk.example.gov.cn:8080/a/b/list_2.shtml",
        "https://例子.政务.cn/zwgk/index.html",
    ])


def is_web_url(url: str) -> bool:
    """An absolute http(s) URL with a host."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # a broken IPv6 host
        return False


def same_site(url: str, page_url: str) -> bool:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname == urlsplit(page_url).hostname


def read_path(path: Path) -> bytes:
    return path.read_bytes()[:MAX_SEED_BYTES]
