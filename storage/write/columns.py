"""The remembered 年报 columns of each portal (`portal_columns`), updated from a night's events,
and the list pages read anew or asked again (`list_pages`).

`found`: a walk reached the column; it is (again) active, with how and by which links.
`ok`: a remembered column read fine; its failures are forgotten.
Both carry the column's size when the page gave one: the documents it lists.
`failed`: a remembered column answered 404/410, redirected home or listed nothing; one more
night of failure. `moved`: a walk found another column in place of this failing one.
`list_call`: the XHR the column's list comes from (method, URL, form, page field), or none.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from storage.engine import upsert_replacing
from storage.models import PortalColumn, RememberedListPage, utc_now


def remember_columns(conn: sa.Connection, events: Iterable[dict[str, Any]]) -> None:
    """Apply the night's column events in order."""
    for event in events:
        at: datetime = event.get("at") or utc_now()
        key = ((PortalColumn.portal_code == event["portal_code"])
               & (PortalColumn.url == event["url"]))
        if event["event"] == "found":
            _found(conn, event, key, at)
        elif event["event"] == "ok":
            conn.execute(sa.update(PortalColumn).where(key).values(
                failed_nights=0, last_ok_at=at, last_failure=None, **_size(event)))
        elif event["event"] == "failed":
            conn.execute(sa.update(PortalColumn).where(key).values(
                failed_nights=PortalColumn.failed_nights + 1, last_failure=event.get("detail")))
        elif event["event"] == "moved":
            conn.execute(sa.update(PortalColumn).where(key).values(
                moved_to=event.get("detail"), moved_at=at))
        elif event["event"] == "list_call":
            call = event.get("list_call") or {}
            conn.execute(sa.update(PortalColumn).where(key).values(
                list_call_method=call.get("method"), list_call_url=call.get("url"),
                list_call_form=call.get("form"), list_call_page_field=call.get("page_field")))


def _found(conn: sa.Connection, event: dict[str, Any], key: Any, at: datetime) -> None:
    values = {"how": event.get("how") or "link_text",
              "path": [list(step) for step in event.get("path") or ()],
              "last_ok_at": at, "failed_nights": 0, "last_failure": None,
              "moved_to": None, "moved_at": None, **_size(event)}
    if conn.execute(sa.update(PortalColumn).where(key).values(**values)).rowcount:
        return
    conn.execute(sa.insert(PortalColumn).values(
        portal_code=event["portal_code"], url=event["url"], found_at=at,
        found_run_id=event.get("run_id"), **values))


def _size(event: dict[str, Any]) -> dict[str, int]:
    """The column's size when the night measured one (an unknown size keeps the last)."""
    return {} if event.get("size") is None else {"size": event["size"]}


LIST_PAGE_FIELDS = ("portal_code", "etag", "last_modified", "body_sha256", "reading", "read_at",
                    "asked_at")


def remember_list_pages(conn: sa.Connection, pages: Iterable[dict[str, Any]]) -> None:
    """Keep each list page's latest reading (a page read twice in a batch: the later one)."""
    latest = {page["url"]: page for page in pages}
    if not latest:
        return
    conn.execute(upsert_replacing(conn, RememberedListPage.__table__, "url", LIST_PAGE_FIELDS),
                 [{"url": url, **{name: page.get(name) for name in LIST_PAGE_FIELDS}}
                  for url, page in latest.items()])


def note_list_pages_asked(conn: sa.Connection, asked: Iterable[dict[str, Any]]) -> None:
    """When each list page answered unchanged was asked for (a page not stored: nothing)."""
    latest = {page["url"]: page["asked_at"] for page in asked}
    if not latest:
        return
    table = RememberedListPage.__table__
    conn.execute(sa.update(table).where(table.c.url == sa.bindparam("page_url"))
                 .values(asked_at=sa.bindparam("page_asked_at")),
                 [{"page_url": url, "page_asked_at": at} for url, at in latest.items()])
