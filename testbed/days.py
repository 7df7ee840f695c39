"""Testbed days: what changes on a portal from one night to the next, deterministically.

Day 1 is the plan as built. Each later day d edits every portal once more, the edits of
earlier days staying in force:

- a new report is published at the head of the first column;
- one report's text is corrected (a sentence is added after its key phrase);
- one page changes template only (a new stylesheet and comment; the text is the same);
- one document is taken down (its URL answers 404);
- one document is taken down by redirecting its URL to the portal's home page.

Removed and redirected documents drop out of their lists. Pages carry an ETag (a digest of
their bytes) and a Last-Modified date (2026-01-d for the day the page last changed) and
answer 304 to a matching If-None-Match, or else to an If-Modified-Since not before it.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime

from testbed.chrome import Page
from testbed.plan import (
    Column,
    Item,
    PortalPlan,
    _detail_path,
    _report_title,
    text_values,
)
from testbed.regions import portal_units
from testbed.reports import body_template, render, template_for

FIRST_NIGHT = date(2026, 1, 1)  # day d is served as if last changed on 2026-01-d
CORRECTION = "（{d}日更正：本报告第{n}项数据经核实后予以更正。）"
TEMPLATE_MARK = '<link rel="stylesheet" href="/css/v{d}.css" /><!-- 模板更新 {d} -->'
NEW_REPORT_YEAR = 2025


@dataclass
class DayEdits:
    """The edits in force on one portal on a given day, by document URL path."""

    day: int = 1
    corrected: dict[str, int] = field(default_factory=dict)  # path → day of the correction
    retemplated: dict[str, int] = field(default_factory=dict)  # path → day of the new template
    added: dict[str, int] = field(default_factory=dict)  # path → day it was published
    removed: dict[str, int] = field(default_factory=dict)  # path → day it started to 404
    redirected: dict[str, int] = field(default_factory=dict)  # path → day it started to redirect

    def changed_on(self, path: str) -> int:
        """The last day the page at `path` changed (1 for an untouched document)."""
        return max(self.corrected.get(path, 1), self.retemplated.get(path, 1),
                   self.added.get(path, 1))


def apply_days(plan: PortalPlan, day: int, seed: int) -> tuple[PortalPlan, DayEdits]:
    """The plan as it stands on `day`, and the edits that made it so."""
    edits = DayEdits(day=day)
    for d in range(2, day + 1):
        plan = _one_night(plan, d, seed, edits)
    return plan, edits


def _one_night(plan: PortalPlan, d: int, seed: int, edits: DayEdits) -> PortalPlan:
    rng = random.Random(f"{seed}/{plan.spec.region_code}/day{d}")
    fresh = _new_report(plan, d, rng)
    edits.added[fresh.url_path] = d
    touched = set(edits.corrected) | set(edits.retemplated) | set(edits.added)
    pool = [item for item in plan.items() if item.url_path not in touched]
    reports = [item for item in pool if item.is_report]
    if reports:
        edits.corrected[rng.choice(reports).url_path] = d
    pool = [item for item in pool if item.url_path not in edits.corrected]
    for target in (edits.retemplated, edits.removed, edits.redirected):
        if pool:
            item = pool.pop(rng.randrange(len(pool)))
            target[item.url_path] = d
    gone = set(edits.removed) | set(edits.redirected)
    columns = tuple(
        replace(column, items=tuple(
            ([fresh] if column.index == 0 else [])
            + [item for item in column.items if item.url_path not in gone]
        ))
        for column in plan.columns
    )
    return replace(plan, columns=columns)


def _new_report(plan: PortalPlan, d: int, rng: random.Random) -> Item:
    """A report published on night d: a body that has not reported on the year before."""
    column: Column = plan.columns[0]
    used = {(item.unit.slug, item.year) for item in plan.items() if item.is_report}
    units = [column.unit] if plan.spec.style == "xxgk" else portal_units(plan.spec)
    unit, year = column.unit, NEW_REPORT_YEAR
    for candidate in units:
        for y in range(NEW_REPORT_YEAR, 2007, -1):
            if (candidate.slug, y) not in used:
                unit, year = candidate, y
                break
        else:
            continue
        break
    donor = column.items[0]
    pick = rng.randrange(1 << 30)
    template = template_for(year, pick)
    values = text_values(plan.spec, unit.name, year, pick)
    published = date(FIRST_NIGHT.year, FIRST_NIGHT.month, d)
    doc_id = max(item.doc_id for item in plan.items()) + 7
    draft = _Draft(column.index, published)
    return replace(
        donor, serial=100_000 + d, kind="report", template=template, unit=unit, year=year,
        published=published, time="09:30", doc_id=doc_id, variant="utf8", pick=pick,
        title=_report_title(unit.name, year, pick), phrase=render(body_template(template).phrase,
                                                                  values),
        url_path=_detail_path(plan.spec, draft, doc_id), source=unit.name,
    )


@dataclass(frozen=True)
class _Draft:
    column: int
    published: date


def moved_to(edits: DayEdits | None, path_and_query: str, home: str) -> str | None:
    """Where a redirected document now sends its readers, or None."""
    return home if edits is not None and path_and_query in edits.redirected else None


def is_removed(edits: DayEdits | None, path_and_query: str) -> bool:
    return edits is not None and path_and_query in edits.removed


def edit_page(page: Page, item: Item | None, edits: DayEdits | None) -> Page:
    """A document page with the corrections and template changes in force applied."""
    if edits is None or item is None:
        return page
    text = page.text
    corrected = edits.corrected.get(item.url_path)
    if corrected is not None:
        note = CORRECTION.format(d=f"2026年1月{corrected}", n=item.pick % 9 + 1)
        text = text.replace(item.phrase, item.phrase + note, 1)
    retemplated = edits.retemplated.get(item.url_path)
    if retemplated is not None:
        text = text.replace("</head>", TEMPLATE_MARK.format(d=retemplated) + "\n</head>", 1)
    return replace(page, text=text) if text != page.text else page


def with_validators(
    status: int, headers: dict[str, str], body: bytes, changed_day: int,
    request_headers: Mapping[str, str] | None,
) -> tuple[int, dict[str, str], bytes]:
    """Add ETag and Last-Modified to a 200 answer; 304 when the client's copy is current."""
    if status != 200:
        return status, headers, body
    modified = datetime.combine(date(2026, 1, changed_day), datetime.min.time(), timezone.utc)
    etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
    headers = {**headers, "ETag": etag, "Last-Modified": format_datetime(modified, usegmt=True)}
    if request_headers is not None and _not_modified(request_headers, etag, modified):
        kept = {k: v for k, v in headers.items() if k in ("ETag", "Last-Modified")}
        return 304, {**kept, "Content-Length": "0"}, b""
    return status, headers, body


def _not_modified(request_headers: Mapping[str, str], etag: str, modified: datetime) -> bool:
    match = request_headers.get("If-None-Match")
    if match is not None:  # RFC 9110: If-None-Match wins over If-Modified-Since
        return any(tag.strip() in (etag, "*") for tag in match.split(","))
    since = request_headers.get("If-Modified-Since")
    if since is None:
        return False
    try:
        return parsedate_to_datetime(since) >= modified
    except (TypeError, ValueError):
        return False
