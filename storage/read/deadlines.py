"""Who has not published last year's annual report by its deadline (article 49)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from storage.models import Document, Portal
from storage.read.coverage import DEPARTMENT_DEADLINE, GOVERNMENT_DEADLINE


@dataclass(frozen=True)
class Overdue:
    """A government (registry portal) or department with no report for `report_year`."""

    portal_code: str
    name: str
    body_type: str  # "government" or "department"
    report_year: int
    deadline: str


def overdue_reports(engine: sa.Engine, today: date) -> list[Overdue]:
    """Governments past 31 March and departments past 31 January without last year's report.

    A department is one that published the report of the year before: the corpus cannot know
    of departments that never published one.
    """
    year = today.year - 1
    with engine.connect() as conn:
        overdue = []
        deadline = date(today.year, *GOVERNMENT_DEADLINE)
        if today > deadline:
            overdue += _governments(conn, year, deadline.isoformat())
        deadline = date(today.year, *DEPARTMENT_DEADLINE)
        if today > deadline:
            overdue += _departments(conn, year, deadline.isoformat())
    return overdue


def _governments(conn: sa.Connection, year: int, deadline: str) -> list[Overdue]:
    published = sa.select(Document.portal_code).where(
        Document.is_annual_report.is_(True), Document.report_year == year,
        sa.or_(Document.body_type.is_(None), Document.body_type != "department"))
    rows = conn.execute(
        sa.select(Portal.region_code, Portal.name)
        .where(Portal.region_code.not_in(published)).order_by(Portal.region_code))
    return [Overdue(code, name, "government", year, deadline) for code, name in rows]


def _departments(conn: sa.Connection, year: int, deadline: str) -> list[Overdue]:
    def bodies(report_year: int) -> set[tuple[str, str]]:
        rows = conn.execute(
            sa.select(Document.portal_code, Document.issuing_body).distinct().where(
                Document.is_annual_report.is_(True), Document.report_year == report_year,
                Document.body_type == "department", Document.issuing_body.is_not(None)))
        return {(code, body) for code, body in rows}

    missing = sorted(bodies(year - 1) - bodies(year))
    return [Overdue(code, body, "department", year, deadline) for code, body in missing]
