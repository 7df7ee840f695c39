"""Normalise report text: drop pinyin annotations, convert to simplified script, fold widths.

Rules, applied in this order to a copy of the text (the original is never changed):

1. **Pinyin annotations** (``strip_pinyin``): a bracketed single pinyin syllable that directly
   follows a non-space character is removed, e.g. ``投資促進(jìn)局`` → ``投資促進局``.
   Brackets may be ASCII ``()`` or full-width ``（）``, in any combination. The syllable must
   carry a tone mark (``jìn``, ``yán``, ``ǚ``); a toneless syllable is removed only for the
   neutral-tone particles in ``NEUTRAL_SYLLABLES`` and only after a CJK character. Bracketed
   content that is not one syllable, such as ``(一)``, ``(2021)``, ``(国务院令第711号)`` or
   ``(www.gov.cn)``, is kept.
2. **Script**: traditional characters are converted to simplified with OpenCC ``t2s``.
3. **Width folding**:

   - full-width digits ``０-９`` and Latin letters ``Ａ-Ｚ ａ-ｚ`` become ASCII;
   - full-width symbols with no role as Chinese punctuation become ASCII:
     ``＂＃＄％＆＇＊＋－／＜＝＞＠［＼］＾＿｀｛｜｝～``;
   - ``．`` and ``：`` become ``.`` and ``:`` only between two digits (``５９４９．０８`` →
     ``5949.08``, ``10：40`` → ``10:40``);
   - the ideographic space U+3000 becomes an ASCII space;
   - Chinese punctuation is kept as written: ``，。、；：？！（）“”‘’《》〔〕【】…—`` and
     ASCII punctuation already in the text are not touched, in either direction.

``detect_script`` judges the original text: it counts characters that OpenCC would change
from traditional to simplified (traditional-only forms) and from simplified to traditional
(simplified-only forms). Text with no such characters counts as simplified; when the smaller
share reaches ``MIXED_MIN_SHARE`` of the counted characters the text is ``mixed``.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import opencc

Script = Literal["simplified", "traditional", "mixed"]

MIXED_MIN_SHARE = 0.1
NEUTRAL_SYLLABLES = frozenset({"de", "le", "men", "me", "ma", "ne", "ba", "zi", "zhe"})

TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
CJK_CLASS = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

PINYIN_RE = re.compile(rf"(?<=(?P<prev>\S))[(（](?P<syl>[a-zü{TONE_VOWELS}]{{1,6}})[)）]")
TONE_RE = re.compile(f"[{TONE_VOWELS}]")
CJK_RE = re.compile(f"[{CJK_CLASS}]")
CJK_CHAR_RE = re.compile(f"^[{CJK_CLASS}]$")
DIGIT_SEPARATOR_RE = re.compile(r"(?<=[0-9])[．：](?=[0-9])")

FOLDED_SYMBOLS = "＂＃＄％＆＇＊＋－／＜＝＞＠［＼］＾＿｀｛｜｝～"
WIDTH_TABLE: dict[int, str] = {
    **{ord("０") + i: str(i) for i in range(10)},
    **{ord("Ａ") + i: chr(ord("A") + i) for i in range(26)},
    **{ord("ａ") + i: chr(ord("a") + i) for i in range(26)},
    **{ord(ch): chr(ord(ch) - 0xFEE0) for ch in FOLDED_SYMBOLS},
    0x3000: " ",
}
SEPARATOR_TABLE = {"．": ".", "：": ":"}


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus the script of the original."""

    text: str
    script: Script


@lru_cache(maxsize=4)
def _converter(config: str) -> Any:
    """One cached OpenCC converter per configuration (``t2s``, ``s2t``)."""
    return opencc.OpenCC(config)


@lru_cache(maxsize=1)
def _character_s2t() -> Any:
    """OpenCC ``s2t`` without its phrase dictionaries, for judging single characters.

    The phrases never apply to one character (checked: the same answer for every CJK
    character) but hold 28 MB in each process that loads them.
    """
    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    if not (share / "STCharacters.ocd2").is_file():  # another OpenCC build: the full config
        return _converter("s2t")
    config = {
        "name": "s2t, characters only",
        "normalization": [{"dict": {"type": "ocd2",
                                    "file": str(share / "CJK_Compatibility_Ideographs.ocd2")}}],
        "conversion_chain": [{"dict": {"type": "ocd2", "file": str(share / "STCharacters.ocd2")}}],
    }
    handle, path = tempfile.mkstemp(prefix="govcorpus-opencc-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(config, out)
    atexit.register(os.unlink, path)
    return opencc.OpenCC(path)


def _drop_annotation(match: re.Match[str]) -> str:
    """Return "" for a pinyin annotation, else the bracketed text unchanged."""
    syllable = match.group("syl")
    if TONE_RE.search(syllable):
        return ""
    if syllable in NEUTRAL_SYLLABLES and CJK_CHAR_RE.match(match.group("prev")):
        return ""
    return match.group(0)


def strip_pinyin(text: str) -> str:
    """Remove bracketed pinyin annotations such as ``(jìn)`` placed after characters."""
    return PINYIN_RE.sub(_drop_annotation, text)


def fold_width(text: str) -> str:
    """Fold full-width digits, letters and non-Chinese symbols to ASCII (see module rules)."""
    folded = text.translate(WIDTH_TABLE)
    return DIGIT_SEPARATOR_RE.sub(lambda m: SEPARATOR_TABLE[m.group(0)], folded)


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified with OpenCC ``t2s``."""
    return _converter("t2s").convert(text)


@lru_cache(maxsize=65536)
def _char_script(char: str) -> str:
    """Classify one CJK character: "t" traditional-only, "s" simplified-only, "" neutral."""
    if _converter("t2s").convert(char) != char:
        return "t"
    if _character_s2t().convert(char) != char:
        return "s"
    return ""


def detect_script(text: str) -> Script:
    """Judge whether text is written in simplified, traditional or mixed script."""
    counts = Counter(CJK_RE.findall(text))
    trad = simp = 0
    for char, count in counts.items():
        kind = _char_script(char)
        if kind == "t":
            trad += count
        elif kind == "s":
            simp += count
    if trad + simp == 0:
        return "simplified"
    if min(trad, simp) / (trad + simp) >= MIXED_MIN_SHARE:
        return "mixed"
    return "traditional" if trad > simp else "simplified"


def normalize_chars(text: str) -> str:
    """Strip pinyin, convert to simplified and fold widths."""
    return fold_width(to_simplified(strip_pinyin(text)))


def normalize_text(text: str) -> Normalized:
    """``normalize_chars`` of the text, with the script judged on ``text`` itself."""
    stripped = strip_pinyin(text)
    simplified = to_simplified(stripped)
    # OpenCC changed nothing: no traditional-only character, so simplified without counting
    script = "simplified" if simplified == stripped else detect_script(text)
    return Normalized(text=fold_width(simplified), script=script)
