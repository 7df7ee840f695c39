"""Report bodies: the real seed and 平潭 texts as templates, with body, region and year swapped."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache

from testbed.data import report_page, seed_text

TOKEN = re.compile("\x01([^\x01]+)\x01")
PLACEHOLDER = re.compile(r"\{(B|R|S|D|SITE|Y)\}")
YEAR = re.compile(r"(?<!\d)(20\d\d)(?=年)")
TRS_EDITOR = re.compile(r"<div class=TRS_Editor>(.*?)</div>\s*</div>\s*</div>", re.S)
PLAIN_PARAGRAPH = re.compile(r"<p[^>]*>([^<&]+)</p>")
SENTENCE_END = re.compile(r"(?<=[。！；])")
CLAUSE_END = re.compile(r"(?<=[,，])")
SEED_HEADER_LINES = {"001": 4, "004": 4}
BASE_YEARS = {
    "000": 2024, "001": 2020, "002": 2024, "003": 2024, "004": 2024,
    "pt2023": 2023, "pt2025": 2025,
}
PINGTAN = (
    ("平潭综合实验区管委会办公室", "{B}办公室"),
    ("平潭综合实验区党工委管委会", "{SITE}"),
    ("平潭综合实验区", "{B}"),
    ("www.pingtan.gov.cn", "{D}"),
    ("平潭", "{S}"),
)
REPLACEMENTS: dict[str, tuple[tuple[str, str], ...]] = {
    "000": (("師宗縣投資促進(jìn)局", "{B}"), ("師宗縣", "{R}"), ("師宗", "{S}")),
    "001": (("2020年我中心继续", "{Y}年{B}继续"), ("水城区", "{R}")),
    "002": (("2024年,我局在縣委縣政府", "{Y}年,{B}在縣委縣政府"), ("岳陽(yáng)縣", "{R}")),
    "003": (
        ("樟树市工信局", "{B}"), ("市工信局", "{B}"), ("www.zhangshu.gov.cn", "{D}"),
        ("樟树市", "{R}"), ("樟树", "{S}"),
    ),
    "004": (
        ("涡阳县招商服务中心", "{B}"), ("https://www.gy.gov.cn/Xxgk/", "https://{D}/xxgk/"),
        ("安徽省涡阳县", "{R}"), ("涡阳县", "{R}"), ("涡阳", "{S}"),
    ),
    "pt2023": PINGTAN,
    "pt2025": PINGTAN,
}
TEMPLATE_KEYS = tuple(BASE_YEARS)
MODERN_TEMPLATES = ("000", "002", "003", "004", "pt2023", "pt2025")


@dataclass(frozen=True)
class BodyTemplate:
    """A body with \x01-delimited tokens for body (B), region (R, S), site, domain and years."""

    key: str
    html: str
    phrase: str
    paragraphs: tuple[str, ...]
    gbk_safe: bool


def render(text: str, values: dict[str, str]) -> str:
    """Fill a tokenised text."""
    return TOKEN.sub(lambda m: values[m.group(1)], text)


def token_values(body: str, region: str, short: str, site: str, domain: str, year: int) -> dict:
    """The values the tokens of a template stand for."""
    values = {"B": body, "R": region, "S": short, "SITE": site, "D": domain}
    values.update({f"Y{shift:+d}": str(year + shift) for shift in range(-3, 2)})
    return values


def template_for(year: int, pick: int) -> str:
    """The template of a report on `year`: the 2019 format for 2019-2020, any other time else."""
    if year in (2019, 2020):
        return "001"
    if year >= 2021:
        return MODERN_TEMPLATES[pick % len(MODERN_TEMPLATES)]
    return TEMPLATE_KEYS[pick % len(TEMPLATE_KEYS)]


@cache
def body_template(key: str) -> BodyTemplate:
    """A report template, parsed and tokenised once."""
    source = _pingtan_body(key) if key.startswith("pt") else seed_html(key)
    text = _tokenise(source, REPLACEMENTS[key], BASE_YEARS[key])
    paragraphs = tuple(p.strip() for p in PLAIN_PARAGRAPH.findall(text))
    return BodyTemplate(key, text, _phrase(paragraphs), paragraphs, _gbk_safe(text))


def _pingtan_body(key: str) -> str:
    match = TRS_EDITOR.search(report_page(key))
    if match is None:
        raise ValueError(f"no TRS_Editor body in the {key} page")
    return match.group(1)


def seed_html(key: str) -> str:
    """A seed text as HTML: " | "-flattened rows become a table, other lines paragraphs."""
    lines = [line.strip() for line in seed_text(key).splitlines()]
    lines = [line for line in lines[SEED_HEADER_LINES.get(key, 0):] if line]
    parts: list[str] = []
    table: list[str] = []
    for line in lines:
        if "|" in line:
            table.append(line)
            continue
        if table:
            parts.append(_table_html(table))
            table = []
        parts.append(f"<p>{_escape(line)}</p>")
    if table:
        parts.append(_table_html(table))
    return "\n".join(parts)


def _table_html(lines: list[str]) -> str:
    rows = _table_rows(lines)
    width = max(len(row) for row in rows)
    out = ['<table border="1" cellspacing="0" cellpadding="0"><tbody>']
    for row in rows:
        cells = [f"<td>{_escape(cell)}</td>" for cell in row[:-1]]
        span = width - len(row) + 1
        last = f' colspan="{span}"' if span > 1 else ""
        cells.append(f"<td{last}>{_escape(row[-1])}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def _table_rows(lines: list[str]) -> list[list[str]]:
    """Rows of a flattened table: a line with two or more bars ends its row."""
    rows: list[list[str]] = []
    row: list[str] = []
    for line in lines:
        row += [cell.strip() for cell in line.split("|") if cell.strip()]
        if line.count("|") >= 2 and row:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    return rows or [[""]]


def _escape(text: str) -> str:
    return html.escape(text, quote=False).replace("\xa0", "&nbsp;")


def _tokenise(text: str, replacements: tuple[tuple[str, str], ...], base_year: int) -> str:
    def year_token(match: re.Match) -> str:
        shift = int(match.group(1)) - base_year
        return f"\x01Y{shift:+d}\x01" if -3 <= shift <= 1 else match.group(1)

    for old, new in replacements:
        text = text.replace(old, PLACEHOLDER.sub(lambda m: f"\x01{m.group(1)}\x01", new))
    text = YEAR.sub(year_token, text)
    return text.replace("\x01Y\x01", "\x01Y+0\x01")


def _phrase(paragraphs: tuple[str, ...]) -> str:
    """The shortest opening of a sentence naming the body and the year, else the body alone."""
    sentences = [s.strip("。！； ") for p in paragraphs for s in SENTENCE_END.split(p)]
    sentences = [s for s in sentences if len(TOKEN.sub("xxxxx", s)) >= 15]
    for wanted in (("\x01B\x01", "\x01Y+0\x01"), ("\x01B\x01",), ("\x01Y+0\x01",)):
        found = [_shortest_prefix(s, wanted) for s in sentences if all(t in s for t in wanted)]
        if found:
            return min(found, key=len)
    raise ValueError("template has no sentence naming its body or year")


def _shortest_prefix(sentence: str, wanted: tuple[str, ...]) -> str:
    """The sentence cut after the first clause that completes it (15+ characters, all tokens)."""
    prefix = ""
    for clause in CLAUSE_END.split(sentence):
        prefix += clause
        long_enough = len(TOKEN.sub("xxxxx", prefix)) >= 15
        if long_enough and all(token in prefix for token in wanted):
            return prefix.rstrip(",，")
    return sentence


def _gbk_safe(text: str) -> bool:
    try:
        TOKEN.sub("", text).encode("gbk")
    except UnicodeEncodeError:
        return False
    return True
