"""GB/T 2260 codes through time: which code a division had in a given year, and its code now.

Read from the shipped CC0 tables (`data/registry/SOURCES.md`): `codes_2024.csv`, the codes in
force at 2024-12-31, and `code_history.csv`, every county-level-and-above code since 1981 with
the year it began, the year it ended and its new code(s).

A code is in force in year Y when it began in or before Y and ended after Y: a code that ended
in 2020 is not in that year's list (the lists describe divisions at year end), and its
successor, begun in 2020, is. Where a code was split among several successors, or several
codes were merged into one, the one whose name keeps the same stem (水城县 → 水城区) is the
division's own line through time.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from govcorpus.bundled import REGISTRY_DIR

CODES_2024 = REGISTRY_DIR / "codes_2024.csv"
CODE_HISTORY = REGISTRY_DIR / "code_history.csv"
CODE = re.compile(r"^\d{6}$")
NAME_SUFFIX = re.compile(r"(?:自治县|自治旗|自治州|特区|林区|地区|新区|县|区|市|旗|盟|州)$")


@dataclass(frozen=True)
class CodePeriod:
    """One code with one name over the years it was used."""

    code: str
    name: str
    level: str  # 省级, 地级 or 县级, as the table says
    start: int
    end: int | None  # the year it stopped being used; None while in use
    successors: tuple[str, ...]

    def in_force(self, year: int) -> bool:
        return self.start <= year and (self.end is None or year < self.end)


class CodeHistory:
    """Every code period since 1981, and the lines that join a code to its successors."""

    def __init__(self, periods: list[CodePeriod]) -> None:
        self.periods = periods
        self.by_code: dict[str, list[CodePeriod]] = defaultdict(list)
        for period in periods:
            self.by_code[period.code].append(period)
        self._by_current: dict[str, list[CodePeriod]] | None = None

    def known(self, code: str) -> bool:
        """Whether the code was ever used since 1981."""
        return code in self.by_code

    def period(self, code: str, year: int) -> CodePeriod | None:
        """The code's period that covers the year, if it was in force then."""
        return next((p for p in self.by_code.get(code, ()) if p.in_force(year)), None)

    def current(self, code: str) -> str:
        """The code the division has now: the code itself while in use, else its successor's
        line followed to a code in use (the unknown code itself when the table lacks it)."""
        seen = set()
        while code not in seen:
            seen.add(code)
            periods = self.by_code.get(code)
            if not periods or any(p.end is None for p in periods):
                return code
            following = self._successor(max(periods, key=lambda p: p.start))
            if following is None:
                return code
            code = following
        return code

    def _successor(self, ended: CodePeriod) -> str | None:
        """The code that carries on an ended period's division: among its listed successors
        the one named with the same stem in the year it ended, else the first listed; for a
        period without successors (the table gives none for prefectures), a code of the same
        level and province that began that year with the same stem."""
        stem = _stem(ended.name)
        listed = [s for s in ended.successors if s != ended.code] or list(ended.successors)
        for code in listed:
            period = self.period(code, ended.end) if ended.end else None
            if period and _stem(period.name) == stem:
                return code
        if listed:
            return listed[0]
        return next((p.code for p in self.periods
                     if p.start == ended.end and p.level == ended.level
                     and p.code[:2] == ended.code[:2] and _stem(p.name) == stem), None)

    def in_force(self, current: str, year: int) -> str | None:
        """The code in force in the year for the division whose code is now `current`: the
        code itself if it was in force, else the predecessor in force then (None if none)."""
        if self.period(current, year):
            return current
        candidates = [p for p in self._lines().get(current, ()) if p.in_force(year)]
        if not candidates:
            return None
        stems = {_stem(p.name) for p in self.by_code.get(current, ())}
        same = [p for p in candidates if _stem(p.name) in stems]
        return min(same or candidates, key=lambda p: p.code).code

    def _lines(self) -> dict[str, list[CodePeriod]]:
        """Every ended period by the code its division has now (built once)."""
        if self._by_current is None:
            self._by_current = defaultdict(list)
            for period in self.periods:
                if period.end is not None:
                    self._by_current[self.current(period.code)].append(period)
        return self._by_current

    def name(self, code: str, year: int | None = None) -> str | None:
        """The code's name in the year (else its latest name)."""
        if year is not None and (period := self.period(code, year)):
            return period.name
        periods = self.by_code.get(code)
        return max(periods, key=lambda p: p.start).name if periods else None


def _stem(name: str) -> str:
    return NAME_SUFFIX.sub("", name) or name


@lru_cache(maxsize=1)
def code_history() -> CodeHistory:
    """The shipped code history (read once)."""
    with CODE_HISTORY.open(encoding="utf-8-sig", newline="") as handle:
        return CodeHistory([_period(row) for row in csv.DictReader(handle)])


def _period(row: dict[str, str]) -> CodePeriod:
    successors = tuple(s for s in (row["新代码"] or "").split(";") if s)
    end = row["变更/弃用时间"]
    return CodePeriod(row["代码"], row["名称"], row["级别"], int(row["启用时间"]),
                      int(end) if end else None, successors)


@dataclass(frozen=True)
class Division:
    """A division in force at 2024-12-31."""

    code: str
    name: str
    level: str  # province, prefecture or county
    province: str
    prefecture: str


@lru_cache(maxsize=1)
def codes_2024() -> dict[str, Division]:
    """The codes in force at 2024-12-31 (the registry's base year), by code."""
    with CODES_2024.open(encoding="utf-8-sig", newline="") as handle:
        return {row["code"]: Division(row["code"], row["name"], row["level"], row["province"],
                                      row["prefecture"])
                for row in csv.DictReader(handle)}


def province_code(text: str) -> str | None:
    """A province given by code prefix (`52`, `520000`) or name (`贵州`, `贵州省`)."""
    text = text.strip()
    if re.fullmatch(r"\d{2}(?:0000)?", text):
        code = text[:2] + "0000"
        return code if code in codes_2024() else None
    for division in codes_2024().values():
        if division.level == "province" and division.name.startswith(text):
            return division.code
    return None


def dated_code(code: str | None, year: int | None) -> tuple[str | None, str | None]:
    """(code in force in the year, code now) for a code read from today's tables."""
    if code is None or not CODE.match(code):
        return code, code
    history = code_history()
    current = history.current(code)
    if year is None:
        return current, current
    return history.in_force(current, year) or current, current
