"""decode_html over every real page and seed the tests read, plus synthetic lies built from them."""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from govcorpus.decoding import decode as decoding
from govcorpus.decoding.decode import Decoded, decode_html, normalize_codec
from tests.paths import DATA
from tests.realfiles import real_files, real_path

EXPECTATIONS = DATA / "decoding_expectations.csv"

PINYIN = re.compile(r"\([a-zāáǎàēéěèêīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]{1,8}\)")
META_CHARSET_TAG = re.compile(rb"<meta\b[^>]*charset[^>]*>", re.I)
WRAPPER_ATTRIBUTE = re.compile(rb"""(^\s*<text\b[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""", re.I)
HEAD_TAG = re.compile(rb"<head\b[^>]*>", re.I)
BODY_END = re.compile(rb"</body\s*>", re.I)
GB18030_ONLY = "<p>吉祥的𠮷字</p>"
HKSCS_ONLY = "搭𨋢返屋企\n"


@dataclass(frozen=True)
class Case:
    """One row of the expectations file."""

    path: str
    variant: str
    content_type: str | None
    codec: str
    phrase: str
    note: str

    @property
    def id(self) -> str:
        name = self.path.rsplit("/", 2)[-2:]
        extra = [self.variant, self.content_type or ""]
        return "/".join(name) + "".join(f"[{x}]" for x in extra if x)


def load_cases(path: Path = EXPECTATIONS) -> list[Case]:
    """Every expectation row, as written."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Case(
                row["path"],
                row["variant"],
                row["content_type"] or None,
                row["codec"],
                row["phrase"],
                row["note"],
            )
            for row in csv.DictReader(handle)
        ]


def _recode(transform: Callable[[str], str]) -> Callable[[bytes, str], tuple[bytes, str]]:
    return lambda body, codec: (transform(body.decode(codec)).encode(codec), codec)


def _to(target: str) -> Callable[[bytes, str], tuple[bytes, str]]:
    return lambda body, codec: (body.decode(codec).encode(target), target)


def _strip_meta(body: bytes, codec: str) -> tuple[bytes, str]:
    return WRAPPER_ATTRIBUTE.sub(rb"\1", META_CHARSET_TAG.sub(b"", body)), codec


def _set_meta(label: str) -> Callable[[bytes, str], tuple[bytes, str]]:
    def step(body: bytes, codec: str) -> tuple[bytes, str]:
        body, _ = _strip_meta(body, codec)
        tag = f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'.encode()
        head = HEAD_TAG.search(body)
        at = head.end() if head else 0
        return body[:at] + tag + body[at:], codec

    return step


def _insert_before_body_end(snippet: str) -> Callable[[bytes, str], tuple[bytes, str]]:
    def step(body: bytes, codec: str) -> tuple[bytes, str]:
        end = BODY_END.search(body)
        at = end.start() if end else len(body)
        return body[:at] + snippet.encode(codec) + body[at:], codec

    return step


def _wrap_html(text: str) -> str:
    title = text.strip().splitlines()[0]
    return f"<html><head><title>{title}</title></head><body><pre>{text}</pre></body></html>"


def _truncate(body: bytes, codec: str) -> tuple[bytes, str]:
    cut = len(body) * 3 // 5
    while not (body[cut] >= 0x80 and body[cut - 1] < 0x80):
        cut -= 1
    return body[: cut + 1], codec


STEPS: dict[str, Callable[[bytes, str], tuple[bytes, str]]] = {
    "depinyin": _recode(lambda text: PINYIN.sub("", text)),
    "html": _recode(_wrap_html),
    "to-gb18030": _to("gb18030"),
    "to-big5hkscs": _to("big5hkscs"),
    "to-utf-16": _to("utf-16"),
    "strip-meta": _strip_meta,
    "meta-gb2312": _set_meta("gb2312"),
    "meta-utf-8": _set_meta("utf-8"),
    "meta-big5": _set_meta("big5"),
    "bom": lambda body, codec: (codecs.BOM_UTF8 + body, codec),
    "gb18030-extra": _insert_before_body_end(GB18030_ONLY),
    "hkscs-extra": _recode(lambda text: HKSCS_ONLY + text),
    "truncate": _truncate,
}


def case_bytes(case: Case) -> bytes:
    """The page bytes as published, or transformed by the case's variant steps."""
    body = real_path(case.path).read_bytes()
    codec = "utf-8"
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        codec = "gb18030"
    for name in filter(None, case.variant.split("+")):
        body, codec = STEPS[name](body, codec)
    return body


CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case_decodes_right(case: Case) -> None:
    decoded = decode_html(case_bytes(case), case.content_type)
    assert decoded.encoding == case.codec, (case.note, decoded.evidence)
    assert case.phrase in decoded.text, case.note
    assert decoded.evidence["used"] == case.codec


def test_every_real_page_and_seed_is_covered() -> None:
    on_disk = set(real_files())
    as_is = {case.path for case in CASES if not case.variant and not case.content_type}
    assert on_disk and on_disk <= as_is, sorted(on_disk - as_is)


def test_every_lie_is_covered() -> None:
    notes = " ".join(case.note for case in CASES)
    for lie in ["UTF-8 header", "meta says gb2312", "no declaration", "outside GBK", "Big5"]:
        assert lie in notes


def _page(body: str, meta: str | None = None, codec: str = "utf-8") -> bytes:
    head = f'<meta charset="{meta}">' if meta else ""
    return f"<html><head>{head}</head><body><p>{body}</p></body></html>".encode(codec)


REPORT = "本年度政府信息公开工作年度报告由县人民政府办公室编制，主动公开政府信息一百二十条。" * 4


def test_clean_utf8_as_declared_skips_the_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decoding, "_detected_charset", lambda body: pytest.fail("detector ran"))
    decoded = decode_html(_page(REPORT, "utf-8"), "text/html; charset=UTF-8")
    assert decoded.encoding == "utf-8"
    assert decoded.evidence["detector"].startswith("skipped")
    assert decoded.evidence["detected"] is None
    assert decoded.confidence > 0.9


def test_meta_lie_runs_the_detector_and_records_it() -> None:
    decoded = decode_html(_page(REPORT, "gb2312"))
    assert decoded.encoding == "utf-8"
    assert decoded.declared == "gb2312"
    assert decoded.evidence["meta"] == ["gb2312"]
    assert decoded.evidence["detector"].startswith("ran: ")
    assert "best contradicts declaration" in decoded.evidence["detector"]
    assert decoded.evidence["detected"] == "utf-8"
    assert set(decoded.evidence["scores"]) >= {"utf-8", "gb18030"}


def test_header_lie_is_overruled_by_gb_bytes() -> None:
    decoded = decode_html(_page(REPORT, codec="gb18030"), "text/html; charset=utf-8")
    assert decoded.encoding == "gb18030"
    assert decoded.declared == "utf-8"
    assert decoded.evidence["http"] == "utf-8"
    assert decoded.evidence["scores"]["utf-8"]["clean"] is False
    assert decoded.evidence["scores"]["utf-8"]["replacements"] > 0


def test_declared_label_prefers_http_over_meta() -> None:
    decoded = decode_html(_page(REPORT, "gbk", "gb18030"), "text/html; charset=GB2312")
    assert decoded.declared == "GB2312"
    assert decoded.evidence["declared"] == ["gb18030"]


def test_wrapper_encoding_is_evidence() -> None:
    body = f'<text id="http://example.gov.cn/" encoding="gb2312">{REPORT}</text>'.encode("gbk")
    decoded = decode_html(body)
    assert decoded.evidence["wrapper"] == "gb2312"
    assert decoded.declared == "gb2312"
    assert decoded.encoding == "gb18030"


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("GB2312", "gb18030"),
        ("gbk", "gb18030"),
        ("x-gbk", "gb18030"),
        ("Big5", "big5hkscs"),
        ("UTF8", "utf-8"),
        ("utf-8", "utf-8"),
        ("no-such-codec", None),
        ("GB-2312", "gb18030"),
        ("x-euc-cn", "gb18030"),
        ("BIG-5", "big5hkscs"),
        ("UTF_8", "utf-8"),
        (None, None),
    ],
)
def test_normalize_codec(label: str | None, codec: str | None) -> None:
    assert normalize_codec(label) == codec


def test_meta_utf16_means_utf8() -> None:
    assert normalize_codec("utf-16", from_meta=True) == "utf-8"
    decoded = decode_html(_page(REPORT, "utf-16"))
    assert decoded.encoding == "utf-8"


@pytest.mark.parametrize("body", [b"", b"plain ascii page", bytes(range(256)) * 40])
def test_odd_bodies_never_raise(body: bytes) -> None:
    decoded = decode_html(body)
    assert isinstance(decoded, Decoded)
    assert 0.0 <= decoded.confidence <= 1.0
    assert isinstance(decoded.text, str)


def test_ascii_pages_skip_the_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decoding, "_detected_charset", lambda body: pytest.fail("detector ran"))
    decoded = decode_html(b"<html><body>Annual report 2024</body></html>")
    assert decoded.encoding == "utf-8"
    assert decoded.evidence["detector"] == "skipped: ASCII only"
    assert decode_html(_page("report", "gb2312")).encoding == "gb18030"


def test_a_character_cut_off_at_the_end_is_not_a_decode_error() -> None:
    body = _page(REPORT, "utf-8")
    cut = body[: body.index("编制".encode()) + 1]
    decoded = decode_html(cut, "text/html; charset=utf-8")
    assert decoded.encoding == "utf-8"
    assert decoded.evidence["scores"]["utf-8"]["truncated"] is True
    assert decoded.text.endswith("办公室")
    assert decoded.evidence["detector"].startswith("skipped")


def test_confidence_is_lower_for_a_lossy_decode() -> None:
    clean = decode_html(_page(REPORT, "utf-8"))
    broken = decode_html(_page(REPORT, "utf-8")[:-40] + b"\xff\xfe" + _page(REPORT)[-40:])
    assert 0.0 <= broken.confidence < clean.confidence <= 1.0
