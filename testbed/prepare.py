"""Rebuild the bundled data from the shared material: `python -m testbed.prepare DIR`."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")
PINGTAN = "realreports/pingtan/zwgk/zfxxgk/zfxxgknb"
COPIES = {
    f"{PINGTAN}/202403/87885_平潭综合实验区2023年度政府信息公开工作年度报告/page.html": (
        "reports/pingtan_2023.html"
    ),
    f"{PINGTAN}/202603/105587_平潭综合实验区2025年度政府信息公开工作年度报告/page.html": (
        "reports/pingtan_2025.html"
    ),
    "seeds/000_ab773b947ff241ca.txt": "seeds/000_ab773b947ff241ca.txt",
    "seeds/001_d373a25c9de15b4d.txt": "seeds/001_d373a25c9de15b4d.txt",
    "seeds/002_e5ec33f7358f9fa7.txt": "seeds/002_e5ec33f7358f9fa7.txt",
    "seeds/003_68120aa8738a8fff.txt": "seeds/003_68120aa8738a8fff.txt",
    "seeds/004_c26d84461eef8b9b.txt": "seeds/004_c26d84461eef8b9b.txt",
}
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
    for source, target in COPIES.items():
        (DATA_DIR / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shared / source, DATA_DIR / target)
    texts = json.dumps(real_texts(shared), ensure_ascii=False, indent=1)
    (DATA_DIR / "realtexts.json").write_text(texts + "\n", "utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m testbed.prepare SOURCE_DIR (the shared material)")
    main(Path(sys.argv[1]))
