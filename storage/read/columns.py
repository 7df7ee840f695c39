"""The 年报 columns the corpus remembers for each portal (`portal_columns`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from storage.models import PortalColumn


@dataclass(frozen=True)
class KnownColumn:
    """A column as remembered: where, how it was found and by which links, and how it fares."""

    portal_code: str
    url: str
    how: str
    path: tuple[tuple[str, str], ...]
    found_at: datetime
    last_ok_at: datetime | None
    failed_nights: int
    last_failure: str | None
    moved_to: str | None
    list_call_method: str | None = None  # the XHR its list comes from, if a render showed one
    list_call_url: str | None = None
    list_call_form: str | None = None  # URL-encoded
    list_call_page_field: str | None = None
    size: int | None = None  # documents it listed when last read (a night's largest go first)

    @property
    def active(self) -> bool:
        return self.moved_to is None


def known_columns(engine: sa.Engine, codes: set[str] | None = None,
                  active_only: bool = False) -> list[KnownColumn]:
    """Every remembered column (of the given portals), by portal and discovery time; an empty
    list when the corpus has no such table yet (no list call or size before migrations 0013
    and 0014)."""
    table = PortalColumn.__table__
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table(table.name):
            return []
        present = {column["name"] for column in sa.inspect(conn).get_columns(table.name)}
        query = (sa.select(*[column for column in table.c if column.name in present])
                 .order_by(table.c.portal_code, table.c.found_at, table.c.id))
        if active_only:
            query = query.where(table.c.moved_to.is_(None))
        rows = conn.execute(query).mappings().all()
    return [_known(row) for row in rows if codes is None or row["portal_code"] in codes]


def remembered_columns(engine: sa.Engine) -> dict[str, list[KnownColumn]]:
    """The active columns by portal: where later nights start instead of the home page."""
    by_portal: dict[str, list[KnownColumn]] = {}
    for column in known_columns(engine, active_only=True):
        by_portal.setdefault(column.portal_code, []).append(column)
    return by_portal


def _known(row: sa.RowMapping) -> KnownColumn:
    return KnownColumn(row["portal_code"], row["url"], row["how"],
                       tuple((str(u), str(t)) for u, t in row["path"] or ()), row["found_at"],
                       row["last_ok_at"], row["failed_nights"], row["last_failure"],
                       row["moved_to"], row.get("list_call_method"), row.get("list_call_url"),
                       row.get("list_call_form"), row.get("list_call_page_field"),
                       row.get("size"))
