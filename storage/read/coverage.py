"""Coverage of the corpus: which registry portals have annual reports for which years."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from govcorpus.fault_kinds import WAF_KINDS
from govcorpus.reports.provinces import province_code, province_name
from storage.models import CrawlRun, Document, Fault, Portal

GOVERNMENT_DEADLINE = (3, 31)  # article 49: governments report by 31 March of the next year
DEPARTMENT_DEADLINE = (1, 31)  # departments by 31 January


@dataclass(frozen=True)
class LateReport:
    doc_id: str
    portal_code: str
    title: str | None
    report_year: int
    publish_date: str
    deadline: str


@dataclass
class Coverage:
    """Found and missing annual reports by portal, province and report year."""

    years: list[int]
    portals: dict[str, str]  # region code -> name
    found: dict[str, dict[int, int]] = field(default_factory=dict)  # code -> year -> reports
    late: list[LateReport] = field(default_factory=list)
    faults: dict[str, Counter] = field(default_factory=dict)  # code -> kind -> count
    documents: Counter = field(default_factory=Counter)  # code -> documents of any kind

    def missing(self) -> list[tuple[str, int]]:
        """(portal, year) pairs with no annual report stored."""
        return [(code, year) for code in sorted(self.portals) for year in self.years
                if not self.found.get(code, {}).get(year)]

    def province_matrix(self) -> dict[str, dict[int, tuple[int, int]]]:
        """province code -> year -> (portals with a report, portals in the registry)."""
        matrix: dict[str, dict[int, list[int]]] = defaultdict(
            lambda: {y: [0, 0] for y in self.years}
        )
        for code in self.portals:
            for year in self.years:
                cell = matrix[province_code(code)][year]
                cell[0] += bool(self.found.get(code, {}).get(year))
                cell[1] += 1
        return {p: {y: (c[0], c[1]) for y, c in row.items()} for p, row in sorted(matrix.items())}

    def silent_portals(self) -> list[str]:
        """Registry portals the crawls stored nothing from: an alert, not a success."""
        return [code for code in sorted(self.portals) if not self.documents.get(code)]

    def blocked_portals(self) -> list[str]:
        """Portals that answered with a WAF challenge (HTTP 412 or 521)."""
        return [code for code, kinds in sorted(self.faults.items())
                if any(kinds.get(kind) for kind in WAF_KINDS)]

    @staticmethod
    def province_name(code: str) -> str:
        return province_name(code)


def coverage(engine: sa.Engine, years: list[int] | None = None) -> Coverage:
    """Read the registry and the stored reports into a Coverage."""
    with engine.connect() as conn:
        portals = dict(conn.execute(sa.select(Portal.region_code, Portal.name)).all())
        reports = conn.execute(
            sa.select(Document.doc_id, Document.portal_code, Document.title, Document.report_year,
                      Document.publish_date, Document.body_type)
            .where(Document.is_annual_report, Document.report_year.is_not(None))
        ).all()
        per_portal = dict(conn.execute(
            sa.select(Document.portal_code, sa.func.count()).group_by(Document.portal_code)
        ).all())
        faults = conn.execute(
            sa.select(Fault.portal_code, Fault.kind, sa.func.count())
            .where(Fault.run_id == _last_run(conn)).group_by(Fault.portal_code, Fault.kind)
        ).all()
    years = years or sorted({r.report_year for r in reports}) or [date.today().year - 1]
    result = Coverage(years=years, portals=portals, documents=Counter(per_portal))
    for report in reports:
        counts = result.found.setdefault(report.portal_code, {})
        counts[report.report_year] = counts.get(report.report_year, 0) + 1
        late = _lateness(report)
        if late:
            result.late.append(late)
    for code, kind, count in faults:
        result.faults.setdefault(code, Counter())[kind] += count
    return result


def _last_run(conn: sa.Connection) -> int | None:
    return conn.execute(sa.select(sa.func.max(CrawlRun.id))).scalar_one()


def _lateness(report: sa.Row) -> LateReport | None:
    if not report.publish_date:
        return None
    month, day = DEPARTMENT_DEADLINE if report.body_type == "department" else GOVERNMENT_DEADLINE
    deadline = date(report.report_year + 1, month, day).isoformat()
    if report.publish_date <= deadline:
        return None
    return LateReport(report.doc_id, report.portal_code, report.title, report.report_year,
                      report.publish_date, deadline)
