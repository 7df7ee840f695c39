"""The deterministic plan of every portal: its columns and documents, without rendering a page."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from testbed.encodings import variant_for
from testbed.notices import KIND_BY_KEY, KINDS, fill, notice_phrase
from testbed.regions import PortalSpec, Unit, portal_units
from testbed.reports import (
    TEMPLATE_KEYS,
    body_template,
    render,
    template_for,
    token_values,
)

FIRST_YEAR, LAST_YEAR = 2008, 2025
NOTICE_SHARE = 0.25
DOCS_PER_XXGK_COLUMN = 12
NOTICE_DAYS = (date(2012, 1, 1), date(2025, 12, 31))
PAGE_SIZES = {"trs": 10, "query": 10, "xxgk": 5}


@dataclass(frozen=True)
class TestbedDoc:
    """One document page listed in a report column, with what a correct crawl should find."""

    __test__ = False

    portal_code: str
    url_path: str
    title: str
    is_annual_report: bool
    report_year: int | None
    publish_date: str | None
    written_date: str | None
    issuing_body: str | None
    index_number: str | None
    doc_number: str | None
    phrase: str
    encoding: str | None  # None for an attachment (a file, not a decoded page)
    declared: str | None
    parent_path: str | None = None  # an attachment: the page that links it
    file_type: str | None = None  # an attachment: its type by its bytes (pdf, docx, xlsx)
    file_status: str | None = None  # an attachment: what reading it gives (ok, scanned, corrupt)


@dataclass(frozen=True)
class Item:
    """A document of the plan: what its page shows, before any HTML."""

    serial: int
    column: int
    kind: str
    template: str
    unit: Unit
    year: int
    published: date
    time: str
    doc_id: int
    variant: str
    pick: int
    title: str
    url_path: str
    phrase: str
    source: str | None
    index_number: str | None
    doc_number: str | None
    written: date | None

    @property
    def is_report(self) -> bool:
        return self.kind in ("report", "corrected")


@dataclass(frozen=True)
class Column:
    index: int
    name: str
    path: str
    unit: Unit
    items: tuple[Item, ...]


@dataclass(frozen=True)
class PortalPlan:
    spec: PortalSpec
    columns: tuple[Column, ...]
    page_size: int

    def items(self) -> list[Item]:
        return [item for column in self.columns for item in column.items]


@dataclass
class _Draft:
    column: int
    kind: str
    unit: Unit
    year: int
    published: date
    time: str


SCRIPTED = ("on_time", "late", "withheld", "department_only", "reposted", "corrected")
"""What a government's report of a scripted year is (Testbed(government_reports=…)):
published by 31 March, published in June, not published, only a department's report,
published only on another portal (the repost host's), or published then corrected."""
DEPARTMENT_UNIT = 9  # 财政局 in testbed/regions.py UNITS


def build_plan(spec: PortalSpec, docs: int, seed: int, script: Mapping[int, str] | None = None,
               reposts: Sequence[tuple[PortalSpec, int]] = ()) -> PortalPlan:
    """Columns and items of one portal; same arguments, same plan.

    A (body, year) pair has one report, so beyond about a thousand documents per portal
    (eighty bodies, eighteen years) report texts start to repeat. `script` (year → one of
    SCRIPTED) replaces the portal's random reports of those years; `reposts` are other
    governments' reports (government, year) this portal publishes too.
    """
    rng = random.Random(f"{seed}/{spec.region_code}")
    units = portal_units(spec)
    column_units = _column_units(spec, units, docs)
    drafts = _drafts(rng, spec, units, column_units, docs)
    if script or reposts:
        drafts = _scripted(drafts, units, script or {}, reposts)
    items = _finish(rng, spec, drafts)
    columns = tuple(
        Column(c, unit.name, _column_path(spec, c, unit), unit,
               tuple(sorted((i for i in items if i.column == c), key=_newest_first)))
        for c, unit in enumerate(column_units)
    )
    return PortalPlan(spec, columns, PAGE_SIZES[spec.style])


def _scripted(drafts: list[_Draft], units: list[Unit], script: Mapping[int, str],
              reposts: Sequence[tuple[PortalSpec, int]]) -> list[_Draft]:
    kept = [d for d in drafts if not (d.kind == "report" and d.year in script)]
    government, department = units[0], units[DEPARTMENT_UNIT]
    for year, what in sorted(script.items()):
        if what not in SCRIPTED:
            raise ValueError(f"scripted report {what!r}: one of {', '.join(SCRIPTED)}")
        if what in ("on_time", "corrected"):
            kept.append(_Draft(0, "report", government, year, date(year + 1, 3, 10), "09:30"))
        if what == "corrected":
            kept.append(_Draft(0, "corrected", government, year, date(year + 1, 4, 20), "10:00"))
        if what == "late":
            kept.append(_Draft(0, "report", government, year, date(year + 1, 6, 15), "09:30"))
        if what == "department_only":
            kept.append(_Draft(0, "report", department, year, date(year + 1, 1, 20), "09:30"))
    for county, year in reposts:
        unit = Unit(f"{county.name}人民政府", f"zf{county.region_code}")
        kept.append(_Draft(0, "report", unit, year, date(year + 1, 3, 20), "11:00"))
    return kept


def _newest_first(item: Item) -> tuple:
    return (-item.published.toordinal(), item.time, -item.doc_id)


def _column_units(spec: PortalSpec, units: list[Unit], docs: int) -> list[Unit]:
    if spec.style != "xxgk":
        return [units[0]]
    count = min(len(units), max(2, math.ceil(docs / DOCS_PER_XXGK_COLUMN)))
    return units[:count]


def _column_path(spec: PortalSpec, index: int, unit: Unit) -> str:
    code = spec.region_code
    if spec.style == "trs":
        return f"/{code}/zwgk/zfxxgk/zfxxgknb/"
    if spec.style == "query":
        return f"/{code}/xxgk/nb/list.jsp"
    return f"/{code}/xxgk/nb/" if index == 0 else f"/{code}/xxgk/nb/{unit.slug}/"


def _drafts(rng, spec, units, column_units, docs) -> list[_Draft]:
    drafts: list[_Draft] = []
    used_reports: set[tuple[str, int]] = set()
    used_days: set[date] = set()
    for column, unit in enumerate(column_units):
        count = len(range(column, docs, len(column_units)))
        for kind in _kinds(rng, count):
            chosen = unit if spec.style == "xxgk" else None
            if kind == "report":
                drafts.append(_report_draft(rng, column, chosen, units, used_reports))
            else:
                drafts.append(_notice_draft(rng, column, kind, chosen, spec, used_days))
    return drafts


def _kinds(rng: random.Random, count: int) -> list[str]:
    kinds = [
        "report" if rng.random() >= NOTICE_SHARE else rng.choice(KINDS).key for _ in range(count)
    ]
    if count >= 2 and "report" not in kinds:
        kinds[0] = "report"
    if count >= 2 and all(kind == "report" for kind in kinds):
        kinds[rng.randrange(1, count)] = rng.choice(KINDS).key
    return kinds


def _report_draft(rng, column, unit, units, used) -> _Draft:
    for _ in range(200):
        candidate = unit or rng.choice(units)
        year = FIRST_YEAR + int(rng.random() * (LAST_YEAR - FIRST_YEAR + 1))
        if (candidate.slug, year) not in used:
            break
    used.add((candidate.slug, year))
    deadline_month = 1 if "局" in candidate.name or "中心" in candidate.name else 3
    month = deadline_month if rng.random() < 0.7 else rng.randint(1, 6)
    published = date(year + 1, month, 1 + int(rng.random() * 28))
    return _Draft(column, "report", candidate, year, published, _clock(rng))


def _notice_draft(rng, column, kind, unit, spec, used_days) -> _Draft:
    first, last = NOTICE_DAYS
    while True:
        published = first + timedelta(days=rng.randrange((last - first).days))
        if published not in used_days:
            break
    used_days.add(published)
    notice = KIND_BY_KEY[kind]
    issuer = unit or Unit(f"{spec.name}{notice.unit_suffix}", "")
    return _Draft(column, kind, issuer, published.year + notice.year_shift, published,
                  _clock(rng))


def _clock(rng: random.Random) -> str:
    minutes = int(rng.random() * 600)
    return f"{8 + minutes // 60:02d}:{minutes % 60:02d}"


def _finish(rng, spec, drafts: list[_Draft]) -> list[Item]:
    order = sorted(range(len(drafts)), key=lambda i: (drafts[i].published, drafts[i].time, i))
    doc_ids = {}
    next_id = 40000 + rng.randrange(20000)
    for i in order:
        next_id += rng.randint(1, 40)
        doc_ids[i] = next_id
    return [_item(rng, spec, i, draft, doc_ids[i]) for i, draft in enumerate(drafts)]


def _item(rng, spec: PortalSpec, serial: int, draft: _Draft, doc_id: int) -> Item:
    pick = int(rng.random() * (1 << 30))
    values = text_values(spec, draft.unit.name, draft.year, pick)
    if draft.kind in ("report", "corrected"):
        template = template_for(draft.year, pick)
        title = _report_title(draft.unit.name, draft.year, pick)
        if draft.kind == "corrected":
            title += "（修订版）"
        phrase = render(body_template(template).phrase, values)
        doc_number = None
    else:
        template = draft.kind
        notice = KIND_BY_KEY[draft.kind]
        title = fill(notice.title, values)
        phrase = notice_phrase(draft.kind, values)
        doc_number = fill(notice.doc_number, values) if notice.doc_number else None
    source = None if pick % 7 == 3 else draft.unit.name
    written = draft.published - timedelta(days=pick % 9) if pick % 3 else None
    return Item(
        serial, draft.column, draft.kind, template, draft.unit, draft.year, draft.published,
        draft.time, doc_id, variant_for(spec.index, serial, _gbk_safe(template)), pick, title,
        _detail_path(spec, draft, doc_id), phrase, source,
        _index_number(spec, draft, pick), doc_number, written,
    )


def text_values(spec: PortalSpec, body: str, year: int, pick: int) -> dict[str, str]:
    """What the placeholders of a document's texts stand for."""
    values = token_values(body, spec.name, spec.short, spec.site_name, spec.domain, year)
    values.update({"Y": str(year), "N": str(pick % 90 + 1)})
    return values


def _report_title(body: str, year: int, pick: int) -> str:
    if year <= 2014:
        patterns = ("{B}{Y}年政府信息公开工作年度报告", "{B}{Y}年信息公开年度报告",
                    "{B}{Y}年度政府信息公开工作年度报告")
    else:
        patterns = ("{B}{Y}年度政府信息公开工作年度报告", "{B}{Y}年度政府信息公开工作年度报告",
                    "{B}{Y}年政府信息公开工作年度报告", "{B}{Y}年度政府信息公开工作报告")
    return fill(patterns[pick % len(patterns)], {"B": body, "Y": str(year)})


def _detail_path(spec: PortalSpec, draft: _Draft, doc_id: int) -> str:
    day = draft.published
    code = spec.region_code
    if spec.style == "trs":
        ext = "htm" if spec.index % 2 else "html"
        return f"/{code}/zwgk/zfxxgk/zfxxgknb/{day:%Y%m}/t{day:%Y%m%d}_{doc_id}.{ext}"
    if spec.style == "query":
        return f"/{code}/xxgk/content.jsp?id={doc_id}"
    return f"/{code}/art/{day.year}/{day.month}/{day.day}/art_{1000 + draft.column}_{doc_id}.html"


def _index_number(spec: PortalSpec, draft: _Draft, pick: int) -> str:
    year = draft.published.year
    shape = spec.index // 3 % 3
    if shape == 0:
        org = f"{int(spec.region_code) * 7 + len(draft.unit.name):09d}"[-9:]
        return f"{org}/{year}-{pick % 900000 + 100000}"
    if shape == 1:
        return f"11{spec.region_code}MB{pick % 9000000 + 1000000}X/{year}-{pick % 99999 + 1:05d}"
    return f"K{spec.region_code[:5]}-{pick % 90 + 10:04d}-{year}-{pick % 9999 + 1:04d}"


def _gbk_safe(template: str) -> bool:
    return body_template(template).gbk_safe if template in TEMPLATE_KEYS else True
