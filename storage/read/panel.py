"""The research panel: one row per government (or department) and report year.

Every rule that decides which stored document is *the* report of a government and year, and
what a row without one means, lives in this module; the panel's datasheet
(storage/export/panel.py) quotes `RULES`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from govcorpus.codes import CodeHistory, code_history
from storage.models import Document, PortalHealth
from storage.read.coverage import DEPARTMENT_DEADLINE, GOVERNMENT_DEADLINE

STATUSES = ("found", "late", "elsewhere", "department_only", "missing", "portal_failing",
            "not_crawled")
"""Row statuses; `missing` is a hole in publication, `portal_failing` and `not_crawled` holes
in the crawl."""
CRAWL_HOLES = frozenset({"portal_failing", "not_crawled"})
FAILING_NIGHTS = frozenset({"failing", "blocked"})
CORRECTED = re.compile(r"更正|修订|修正|勘误")
TOWNSHIP = re.compile(r"(?:镇|乡|街道|苏木|办事处)(?:人民)?政府|街道办|办事处")

RULES = """\
- **Candidates.** The annual reports (`is_annual_report`) of the report year whose
  `region_code_current` is the government's current code. A government's *own* report is one
  whose `body_type` is `government` and whose issuing body (else title) names no town, township
  or 街道 (镇/乡/街道/苏木/办事处 … 政府); departments' and towns' reports are the others. In the
  department panel, a body is a (`region_code_current`, `issuing_body`) pair of department
  reports.
- **Status**, first rule that holds:
  1. `found`: own reports on the government's own portal, the earliest published by the
     deadline (article 49: 31 March of the next year; departments 31 January), or undated;
  2. `late`: the same, the earliest published after the deadline;
  3. `elsewhere`: own reports only on other portals (reposted by the prefecture, say);
  4. `department_only`: no own report, but departments' or towns' reports of that year;
  5. `portal_failing`: nothing, and the portal's latest recorded night was `failing` or
     `blocked`, or listed nothing with errors: a hole in the crawl;
  6. `not_crawled`: nothing, and no night of the portal is recorded: a hole in the crawl;
  7. `missing`: nothing, the portal crawled fine: a hole in publication.
- **Choice** among several candidates (own portal first), in order:
  `only_candidate`; `corrected` (a title saying 更正, 修订, 修正 or 勘误 over the original,
  the latest such); `longest_duplicate` (all candidates the same text, stored as duplicates
  of one another: the longest text); `latest` (different texts: the latest published, then
  the longest). `candidates` counts them all.
- **Regions.** `region_code` is the registry's (current) code, `region_code_in_force` the
  code the same division had in the report year (the shipped GB/T 2260 code history), so a
  re-coded county keeps one line through time.
"""


@dataclass(frozen=True)
class Government:
    """A registry row: current code and name."""

    code: str
    name: str


@dataclass(frozen=True)
class Candidate:
    id: int
    doc_id: str
    portal_code: str
    issuing_body: str | None
    title: str | None
    body_type: str | None
    publish_date: str | None
    text_length: int
    duplicate_group: int  # its own id, or the id of the document it duplicates

    @property
    def corrected(self) -> bool:
        return bool(CORRECTED.search(self.title or ""))

    @property
    def own(self) -> bool:
        issuer = self.issuing_body or self.title or ""
        return self.body_type == "government" and not TOWNSHIP.search(issuer)


@dataclass
class PanelRow:
    """One government (or department) and report year."""

    region_code: str
    region_name: str
    report_year: int
    status: str
    body: str | None = None  # the department panel's issuing body
    chosen: Candidate | None = None
    choice: str | None = None
    candidates: int = 0
    deadline: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def hole(self) -> str | None:
        """`publication` or `crawl` for a row without a report, else None."""
        if self.status in CRAWL_HOLES:
            return "crawl"
        return "publication" if self.status in ("missing", "department_only") else None


def choose(candidates: list[Candidate]) -> tuple[Candidate, str]:
    """The report among several candidates of one government and year, and why."""
    if len(candidates) == 1:
        return candidates[0], "only_candidate"
    corrected = [c for c in candidates if c.corrected]
    if corrected and len(corrected) < len(candidates):
        return max(corrected, key=_recency), "corrected"
    if len({c.duplicate_group for c in candidates}) == 1:
        return max(candidates, key=lambda c: (c.text_length, c.doc_id)), "longest_duplicate"
    return max(candidates, key=_recency), "latest"


def _recency(candidate: Candidate) -> tuple:
    return (candidate.publish_date or "", candidate.text_length, candidate.doc_id)


def deadline(year: int, department: bool = False) -> str:
    month, day = DEPARTMENT_DEADLINE if department else GOVERNMENT_DEADLINE
    return date(year + 1, month, day).isoformat()


def government_row(gov: Government, year: int, reports: list[Candidate],
                   night: str | None) -> PanelRow:
    """Status and chosen report of one government and year; `night` is its portal's latest
    night as `ok`, `hole` (failing, blocked, or nothing listed with errors) or None."""
    row = PanelRow(gov.code, gov.name, year, "missing", deadline=deadline(year))
    own = [c for c in reports if c.own]
    at_home = [c for c in own if c.portal_code == gov.code]
    pool = at_home or own
    if pool:
        row.chosen, row.choice = choose(pool)
        row.candidates = len(pool)
        if not at_home:
            row.status = "elsewhere"
        else:
            row.status = "late" if _earliest(pool) > row.deadline else "found"
    elif reports:
        row.status = "department_only"
    elif night is None:
        row.status = "not_crawled"
    elif night == "hole":
        row.status = "portal_failing"
    return row


def department_row(code: str, name: str, body: str, year: int, reports: list[Candidate],
                   night: str | None) -> PanelRow:
    """Status and chosen report of one department (issuing body) and year."""
    row = PanelRow(code, name, year, "missing", body=body, deadline=deadline(year, True))
    if reports:
        row.chosen, row.choice = choose(reports)
        row.candidates = len(reports)
        row.status = "late" if _earliest(reports) > row.deadline else "found"
    elif night is None:
        row.status = "not_crawled"
    elif night == "hole":
        row.status = "portal_failing"
    return row


def _earliest(candidates: Iterable[Candidate]) -> str:
    dates = [c.publish_date for c in candidates if c.publish_date]
    return min(dates) if dates else ""


def read_candidates(conn: sa.Connection, years: list[int] | None = None
                    ) -> dict[tuple[str, int], list[Candidate]]:
    """Every annual report by (current region code, report year)."""
    stmt = sa.select(
        Document.id, Document.doc_id, Document.portal_code, Document.issuing_body,
        Document.title, Document.body_type, Document.publish_date,
        sa.func.coalesce(sa.func.length(Document.text), 0).label("text_length"),
        sa.func.coalesce(Document.duplicate_of, Document.id).label("duplicate_group"),
        Document.region_code_current,
        Document.report_year,
    ).where(Document.is_annual_report.is_(True), Document.report_year.is_not(None),
            Document.parent_url.is_(None))
    if years:
        stmt = stmt.where(Document.report_year.in_(years))
    found: dict[tuple[str, int], list[Candidate]] = defaultdict(list)
    for row in conn.execute(stmt.order_by(Document.id)):
        values = row._mapping
        key = (values["region_code_current"] or values["portal_code"], values["report_year"])
        found[key].append(Candidate(**{k: values[k] for k in Candidate.__dataclass_fields__}))
    return found


def latest_nights(conn: sa.Connection) -> dict[str, str]:
    """Each portal's latest recorded night: `hole` or `ok`."""
    if not sa.inspect(conn).has_table(PortalHealth.__tablename__):
        return {}
    latest = (sa.select(PortalHealth.portal_code, sa.func.max(PortalHealth.run_id).label("run"))
              .group_by(PortalHealth.portal_code).subquery())
    rows = conn.execute(
        sa.select(PortalHealth.portal_code, PortalHealth.status, PortalHealth.listed,
                  PortalHealth.errors)
        .join(latest, sa.and_(latest.c.portal_code == PortalHealth.portal_code,
                              latest.c.run == PortalHealth.run_id)))
    return {code: "hole" if status in FAILING_NIGHTS or (listed == 0 and errors) else "ok"
            for code, status, listed, errors in rows}


def report_years(found: dict[tuple[str, int], list[Candidate]]) -> list[int]:
    return sorted({year for _, year in found})


def government_panel(engine: sa.Engine, governments: list[Government],
                     years: list[int] | None = None) -> list[PanelRow]:
    """One row per government and year, governments in code order."""
    with engine.connect() as conn:
        found = read_candidates(conn, years)
        nights = latest_nights(conn)
    years = years or report_years(found)
    history = code_history()
    rows = []
    for gov in sorted(governments, key=lambda g: g.code):
        for year in years:
            row = government_row(gov, year, found.get((gov.code, year), []), nights.get(gov.code))
            _add_region(row, history)
            rows.append(row)
    return rows


def department_panel(engine: sa.Engine, governments: list[Government],
                     years: list[int] | None = None) -> list[PanelRow]:
    """One row per department (issuing body of department reports) and year."""
    with engine.connect() as conn:
        found = read_candidates(conn, years)
        nights = latest_nights(conn)
    years = years or report_years(found)
    names = {gov.code: gov.name for gov in governments}
    bodies: dict[tuple[str, str], dict[int, list[Candidate]]] = defaultdict(dict)
    for (code, year), candidates in found.items():
        for c in candidates:
            if code in names and c.body_type == "department" and c.issuing_body:
                bodies[(code, c.issuing_body)].setdefault(year, []).append(c)
    history = code_history()
    rows = []
    for (code, body), by_year in sorted(bodies.items()):
        for year in years:
            row = department_row(code, names[code], body, year, by_year.get(year, []),
                                 nights.get(code))
            _add_region(row, history)
            rows.append(row)
    return rows


def _add_region(row: PanelRow, history: CodeHistory) -> None:
    in_force = history.in_force(row.region_code, row.report_year) or row.region_code
    row.extra["region_code_in_force"] = in_force
    row.extra["region_name_in_force"] = history.name(in_force, row.report_year) or row.region_name
