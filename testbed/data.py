"""Loading of the bundled material: seeds and real report pages (kept once, with govcorpus's
real reports), real texts and regions (in `data/`)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from govcorpus.bundled import REAL_REPORTS

DATA_DIR = Path(__file__).with_name("data")
SEED_FILES = {
    "000": "000_ab773b947ff241ca.txt",
    "001": "001_d373a25c9de15b4d.txt",
    "002": "002_e5ec33f7358f9fa7.txt",
    "003": "003_68120aa8738a8fff.txt",
    "004": "004_c26d84461eef8b9b.txt",
}
REPORT_PAGES = {"pt2023": "pingtan_2023/page.html", "pt2025": "pingtan_2025/page.html"}


@cache
def seed_text(key: str) -> str:
    """One seed report text, as bundled."""
    return (REAL_REPORTS / "seeds" / SEED_FILES[key]).read_text("utf-8")


@cache
def report_page(key: str) -> str:
    """One real TRS report page (平潭综合实验区), as bundled."""
    return (REAL_REPORTS / REPORT_PAGES[key]).read_text("utf-8")


@cache
def real_texts() -> dict[str, object]:
    """Paragraphs pre-extracted from real government pages, and TRS's pager script."""
    return json.loads((DATA_DIR / "realtexts.json").read_text("utf-8"))


@cache
def real_regions() -> list[dict[str, str]]:
    """Real GB/T 2260 regions: code, name, level, slug."""
    return json.loads((DATA_DIR / "regions.json").read_text("utf-8"))["regions"]
