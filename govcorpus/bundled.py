"""Where the real material shipped with govcorpus lies (package data under `data/`)."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")
EVAL_DIR = DATA_DIR / "eval"
GOLD_DIR = EVAL_DIR / "gold"
"""The gold set of `govcorpus eval`: one `<page>.json` per page in `../files`."""
REGISTRY_DIR = DATA_DIR / "registry"
"""The national registry and the GB/T 2260 code tables (SOURCES.md)."""
REAL_REPORTS = EVAL_DIR / "files" / "reports"
"""Real annual reports, kept once: the 平潭 report pages and the seed texts (PROVENANCE.md)."""
