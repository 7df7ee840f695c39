"""Find, score and tentatively repair garbled runs (mis-aligned GBK bytes) in decoded text."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from govcorpus.decoding.charsets import char_class, common_chars

MAX_GAP = 2
MIN_WEAK_ONLY = 3
WEAK_ONLY_DENSITY = 0.6
REPAIR_RATIO = 0.5
REPAIR_CODECS: tuple[str, ...] = ("gb18030",)
MASK = "\x00"
STRONG_KIND, RARE, ODD = "strong", "rare", "odd"

PINYIN_ANNOTATION = re.compile(r"[(（][a-zāáǎàēéěèêīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]{1,8}[)）]")
ALWAYS_BAD = re.compile(r"[\ufffd\ue000-\uf8ff\x80-\x9f]")
STRONG = re.compile(
    r"[\ufffd\ue000-\uf8ff\x80-\x9f\u2500-\u259f\u3100-\u312f\u31a0-\u31bf"
    r"\u3021-\u3029\u2ff0-\u2ffb\ufe10-\ufe19\ufe30-\ufe4f\uff61-\uff9f\u0300-\u036f"
    r"\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff]"
)
ACCENTED = re.compile(r"[\u00c0-\u02ff]")
ODD_SYMBOLS = (
    r"\u2460-\u24ff\u2160-\u217f\u0370-\u03ff\u0400-\u04ff\u3040-\u30ff"
    r"\u2190-\u21ff\u2200-\u22ff\u25a0-\u26ff\u2100-\u214f"
    r"\u00a1-\u00a6\u00a8\u00aa\u00ac-\u00af\u00b4-\u00b6\u00b8-\u00ba\u00bc-\u00bf"
)
RARE_EXTRA = r"\u3400-\u4dbf\uf900-\ufaff"
ASCII_LETTER = re.compile(r"[A-Za-z]")
LETTER_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
LINE_OPENERS = frozenset("。，、；：！？）》")
ODD_PATTERN = re.compile(f"[{ODD_SYMBOLS}\\U00020000-\\U0002ffff]")
SEPARATOR_ONLY = re.compile(r"^[\u2500-\u257f\s\-=_]*$")


@dataclass(frozen=True)
class Run:
    """A garbled stretch of text: [start, end) offsets into the text and the text itself."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _rare_pattern() -> re.Pattern[str]:
    """Hanzi outside the common set (GB2312 level 1 and Big5 level 1)."""
    cjk = {chr(point) for point in range(0x4E00, 0xA000)}
    return re.compile(f"[{char_class(cjk - common_chars())}{RARE_EXTRA}]")


def _masked(text: str) -> str:
    """The text with pinyin annotations such as "(dòng)" blanked out, offsets unchanged."""
    return PINYIN_ANNOTATION.sub(lambda m: MASK * len(m.group(0)), text)


def _inside_word(text: str, pos: int) -> bool:
    """Whether an accented letter sits in a Latin word (José, café), not among hanzi."""
    return any(0 <= i < len(text) and ASCII_LETTER.match(text[i]) for i in (pos - 1, pos + 1))


def _is_context(text: str, pos: int) -> bool:
    """A lone Latin letter among hanzi, or sentence punctuation opening a line."""
    char = text[pos]
    if char in LINE_OPENERS:
        return pos == 0 or text[pos - 1] == "\n"
    if not ASCII_LETTER.match(char):
        return False
    around = [text[i] for i in (pos - 1, pos + 1) if 0 <= i < len(text)]
    return not any(LETTER_OR_DIGIT.match(c) for c in around) and any(ord(c) > 0x7F for c in around)


def _add_context(text: str, flags: dict[int, str]) -> None:
    """Flag lone letters and line-opening punctuation within reach of flagged characters."""
    for pos in list(flags):
        for i in range(max(0, pos - MAX_GAP - 1), min(len(text), pos + MAX_GAP + 2)):
            if i not in flags and _is_context(text, i):
                flags[i] = ODD


def _flags(text: str) -> list[tuple[int, str]]:
    """Sorted (offset, kind) for every suspicious character; kind is strong, rare or odd."""
    flags = {m.start(): RARE for m in _rare_pattern().finditer(text)}
    flags.update((m.start(), ODD) for m in ODD_PATTERN.finditer(text))
    for match in STRONG.finditer(text):
        pos = match.start()
        if not (ACCENTED.match(match.group()) and _inside_word(text, pos)):
            flags[pos] = STRONG_KIND
    if flags:
        _add_context(text, flags)
    return sorted(flags.items())


def _groups(text: str, flags: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Flags close enough together (same line, small gaps) to form one candidate run."""
    groups: list[list[tuple[int, str]]] = []
    for pos, kind in flags:
        last = groups[-1][-1][0] if groups else None
        if last is not None and pos - last - 1 <= MAX_GAP and "\n" not in text[last:pos]:
            groups[-1].append((pos, kind))
        else:
            groups.append([(pos, kind)])
    return groups


def _is_garbled(text: str, group: list[tuple[int, str]]) -> bool:
    """Garbled: a replacement character, a strong sign backed by another flag, or dense flags."""
    start, end = group[0][0], group[-1][0] + 1
    span = text[start:end]
    if ALWAYS_BAD.search(span):
        return True
    if SEPARATOR_ONLY.match(span):
        return False
    kinds = [kind for _, kind in group]
    if STRONG_KIND in kinds:
        return len(kinds) >= 2
    dense = len(kinds) >= MIN_WEAK_ONLY and len(kinds) / (end - start) >= WEAK_ONLY_DENSITY
    return dense and RARE in kinds


def mojibake_runs(text: str) -> list[Run]:
    """Garbled runs in the text, in order; pinyin annotations and traditional script are fine."""
    if not _flags(text):
        return []
    masked = _masked(text)
    runs = []
    for group in _groups(masked, _flags(masked)):
        if _is_garbled(text, group):
            start, end = group[0][0], group[-1][0] + 1
            runs.append(Run(start, end, text[start:end]))
    return runs


def _countable(text: str) -> int:
    """Characters that count towards the score (everything but whitespace)."""
    return len(text) - sum(text.count(space) for space in " \t\r\n\u3000\xa0")


def mojibake_score(text: str) -> float:
    """Share of the (non-whitespace) characters that sit in garbled runs, 0..1."""
    total = _countable(text)
    if not total:
        return 0.0
    bad = sum(_countable(run.text) for run in mojibake_runs(text))
    return round(min(1.0, bad / total), 4)


def _realignments(run: str) -> list[str]:
    """The run re-encoded as GB bytes, shifted by one byte either way, and decoded again.

    Runs holding U+FFFD are left alone: the bytes behind a replacement character are gone.
    """
    if "\ufffd" in run:
        return []
    options = []
    for codec in REPAIR_CODECS:
        try:
            raw = run.encode(codec)
        except UnicodeEncodeError:
            continue
        for shifted in (raw[1:], raw[:-1], raw[1:-1]):
            options.append(shifted.decode(codec, errors="replace").strip("\ufffd"))
    try:
        options.append(run.encode("gb18030").decode("utf-8").strip("\ufffd"))
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    return [option for option in options if option]


def _badness(text: str) -> float:
    """Flagged or unassigned characters per character, pinyin annotations ignored."""
    unassigned = sum(unicodedata.category(char) in ("Cn", "Co") for char in text)
    return (len(_flags(_masked(text))) + unassigned) / max(1, len(text))


def _repair_one(run: Run) -> str | None:
    """The best re-alignment of one run, if it is clearly less garbled than the run."""
    before = _badness(run.text)
    best = min(_realignments(run.text), key=_badness, default=None)
    if best is None or _badness(best) > before * REPAIR_RATIO:
        return None
    return best


def repair_runs(text: str) -> str | None:
    """The text with every repairable garbled run re-aligned, or None when nothing improved."""
    pieces, cursor, changed = [], 0, False
    for run in mojibake_runs(text):
        repaired = _repair_one(run)
        if repaired is None:
            continue
        pieces += [text[cursor : run.start], repaired]
        cursor, changed = run.end, True
    if not changed:
        return None
    return "".join([*pieces, text[cursor:]])
