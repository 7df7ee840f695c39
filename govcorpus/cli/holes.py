"""The picture of the holes: one row per government, one column per report year, each cell
coloured by the panel's status; as inline SVG for the coverage page and as a PNG."""

from __future__ import annotations

from html import escape
from pathlib import Path

from storage.read.panel import CRAWL_HOLES, PanelRow

LEGEND: tuple[tuple[str, str, str], ...] = (
    ("found", "found", "#3b9a4a"),
    ("late", "late (after 31 March)", "#a6d96a"),
    ("elsewhere", "elsewhere (another portal)", "#4f8fcf"),
    ("department_only", "departments' or towns' only", "#f6c342"),
    ("missing", "missing: not published", "#d7301f"),
    ("crawl_hole", "crawl hole: portal failing", "#9e9e9e"),
)
"""Status, legend label, colour; `crawl_hole` stands for portal_failing and not_crawled."""
COLOURS = {key: colour for key, _, colour in LEGEND}
CELL_W, CELL_H, LABEL_W, HEAD_H = 40, 20, 170, 26
CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
             "Microsoft YaHei", "SimHei")


def shade(status: str) -> str:
    """The legend key a row status is drawn as."""
    return "crawl_hole" if status in CRAWL_HOLES else status


def grid(rows: list[PanelRow]) -> tuple[list[tuple[str, str]], list[int], dict]:
    """(governments as (code, name), years, (code, year) -> status) of panel rows."""
    governments = sorted({(row.region_code, row.region_name) for row in rows})
    years = sorted({row.report_year for row in rows})
    return governments, years, {(r.region_code, r.report_year): r.status for r in rows}


def status_svg(rows: list[PanelRow]) -> str:
    """Inline SVG: government × year cells coloured by status, with a legend."""
    governments, years, status = grid(rows)
    legend_h = 22 * len(LEGEND)
    width = LABEL_W + CELL_W * len(years) + 20
    height = HEAD_H + CELL_H * len(governments) + 20 + legend_h
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
             f"role='img' aria-label='panel statuses'>"]
    for i, year in enumerate(years):
        parts.append(_text(LABEL_W + CELL_W * i + CELL_W / 2, HEAD_H - 8, str(year), "middle"))
    for row, (code, name) in enumerate(governments):
        y = HEAD_H + CELL_H * row
        parts.append(_text(LABEL_W - 6, y + CELL_H - 6, f"{code} {name}", "end"))
        for i, year in enumerate(years):
            value = status[(code, year)]
            parts.append(f"<rect x='{LABEL_W + CELL_W * i}' y='{y}' width='{CELL_W - 2}' "
                         f"height='{CELL_H - 2}' fill='{COLOURS[shade(value)]}' "
                         f"data-status='{value}'><title>{code} {year}: {value}</title></rect>")
    top = HEAD_H + CELL_H * len(governments) + 16
    for i, (_, label, colour) in enumerate(LEGEND):
        y = top + 22 * i
        parts.append(f"<rect x='{LABEL_W}' y='{y}' width='16' height='16' fill='{colour}'/>")
        parts.append(_text(LABEL_W + 24, y + 13, label, "start"))
    return "".join(parts) + "</svg>"


def _text(x: float, y: float, label: str, anchor: str) -> str:
    return (f"<text x='{x:.1f}' y='{y:.1f}' font-size='12' text-anchor='{anchor}'>"
            f"{escape(label)}</text>")


def write_png(rows: list[PanelRow], out: Path, title: str) -> None:
    """The same picture as a PNG (matplotlib, no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    governments, years, status = grid(rows)
    keys = [key for key, _, _ in LEGEND]
    values = [[keys.index(shade(status[(code, year)])) for year in years]
              for code, _ in governments]
    installed = {font.name for font in font_manager.fontManager.ttflist}
    cjk = [name for name in CJK_FONTS if name in installed]
    labels = [f"{code} {name}" if cjk else code for code, name in governments]
    with plt.rc_context({"font.family": "sans-serif",
                         "font.sans-serif": [*cjk, "DejaVu Sans"]}):
        fig, ax = plt.subplots(figsize=(2.5 + 0.45 * len(years), 1.6 + 0.3 * len(governments)))
        ax.imshow(values, cmap=ListedColormap([colour for _, _, colour in LEGEND]),
                  vmin=0, vmax=len(LEGEND) - 1, aspect="auto", interpolation="nearest")
        ax.set_xticks(range(len(years)), [str(y) for y in years], rotation=90, fontsize=8)
        ax.set_yticks(range(len(governments)), labels, fontsize=8)
        ax.set_xticks([x - 0.5 for x in range(1, len(years))], minor=True)
        ax.set_yticks([y - 0.5 for y in range(1, len(governments))], minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        ax.tick_params(which="minor", length=0)
        ax.set_title(title, fontsize=10)
        ax.legend(handles=[Patch(color=colour, label=label) for _, label, colour in LEGEND],
                  loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
        fig.savefig(out, dpi=110, bbox_inches="tight")
        plt.close(fig)
