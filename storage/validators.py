"""Read-only lookups for incremental crawls: stored validators and documents per portal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from storage.models import Document


@dataclass(frozen=True)
class Validators:
    """What a conditional request of a stored document needs."""

    etag: str | None
    last_modified: str | None
    body_sha256: str | None


def portal_validators(conn: sa.Connection, portal_code: str) -> dict[str, Validators]:
    """Canonical URL → validators of every stored document of one portal (indexed lookup)."""
    rows = conn.execute(
        sa.select(Document.canonical_url, Document.etag, Document.last_modified,
                  Document.body_sha256)
        .where(Document.portal_code == portal_code)
    )
    return {url: Validators(etag, modified, digest) for url, etag, modified, digest in rows}


def present_documents(conn: sa.Connection, portal_code: str) -> list[tuple[str, str]]:
    """(url, canonical URL) of a portal's documents not known to be gone, files excluded."""
    attachment = Document.__table__.c.get("parent_url")
    query = sa.select(Document.url, Document.canonical_url).where(
        Document.portal_code == portal_code, Document.gone_since.is_(None)
    )
    if attachment is not None:
        query = query.where(attachment.is_(None))
    return [(url, canonical) for url, canonical in conn.execute(query.order_by(Document.id))]


def portal_revisits(conn: sa.Connection, portal_code: str
                    ) -> dict[str, tuple[datetime, str | None]]:
    """Canonical URL → (last answer from the portal, list title) of a portal's present documents."""
    rows = conn.execute(
        sa.select(Document.canonical_url, Document.last_seen, Document.list_title)
        .where(Document.portal_code == portal_code, Document.gone_since.is_(None))
    )
    return {url: (seen, title) for url, seen, title in rows}  # aware UTC (UtcDateTime)
