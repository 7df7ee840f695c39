"""The coverage report as one self-contained HTML page with inline SVG plots.

Every stored value is escaped: titles, names, URLs and fault kinds come from pages nobody vetted.
"""

from __future__ import annotations

from datetime import datetime, timezone
from html import escape
from pathlib import Path

from govcorpus.cli.common import UserError, console, year_range
from storage.read.coverage import Coverage

CELL_W, CELL_H, LABEL_W, HEAD_H = 64, 26, 150, 28
BAR_W, BAR_MAX_H = 48, 160

STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px}
th{background:#f3f3f3}.alert{color:#b00;font-weight:bold}.num{text-align:right}
"""


def render_coverage(cov: Coverage, statuses: str = "") -> str:
    """The whole page: figures, the province × year matrix, the government × year statuses
    (`statuses`, an SVG, when a province was asked for), and the lists behind them."""
    missing = cov.missing()
    found_pairs = len(cov.portals) * len(cov.years) - len(missing)
    sections = [
        f"<h1>govcorpus coverage report</h1><p>generated "
        f"{datetime.now(timezone.utc).isoformat(timespec='seconds')}; report years "
        f"{cov.years[0]}–{cov.years[-1]}; {len(cov.portals)} registry portals</p>",
        "<ul>"
        f"<li id='found'>portal-years with an annual report: <b>{found_pairs}</b></li>"
        f"<li id='missing'>portal-years missing: <b>{len(missing)}</b></li>"
        f"<li id='late'>reports published after the deadline: <b>{len(cov.late)}</b></li>"
        f"<li id='silent'>portals that yielded nothing: <b>{len(cov.silent_portals())}</b></li>"
        f"<li id='blocked'>portals blocked by a WAF challenge: "
        f"<b>{len(cov.blocked_portals())}</b></li></ul>",
        "<h2>Share of portals with a report, by province and report year</h2>",
        _heatmap(cov),
        "<h2>Annual reports stored per report year</h2>",
        _bars(cov),
        *(["<h2>Each government's report, by report year (panel statuses)</h2>", statuses]
          if statuses else []),
        _province_table(cov),
        _alerts(cov),
        _missing_table(cov, missing),
        _late_table(cov),
    ]
    return (f"<!doctype html><html lang='zh'><head><meta charset='utf-8'>"
            f"<title>govcorpus coverage</title><style>{STYLE}</style></head><body>"
            + "\n".join(sections) + "</body></html>")


def _heatmap(cov: Coverage) -> str:
    matrix = cov.province_matrix()
    width = LABEL_W + CELL_W * len(cov.years)
    height = HEAD_H + CELL_H * len(matrix)
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
             f"role='img' aria-label='coverage heatmap'>"]
    for i, year in enumerate(cov.years):
        parts.append(_text(LABEL_W + CELL_W * i + CELL_W / 2, HEAD_H - 8, str(year), "middle"))
    for row, (province, years) in enumerate(matrix.items()):
        y = HEAD_H + CELL_H * row
        parts.append(_text(LABEL_W - 6, y + CELL_H - 8, cov.province_name(province), "end"))
        for i, year in enumerate(cov.years):
            have, total = years[year]
            share = have / total if total else 0.0
            x = LABEL_W + CELL_W * i
            parts.append(f"<rect x='{x}' y='{y}' width='{CELL_W - 2}' height='{CELL_H - 2}' "
                         f"fill='{_colour(share)}'><title>{have}/{total}</title></rect>")
            parts.append(_text(x + CELL_W / 2, y + CELL_H - 8, f"{have}/{total}", "middle"))
    return "".join(parts) + "</svg>"


def _bars(cov: Coverage) -> str:
    per_year = {y: sum(c.get(y, 0) for c in cov.found.values()) for y in cov.years}
    top = max(per_year.values(), default=0) or 1
    width, height = BAR_W * len(cov.years) + 20, BAR_MAX_H + 40
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
             f"role='img' aria-label='reports per year'>"]
    for i, (year, count) in enumerate(per_year.items()):
        bar = BAR_MAX_H * count / top
        x, y = 10 + BAR_W * i, 20 + BAR_MAX_H - bar
        parts.append(f"<rect x='{x}' y='{y:.1f}' width='{BAR_W - 8}' height='{bar:.1f}' "
                     f"fill='#3a7bd5'><title>{year}: {count}</title></rect>")
        parts.append(_text(x + (BAR_W - 8) / 2, y - 4, str(count), "middle"))
        parts.append(_text(x + (BAR_W - 8) / 2, height - 4, str(year), "middle"))
    return "".join(parts) + "</svg>"


def _province_table(cov: Coverage) -> str:
    head = "".join(f"<th>{y}</th>" for y in cov.years)
    rows = "".join(
        f"<tr><td>{escape(cov.province_name(p))}</td>"
        + "".join(f"<td class='num'>{h}/{t}</td>" for h, t in years.values()) + "</tr>"
        for p, years in cov.province_matrix().items()
    )
    return (f"<h2>Province × report year (portals with a report / portals)</h2>"
            f"<table id='matrix'><tr><th>province</th>{head}</tr>{rows}</table>")


def _alerts(cov: Coverage) -> str:
    def names(codes: list[str]) -> str:
        return ", ".join(f"{escape(c)} {escape(cov.portals.get(c, ''))}" for c in codes) or "none"

    failing = {c: k for c, k in cov.faults.items() if k}
    rows = "".join(
        f"<tr><td>{escape(c)} {escape(cov.portals.get(c, ''))}</td><td>"
        + ", ".join(f"{escape(kind)}: {n}" for kind, n in sorted(kinds.items())) + "</td></tr>"
        for c, kinds in sorted(failing.items())
    )
    return (f"<h2>Portals to look at</h2><p class='alert'>Yielded nothing: "
            f"{names(cov.silent_portals())}</p><p class='alert'>Blocked: "
            f"{names(cov.blocked_portals())}</p><table id='faults'><tr><th>portal</th>"
            f"<th>faults in the last run</th></tr>{rows}</table>")


def _missing_table(cov: Coverage, missing: list[tuple[str, int]]) -> str:
    rows = "".join(f"<tr><td>{escape(c)}</td><td>{escape(cov.portals.get(c, ''))}</td>"
                   f"<td>{y}</td></tr>" for c, y in missing)
    return (f"<h2>Missing annual reports</h2><table id='missing-list'><tr><th>code</th>"
            f"<th>portal</th><th>report year</th></tr>{rows}</table>")


def _late_table(cov: Coverage) -> str:
    rows = "".join(
        f"<tr><td>{escape(r.portal_code)}</td><td>{escape(r.title or '')}</td>"
        f"<td>{r.report_year}</td><td>{escape(str(r.publish_date))}</td>"
        f"<td>{escape(str(r.deadline))}</td></tr>" for r in cov.late
    )
    return (f"<h2>Published after the deadline</h2><table id='late-list'><tr><th>portal</th>"
            f"<th>title</th><th>year</th><th>published</th><th>deadline</th></tr>{rows}</table>")


def _text(x: float, y: float, label: str, anchor: str) -> str:
    return (f"<text x='{x:.1f}' y='{y:.1f}' font-size='12' text-anchor='{anchor}'>"
            f"{escape(label)}</text>")


def _colour(share: float) -> str:
    """White for none through green for all."""
    shade = int(235 - 140 * share)
    return f"rgb({shade},{int(245 - 60 * share)},{shade})"


def coverage(db_url: str, out: Path, years: str | None, province: str | None = None,
             png: Path | None = None) -> None:
    """Write the coverage report of the corpus to an HTML file; with a province, one row per
    government × year coloured by panel status; with `png`, that picture as a PNG too."""
    from storage import corpus_engine
    from storage.read.coverage import coverage as read_coverage

    for path in (out, png):
        if path is not None and not path.parent.is_dir():
            raise UserError(f"output folder does not exist: {path.parent}")
    with corpus_engine(db_url) as engine:
        cov = read_coverage(engine, year_range(years))
        rows = _panel_rows(engine, cov, province) if province or png else []
    statuses = ""
    if province:
        from govcorpus.cli.holes import status_svg

        statuses = status_svg(rows)
    out.write_text(render_coverage(cov, statuses), encoding="utf-8")
    if png:
        from govcorpus.cli.holes import write_png

        governments = len({row.region_code for row in rows})
        write_png(rows, png, f"Each government's annual report by report year "
                             f"({governments} governments)")
        console.print(f"panel statuses drawn in {png}")
    console.print(f"coverage of {len(cov.portals)} portals × {len(cov.years)} report years "
                  f"written to {out}: {len(cov.missing())} missing, {len(cov.late)} late, "
                  f"{len(cov.silent_portals())} portals yielded nothing")


def _panel_rows(engine, cov: Coverage, province: str | None) -> list:
    from govcorpus.registry import Selection
    from storage.read.panel import Government, government_panel

    prefix = Selection(province=province).prefixes()[0] if province else ""
    governments = [Government(code, name) for code, name in cov.portals.items()
                   if code.startswith(prefix or "")]
    if not governments:
        raise UserError(f"no registry government in province {province!r}")
    return government_panel(engine, governments, cov.years)
