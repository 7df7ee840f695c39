"""Decode raw page bytes by scoring every plausible codec, not by trusting declarations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from govcorpus.decoding.charsets import (
    bom_of,
    char_class,
    collect_declarations,
    common_chars,
    normalize_codec,
)

__all__ = ["Decoded", "decode_html", "normalize_codec"]

MAX_CHAR_BYTES = 4
SCORE_SAMPLE_CHARS = 400_000
DECLARED_BONUS = 0.02
DETECTED_BONUS = 0.02
BOM_BONUS = 1.0
SUSPICIOUS_WEIGHT = 5.0
FALLBACK_CONFIDENCE = 0.05
SURE_SCORE = 0.9
CLOSE_MARGIN = 0.1
UNCLEAN_FACTOR = 0.6
LOSSY_CAP = 0.9
AGREEMENT_BONUS = 0.05
DEFAULT_CANDIDATES: tuple[str, ...] = ("utf-8", "gb18030")
SECOND_CHANCE_CANDIDATES: tuple[str, ...] = ("big5hkscs",)

ASCII_RUN = re.compile(r"[\x00-\x7f]+")
SUSPICIOUS = re.compile(r"[\ufffd\x80-\x9f\ue000-\uf8ff]")


@dataclass(frozen=True)
class Decoded:
    """A decoded page: the text, the codec used and the evidence behind the choice."""

    text: str
    encoding: str
    declared: str | None
    evidence: dict[str, Any] = field(default_factory=dict)
    confidence: float = 0.0


@dataclass(frozen=True)
class Candidate:
    """One codec's attempt at the page: its text and how plausible that text looks."""

    codec: str
    text: str
    clean: bool
    truncated: bool
    replacements: int
    common: float
    suspicious: float
    score: float

    def summary(self) -> dict[str, Any]:
        """The numbers kept as evidence (no text)."""
        return {
            "score": round(self.score, 4),
            "clean": self.clean,
            "truncated": self.truncated,
            "replacements": self.replacements,
            "common": round(self.common, 4),
            "suspicious": round(self.suspicious, 4),
        }


@lru_cache(maxsize=1)
def _uncommon_pattern() -> re.Pattern[str]:
    """Matches every non-ASCII character outside the common set."""
    return re.compile(f"[^\\x00-\\x7f{char_class(common_chars())}]")


def _decode(body: bytes, codec: str) -> tuple[str, bool, bool]:
    """Decode strictly if possible, else with replacements: (text, clean, truncated).

    A body whose only flaw is a character cut off at the very end (a capped download) counts
    as clean; the partial character is dropped.
    """
    try:
        return body.decode(codec), True, False
    except UnicodeDecodeError as error:
        if error.end >= len(body) and error.start >= len(body) - MAX_CHAR_BYTES:
            try:
                return body[: error.start].decode(codec), True, True
            except UnicodeDecodeError:
                pass
        return body.decode(codec, errors="replace"), False, False


def _score(codec: str, text: str, clean: bool, truncated: bool = False) -> Candidate:
    """Share of common CJK among non-ASCII characters, minus a heavy penalty for bad ones."""
    non_ascii = ASCII_RUN.sub("", text[:SCORE_SAMPLE_CHARS])
    replacements = non_ascii.count("\ufffd")
    if not non_ascii:
        score = 1.0 if clean else 0.5
        return Candidate(codec, text, clean, truncated, replacements, 1.0, 0.0, score)
    common = 1.0 - len(_uncommon_pattern().findall(non_ascii)) / len(non_ascii)
    suspicious = len(SUSPICIOUS.findall(non_ascii)) / len(non_ascii)
    score = common - SUSPICIOUS_WEIGHT * suspicious
    return Candidate(codec, text, clean, truncated, replacements, common, suspicious, score)


def _try(body: bytes, codec: str, bom: str | None) -> Candidate | None:
    """Decode the body (minus its BOM when the codec is the BOM's) and score the result."""
    payload = body[len(bom_of(body)[0]) :] if codec == bom else body
    try:
        text, clean, truncated = _decode(payload, codec)
    except (LookupError, ValueError):
        return None
    return _score(codec, text, clean, truncated)


def _rank(candidate: Candidate, evidence: dict[str, Any]) -> float:
    """The score used to pick a winner: raw score plus small bonuses for corroboration."""
    bonus = BOM_BONUS if candidate.codec == evidence["bom"] else 0.0
    if candidate.codec in evidence["declared"]:
        bonus += DECLARED_BONUS
    if candidate.codec == evidence.get("detected"):
        bonus += DETECTED_BONUS
    return candidate.score + bonus


def _ordered(results: dict[str, Candidate], evidence: dict[str, Any]) -> list[Candidate]:
    """Candidates best first."""
    return sorted(results.values(), key=lambda c: _rank(c, evidence), reverse=True)


def _add(
    body: bytes, codecs_: list[str | None], results: dict[str, Candidate], bom: str | None
) -> None:
    """Score the codecs not tried yet."""
    for codec in dict.fromkeys(c for c in codecs_ if c):
        if codec not in results:
            candidate = _try(body, codec, bom)
            if candidate is not None:
                results[codec] = candidate


def _is_sure(candidate: Candidate, evidence: dict[str, Any]) -> bool:
    """A clean decode with the one declared codec into plausible text needs no more checks."""
    declared = evidence["declared"]
    return (
        len(declared) == 1
        and candidate.codec == declared[0]
        and candidate.clean
        and candidate.score >= SURE_SCORE
    )


def _doubts(ranked: list[Candidate], evidence: dict[str, Any]) -> list[str]:
    """Why the best candidate is not settled yet (empty when it is)."""
    best, declared = ranked[0], evidence["declared"]
    reasons = []
    if not declared:
        reasons.append("no declaration")
    if len(declared) > 1:
        reasons.append("declarations disagree")
    if declared and best.codec not in declared:
        reasons.append("best contradicts declaration")
    if not best.clean:
        reasons.append("decode errors")
    if best.score < SURE_SCORE:
        reasons.append("low score")
    if len(ranked) > 1 and best.score - ranked[1].score < CLOSE_MARGIN:
        reasons.append("close call")
    return reasons


def _detected_charset(body: bytes) -> str | None:
    """charset-normalizer's verdict over the whole body (it samples chunks across all of it)."""
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    return best.encoding if best else None


def _consult_detector(
    body: bytes, results: dict[str, Candidate], evidence: dict[str, Any], reasons: list[str]
) -> None:
    """Run charset-normalizer and score its verdict; try Big5 too if still nothing is sure."""
    label = _detected_charset(body)
    evidence["detected_label"] = label
    evidence["detected"] = normalize_codec(label)
    evidence["detector"] = "ran: " + ", ".join(reasons)
    _add(body, [evidence["detected"]], results, evidence["bom"])
    best = _ordered(results, evidence)[0]
    if not best.clean or best.score < SURE_SCORE:
        _add(body, list(SECOND_CHANCE_CANDIDATES), results, evidence["bom"])


def _confidence(ranked: list[Candidate], evidence: dict[str, Any]) -> float:
    """Turn the winner's score, its margin and any corroboration into a 0–1 confidence."""
    best = ranked[0]
    base = max(0.0, min(1.0, best.score))
    if not best.clean:
        base *= min(LOSSY_CAP, max(UNCLEAN_FACTOR, 1.0 - 10 * best.suspicious))
    if len(ranked) > 1:
        margin = max(0.0, best.score - ranked[1].score)
        base *= min(1.0, 0.5 + margin / (2 * CLOSE_MARGIN))
    agreeing = (best.codec in evidence["declared"]) + (best.codec == evidence.get("detected"))
    return round(min(1.0, base + AGREEMENT_BONUS * agreeing), 3)


def _choose(body: bytes, evidence: dict[str, Any]) -> list[Candidate]:
    """Score the declared and default codecs; consult the detector only when in doubt."""
    results: dict[str, Candidate] = {}
    bom = evidence["bom"]
    if body.isascii():
        _add(body, [*evidence["declared"][:1], "utf-8"], results, bom)
        evidence["detector"] = "skipped: ASCII only"
        return _ordered(results, evidence)
    _add(body, evidence["declared"][:1], results, bom)
    if results and _is_sure(next(iter(results.values())), evidence):
        evidence["detector"] = "skipped: clean decode with the declared codec"
        return list(results.values())
    _add(body, [*evidence["declared"], *DEFAULT_CANDIDATES], results, bom)
    ranked = _ordered(results, evidence)
    reasons = _doubts(ranked, evidence)
    if reasons:
        _consult_detector(body, results, evidence, reasons)
        return _ordered(results, evidence)
    evidence["detector"] = "skipped: declared codec won clearly"
    return ranked


def decode_html(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode a page, choosing among HTTP, BOM, meta and detected charsets by decode quality."""
    evidence = collect_declarations(body, content_type)
    evidence.update(detected=None, detector="not run")
    declared_label = evidence["http"] or next(iter(evidence["meta"]), None) or evidence["wrapper"]
    try:
        ranked = _choose(body, evidence)
    except Exception:  # never raise on bad bytes; fall through to the lossy fallback
        ranked = []
    evidence["scores"] = {c.codec: c.summary() for c in ranked}
    if not ranked:
        evidence["used"] = "utf-8"
        text = body.decode("utf-8", errors="replace")
        return Decoded(text, "utf-8", declared_label, evidence, FALLBACK_CONFIDENCE)
    best = ranked[0]
    evidence["used"] = best.codec
    return Decoded(best.text, best.codec, declared_label, evidence, _confidence(ranked, evidence))
