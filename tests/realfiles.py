"""The real pages and seed texts kept in tests/files (see its PROVENANCE.md files)."""

from __future__ import annotations

from pathlib import Path

FILES = Path(__file__).parent / "files"
SEEDS = FILES / "reports" / "seeds"


def real_files() -> list[str]:
    """Every real page and seed text, as a path relative to tests/files."""
    paths = [*FILES.glob("*.html"), *FILES.glob("real/**/*.html"), *SEEDS.glob("*.txt")]
    built = [path for path in paths if path.stem.endswith("_shape")]  # built to shape, not real
    return sorted(str(path.relative_to(FILES)) for path in paths if path not in built)
