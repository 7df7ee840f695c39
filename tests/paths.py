"""Where the files the tests read are kept, from any test folder."""

from __future__ import annotations

from pathlib import Path

from govcorpus.bundled import EVAL_DIR, GOLD_DIR, REAL_REPORTS

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FILES = TESTS / "files"  # real pages (real/) and captured columns (replay/) only the tests read
REPLAY = FILES / "replay"
GOLD = GOLD_DIR  # package data of `govcorpus eval`
PAGES = EVAL_DIR / "files"  # the gold pages, and the real reports under reports/
REPORTS = REAL_REPORTS
STATS_EXPECTED = TESTS / "stats_expected"
DATA = TESTS / "data"


def real_path(name: str) -> Path:
    """A real file by its name in the decoding and mojibake expectations (relative to FILES for
    real/ and replay/, to PAGES for the gold pages and reports)."""
    return (FILES if name.startswith(("real/", "replay/")) else PAGES) / name
