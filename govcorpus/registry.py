"""The portal registry: one row per portal, keyed by GB/T 2260 region code."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REGISTRY_COLUMNS = ("region_code", "name", "level", "start_urls", "allowed_domains", "hints")
LEVELS = ("province", "prefecture", "county")
REGION_CODE = re.compile(r"^\d{6}$")


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
        if urlsplit(url).scheme not in ("http", "https"):
            raise RegistryError(f"{where}: start URL {url!r} is not http(s)")
    if not start_urls:
        raise RegistryError(f"{where}: no start_urls")
    domains = tuple(cell("allowed_domains").split()) or tuple(
        sorted({urlsplit(u).hostname or "" for u in start_urls})
    )
    hints = _parse_hints(cell("hints"), where)
    return Portal(code, cell("name") or code, level, start_urls, domains, hints)


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
