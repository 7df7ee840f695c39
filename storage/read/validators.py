"""Read-only lookups for incremental crawls: stored validators and documents per portal."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

import sqlalchemy as sa

from storage.models import Document, RememberedListPage


def present_documents(conn: sa.Connection, portal_code: str) -> list[tuple[str, str]]:
    """(url, canonical URL) of a portal's documents not known to be gone, files excluded."""
    attachment = Document.__table__.c.get("parent_url")
    query = sa.select(Document.url, Document.canonical_url).where(
        Document.portal_code == portal_code, Document.gone_since.is_(None)
    )
    if attachment is not None:
        query = query.where(attachment.is_(None))
    return [(url, canonical) for url, canonical in conn.execute(query.order_by(Document.id))]


class StoredDocument(NamedTuple):
    """What a night's crawl needs of one stored document, for revisits and conditional GETs."""

    etag: str | None
    last_modified: str | None
    body_sha256: str | None
    last_seen: datetime | None
    list_title: str | None
    gone: bool


def portal_documents(conn: sa.Connection, portal_code: str) -> dict[str, StoredDocument]:
    """Canonical URL → what is stored of each document of one portal, in one indexed query."""
    rows = conn.execute(
        sa.select(Document.canonical_url, Document.etag, Document.last_modified,
                  Document.body_sha256, Document.last_seen, Document.list_title,
                  Document.gone_since.is_not(None))
        .where(Document.portal_code == portal_code)
    )
    return {url: StoredDocument(*values) for url, *values in rows}


def stored_portals(conn: sa.Connection) -> set[str]:
    """The portals the corpus holds any document or list page of (one query for the whole
    registry)."""
    return set(conn.execute(sa.union(
        sa.select(Document.portal_code), sa.select(RememberedListPage.portal_code))).scalars())


class StoredListPage(NamedTuple):
    """A list page as last read: its validators and digest, and the spider's reading of it."""

    etag: str | None
    last_modified: str | None
    body_sha256: str
    reading: dict[str, Any]
    asked_at: datetime | None  # when the page was last asked for


def portal_list_pages(conn: sa.Connection, portal_code: str) -> dict[str, StoredListPage]:
    """Canonical URL → each list page remembered of one portal."""
    rows = conn.execute(
        sa.select(RememberedListPage.url, RememberedListPage.etag,
                  RememberedListPage.last_modified, RememberedListPage.body_sha256,
                  RememberedListPage.reading, RememberedListPage.asked_at)
        .where(RememberedListPage.portal_code == portal_code)
    )
    return {url: StoredListPage(*values) for url, *values in rows}
