"""Rebuild `data/realtexts.json` from the shared material: `python -m testbed.prepare DIR`.

The real report pages and seed texts the testbed serves are govcorpus's own real reports
(govcorpus/data/eval/files/reports, with their provenance), not copies of their own.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")
PAGES = "realpages"
CLEANED = f"{PAGES}/immortal-autumn__Chinese-Web-Content-Extraction-Dataset/cleaned"
NMG = f"{CLEANED}/d232c5df-4a6a-47f7-8c63-2dd47719ffe7.txt"
BYNR = f"{CLEANED}/500b350d-d38d-4fb0-9e81-75e0c95e95a8.txt"
TAIYUAN = f"{CLEANED}/c4d032a1-45cd-4c77-a84e-90e2f8895039.txt"
YUNNAN = f"{CLEANED}/9890f458-7af7-4e96-a507-6eb1b359d675.txt"

def _text_paragraphs(path: Path) -> list[str]:
    lines = (line.strip().strip("\u3000") for line in path.read_text("utf-8").splitlines())
    return [line for line in lines if len(line) >= 20 and not line.startswith("来源：")]


def real_texts(shared: Path) -> dict[str, object]:
    """Paragraphs of the real government pages the non-report items borrow."""
    return {
        "standards": _text_paragraphs(shared / TAIYUAN),
        "green": [p for p in _text_paragraphs(shared / YUNNAN) if not p.startswith("责任编辑")],
        "tax": _text_paragraphs(shared / NMG),
        "cppcc": _text_paragraphs(shared / BYNR),
    }


def main(shared: Path) -> None:
    texts = json.dumps(real_texts(shared), ensure_ascii=False, indent=1)
    (DATA_DIR / "realtexts.json").write_text(texts + "\n", "utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m testbed.prepare SOURCE_DIR (the shared material)")
    main(Path(sys.argv[1]))
