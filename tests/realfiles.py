"""The real pages and seed texts the tests read (see the PROVENANCE.md files beside them)."""

from __future__ import annotations

from tests.paths import FILES, PAGES, REPORTS, real_path

SEEDS = REPORTS / "seeds"
__all__ = ["SEEDS", "real_files", "real_path"]


def real_files() -> list[str]:
    """Every real page and seed text, by the name `real_path` resolves."""
    paths = [*PAGES.glob("*.html"), *SEEDS.glob("*.txt")]
    names = [str(path.relative_to(PAGES)) for path in paths if not path.stem.endswith("_shape")]
    names += [str(path.relative_to(FILES)) for path in FILES.glob("real/**/*.html")]
    return sorted(names)
