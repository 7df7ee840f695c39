"""The portal registry: one row per portal, keyed by GB/T 2260 region code.

A registry is a CSV file of the columns `REGISTRY_COLUMNS`, or `national`: the shipped list of
every prefecture and county government (`data/registry/portals.csv`). Several registries are
read in order, a later row replacing an earlier one of the same code, so a user's file fixes or
adds rows of the national one without editing it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from govcorpus.bundled import REGISTRY_DIR
from govcorpus.codes import code_history, codes_2024, province_code
from govcorpus.scope import default_domains

REGISTRY_COLUMNS = ("region_code", "name", "level", "start_urls", "allowed_domains", "hints")
LEVELS = ("province", "prefecture", "county")
REGION_CODE = re.compile(r"^\d{6}$")
NATIONAL = "national"
NATIONAL_PORTALS = REGISTRY_DIR / "portals.csv"
DOMAIN = re.compile(r"[\w-]+(\.[\w-]+)*")  # a host name (IDN too) or an IPv4 address
REPORT_COLUMNS_HINT = "report_columns"  # URLs of report columns, requested as given


class RegistryError(ValueError):
    """A registry file or row that cannot be used, with the place it went wrong."""


@dataclass(frozen=True)
class Portal:
    region_code: str
    name: str
    level: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    hints: dict[str, str] = field(default_factory=dict)

    def as_row(self) -> dict[str, str]:
        """The portal as a registry CSV row."""
        return {
            "region_code": self.region_code,
            "name": self.name,
            "level": self.level,
            "start_urls": " ".join(self.start_urls),
            "allowed_domains": " ".join(self.allowed_domains),
            "hints": ";".join(f"{k}={v}" for k, v in self.hints.items()),
        }


def load_registry(path: str | Path) -> list[Portal]:
    """Read and validate a registry CSV; raise RegistryError naming the file and line."""
    path = Path(path)
    if not path.is_file():
        raise RegistryError(f"registry file not found: {path}")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            _check_header(path, reader.fieldnames)
            portals = [_parse_row(row, path, reader.line_num) for row in reader]
    except UnicodeDecodeError as exc:
        raise RegistryError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    _check_unique(path, portals)
    if not portals:
        raise RegistryError(f"{path}: no portals listed")
    return portals


def _check_header(path: Path, fieldnames: list[str] | None) -> None:
    missing = [c for c in REGISTRY_COLUMNS[:4] if c not in (fieldnames or [])]
    if missing:
        raise RegistryError(f"{path}: header lacks column(s) {', '.join(missing)}")


def _parse_row(row: dict[str, str | None], path: Path, line: int) -> Portal:
    def cell(name: str) -> str:
        return (row.get(name) or "").strip()

    where = f"{path}:{line}"
    code = cell("region_code")
    if not REGION_CODE.match(code):
        raise RegistryError(f"{where}: region_code {code!r} is not a 6-digit GB/T 2260 code")
    level = cell("level")
    if level not in LEVELS:
        raise RegistryError(f"{where}: level {level!r} is not one of {', '.join(LEVELS)}")
    start_urls = tuple(cell("start_urls").split())
    for url in start_urls:
        _web_host(url, f"{where}: start URL")
    if not start_urls:
        raise RegistryError(f"{where}: no start_urls")
    domains = tuple(cell("allowed_domains").split()) or default_domains(start_urls)
    for domain in domains:
        if not DOMAIN.fullmatch(domain):
            raise RegistryError(f"{where}: allowed domain {domain!r} is not a host name")
    hints = _parse_hints(cell("hints"), where)
    for url in hints.get(REPORT_COLUMNS_HINT, "").split():
        _web_host(url, f"{where}: {REPORT_COLUMNS_HINT} URL")
    return Portal(code, cell("name") or code, level, start_urls, domains, hints)


def _web_host(url: str, what: str) -> str:
    """The host of an absolute http(s) URL; RegistryError for anything else (`javascript:`,
    `file:`, `data:`, no host, a broken IPv6 host): the crawl requests these URLs as given."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise RegistryError(f"{what} {url!r} is not a URL ({exc})") from exc
    if parts.scheme not in ("http", "https") or not host:
        raise RegistryError(f"{what} {url!r} is not http(s), or has no host")
    return host


def _parse_hints(text: str, where: str) -> dict[str, str]:
    hints: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        key, sep, value = part.partition("=")
        if not sep or not key.strip():
            raise RegistryError(f"{where}: hint {part!r} is not key=value")
        hints[key.strip()] = value.strip()
    return hints


def _check_unique(path: Path, portals: list[Portal]) -> None:
    seen: set[str] = set()
    for portal in portals:
        if portal.region_code in seen:
            raise RegistryError(f"{path}: region_code {portal.region_code} listed twice")
        seen.add(portal.region_code)


def write_registry(path: str | Path, portals: list[Portal]) -> None:
    """Write portals as a registry CSV."""
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=REGISTRY_COLUMNS)
        writer.writeheader()
        writer.writerows(p.as_row() for p in portals)


@dataclass(frozen=True)
class RowProblem:
    """One bad row of a registry file: where it is and why it cannot be used."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


def registry_problems(path: str | Path) -> list[RowProblem]:
    """Every bad row of a registry file, with its line; [] for a good file. Beyond what
    loading checks, a code must exist in the 2024 table or in the code history."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            _check_header(path, reader.fieldnames)
            rows = [(reader.line_num, row) for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error, RegistryError) as exc:
        return [RowProblem(0, str(exc))]
    problems, first_line = [], {}
    for line, row in rows:
        try:
            portal = _parse_row(row, path, line)
        except RegistryError as exc:
            problems.append(RowProblem(line, str(exc).removeprefix(f"{path}:{line}: ")))
            continue
        if not code_exists(portal.region_code):
            problems.append(RowProblem(line, f"region_code {portal.region_code} is in neither "
                                             "the 2024 code table nor the code history"))
        if portal.region_code in first_line:
            problems.append(RowProblem(line, f"region_code {portal.region_code} already on "
                                             f"line {first_line[portal.region_code]}"))
        first_line.setdefault(portal.region_code, line)
    if not rows:
        problems.append(RowProblem(0, "no portals listed"))
    return problems


def code_exists(code: str) -> bool:
    """True for a code in force at 2024-12-31 or used since 1981."""
    return code in codes_2024() or code_history().known(code)


@dataclass(frozen=True)
class NationalRow:
    """One government of the national registry, with or without a portal URL."""

    code: str
    name: str
    level: str
    province: str
    prefecture: str
    portal_url: str
    lists_agree: str
    reachable: str
    report_column: str
    notes: str

    def portal(self) -> Portal | None:
        """The row as a portal to crawl; None when no portal is known."""
        if not self.portal_url:
            return None
        hints = {"report_columns": self.report_column} if self.report_column else {}
        urls = (self.portal_url,)
        return Portal(self.code, self.name, self.level, urls, default_domains(urls), hints)


@lru_cache(maxsize=1)
def national_rows() -> tuple[NationalRow, ...]:
    """Every prefecture and county government of the shipped national registry."""
    with NATIONAL_PORTALS.open(encoding="utf-8", newline="") as handle:
        return tuple(
            NationalRow(r["code"], r["name"], r["level"], r["province"], r["prefecture"],
                        r["portal_url"].strip(), r["lists_agree"], r["reachable_2026_04"],
                        r["annual_report_column_url"].strip(), r["notes"])
            for r in csv.DictReader(handle)
        )


def load_registries(sources: Iterable[str | Path]) -> list[Portal]:
    """The portals of several registries (`national` or a CSV file) read in order; a later
    row replaces an earlier one with the same code."""
    merged: dict[str, Portal] = {}
    for source in sources:
        if str(source) == NATIONAL:
            portals = [p for row in national_rows() if (p := row.portal()) is not None]
        else:
            portals = load_registry(source)
        for portal in portals:
            merged[portal.region_code] = portal
    if not merged:
        raise RegistryError("no registry given")
    return list(merged.values())


@dataclass(frozen=True)
class Selection:
    """Which portals of a registry to use: by province, prefecture, level and code."""

    province: str | None = None  # a code prefix (52, 520000) or a name (贵州)
    prefecture: str | None = None  # a code prefix (5202, 520200)
    level: str | None = None
    codes: tuple[str, ...] = ()

    def prefixes(self) -> tuple[str | None, str | None]:
        """The province's two-digit and the prefecture's four-digit code prefix."""
        province = None
        if self.province:
            code = province_code(self.province)
            if code is None:
                raise RegistryError(f"no province {self.province!r} (give 52, 520000 or 贵州)")
            province = code[:2]
        prefecture = None
        if self.prefecture:
            if not re.fullmatch(r"\d{4}(?:00)?", self.prefecture.strip()):
                raise RegistryError(f"prefecture {self.prefecture!r}: give 4 digits, e.g. 5202")
            prefecture = self.prefecture.strip()[:4]
        if self.level and self.level not in LEVELS:
            raise RegistryError(f"level {self.level!r} is not one of {', '.join(LEVELS)}")
        return province, prefecture

    def admits(self, code: str, level: str, province: str | None, prefecture: str | None
               ) -> bool:
        return ((province is None or code.startswith(province))
                and (prefecture is None or code.startswith(prefecture))
                and (self.level is None or level == self.level)
                and (not self.codes or code in self.codes))

    def select(self, portals: Iterable[Portal]) -> list[Portal]:
        """The portals this selection admits."""
        province, prefecture = self.prefixes()
        return [p for p in portals if self.admits(p.region_code, p.level, province, prefecture)]

    def select_rows(self, rows: Iterable[NationalRow]) -> list[NationalRow]:
        """The national rows this selection admits."""
        province, prefecture = self.prefixes()
        return [r for r in rows if self.admits(r.code, r.level, province, prefecture)]
