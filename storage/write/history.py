"""Document history across nightly runs: versions, unchanged fetches, listing and takedowns.

Nothing here deletes: a document that vanishes gets `gone_since` and `gone_reason`; one that
comes back loses them; a new version is added only when the normalised text changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from storage.models import Document, DocumentVersion, UtcDateTime

DOCUMENTS = Document.__table__


@dataclass(frozen=True)
class Previous:
    """What the database held for a document before this batch."""

    id: int
    content_hash: str | None
    version: int
    chars: int = 0  # length of the stored text


def header(headers: dict[str, str] | None, name: str) -> str | None:
    """A response header by case-insensitive name."""
    lowered = name.lower()
    for key, value in (headers or {}).items():
        if key.lower() == lowered:
            return value
    return None


def validator_values(page: dict[str, Any], run_id: int | None) -> dict[str, Any]:
    """The history columns a fetched page sets on its document."""
    listed = page.get("listed", True)
    return {
        "etag": header(page.get("headers"), "ETag"),
        "last_modified": header(page.get("headers"), "Last-Modified"),
        "body_sha256": _body_sha256(page),
        "gone_since": None,
        "gone_reason": None,
        "missing_runs": 0,
        "last_listed_run_id": run_id if listed else None,
    }


def _body_sha256(page: dict[str, Any]) -> str | None:
    digest = page.get("body_sha256") or (page.get("packed") or {}).get("body_sha256")
    if digest is None and page.get("body") is not None:
        digest = hashlib.sha256(page["body"]).hexdigest()
    return digest


def upsert_set(excluded: Any) -> dict[str, Any]:
    """ON CONFLICT assignments of the history columns: an unlisted fetch keeps the listing."""
    listed = excluded.last_listed_run_id.is_not(None)
    return {
        "etag": excluded.etag,
        "last_modified": excluded.last_modified,
        "body_sha256": excluded.body_sha256,
        "gone_since": None,
        "gone_reason": None,
        "last_listed_run_id": sa.func.coalesce(
            excluded.last_listed_run_id, DOCUMENTS.c.last_listed_run_id
        ),
        "missing_runs": sa.case((listed, 0), else_=DOCUMENTS.c.missing_runs),
    }


def previous_state(conn: sa.Connection, urls: Sequence[str]) -> dict[str, Previous]:
    """The stored id, text hash, version and text length of these canonical URLs."""
    stored_text = sa.func.coalesce(Document.text_normalized, Document.text, "")
    rows = conn.execute(
        sa.select(Document.canonical_url, Document.id, Document.content_hash, Document.version,
                  sa.func.length(stored_text))
        .where(Document.canonical_url.in_(urls))
    )
    return {url: Previous(doc_id, digest, version or 1, chars or 0)
            for url, doc_id, digest, version, chars in rows}


def add_versions(
    conn: sa.Connection,
    pages: Iterable[dict[str, Any]],
    previous: dict[str, Previous],
    ids: dict[str, int],
    capture_ids: dict[str, int],
    run_id: int | None,
) -> tuple[list[int], list[int]]:
    """A version for each new document and each whose text changed; returns (new, changed) ids."""
    rows, new, changed, bumps = [], [], [], []
    for page in pages:
        url = page["canonical_url"]
        before = previous.get(url)
        if before is not None and before.content_hash == page.get("content_hash"):
            continue
        version = 1 if before is None else before.version + 1
        (new if before is None else changed).append(ids[url])
        if before is not None:
            bumps.append({"b_doc": ids[url], "b_version": version})
        rows.append({
            "document_id": ids[url], "version": version, "content_hash": page.get("content_hash"),
            "title": page.get("title"),
            "text_normalized": page.get("text_normalized") or page.get("text"),
            "fetched_at": page["fetched_at"], "run_id": run_id, "capture_id": capture_ids.get(url),
        })
    if rows:
        conn.execute(sa.insert(DocumentVersion), rows)
    if bumps:
        conn.execute(
            sa.update(DOCUMENTS).where(DOCUMENTS.c.id == sa.bindparam("b_doc"))
            .values(version=sa.bindparam("b_version")),
            bumps,
        )
    return new, changed


def touch_unchanged(conn: sa.Connection, pages: Sequence[dict[str, Any]],
                    run_id: int | None) -> int:
    """Record that unchanged pages were seen: last_seen, run, validators; no new body."""
    for listed in (True, False):
        rows = [_touch_row(page) for page in pages if page.get("listed", True) is listed]
        if not rows:
            continue
        values: dict[str, Any] = {
            "last_seen": sa.bindparam("b_seen", type_=UtcDateTime()), "last_run_id": run_id,
            "gone_since": None, "gone_reason": None,
            "etag": sa.func.coalesce(sa.bindparam("new_etag"), DOCUMENTS.c.etag),
            "last_modified": sa.func.coalesce(sa.bindparam("new_lm"), DOCUMENTS.c.last_modified),
            "list_title": sa.func.coalesce(sa.bindparam("new_title"), DOCUMENTS.c.list_title),
        }
        if listed:
            values.update(missing_runs=0, last_listed_run_id=run_id)
        conn.execute(
            sa.update(DOCUMENTS).where(DOCUMENTS.c.canonical_url == sa.bindparam("b_url"))
            .values(**values),
            rows,
        )
    return len(pages)


def _touch_row(page: dict[str, Any]) -> dict[str, Any]:
    headers = page.get("headers")
    return {"b_url": page["canonical_url"], "b_seen": page["fetched_at"],
            "new_etag": header(headers, "ETag"), "new_lm": header(headers, "Last-Modified"),
            "new_title": page.get("list_title")}


def touch_listed(conn: sa.Connection, listed: Sequence[dict[str, Any]], run_id: int | None
                 ) -> None:
    """Documents their lists still show, not fetched (not due): listed this run, nothing else.

    `last_seen` stays the last time the portal answered for the document itself.
    """
    if not listed:
        return
    conn.execute(
        sa.update(DOCUMENTS).where(DOCUMENTS.c.canonical_url == sa.bindparam("b_url"))
        .values(last_listed_run_id=run_id, missing_runs=0),
        [{"b_url": item["canonical_url"]} for item in listed],
    )


def mark_gone(conn: sa.Connection, gone: Sequence[dict[str, Any]]) -> int:
    """Documents that answered 404/410 or redirected home: gone since then (kept, not deleted)."""
    if not gone:
        return 0
    rows = [{"b_url": g["canonical_url"], "b_when": g["fetched_at"], "b_why": g["reason"]}
            for g in gone]
    result = conn.execute(
        sa.update(DOCUMENTS)
        .where(DOCUMENTS.c.canonical_url == sa.bindparam("b_url"),
               DOCUMENTS.c.gone_since.is_(None))
        .values(gone_since=sa.bindparam("b_when", type_=UtcDateTime()),
                gone_reason=sa.bindparam("b_why")),
        rows,
    )
    return max(result.rowcount, 0)


def close_listing(conn: sa.Connection, run_id: int, after_runs: int, when: datetime) -> int:
    """Count a run missed by every document its portal's lists no longer show; gone after N.

    Only portals whose lists were read this run count (a portal that failed says nothing).
    Returns how many documents became gone.
    """
    listed_portals = sa.select(DOCUMENTS.c.portal_code).where(
        DOCUMENTS.c.last_listed_run_id == run_id
    ).distinct().scalar_subquery()
    attachment = DOCUMENTS.c.get("parent_url")  # files follow their page, not a list
    missing = sa.and_(
        DOCUMENTS.c.portal_code.in_(listed_portals),
        attachment.is_(None) if attachment is not None else sa.true(),
        DOCUMENTS.c.gone_since.is_(None),
        sa.or_(DOCUMENTS.c.last_listed_run_id.is_(None),
               DOCUMENTS.c.last_listed_run_id != run_id),
    )
    conn.execute(sa.update(DOCUMENTS).where(missing)
                 .values(missing_runs=DOCUMENTS.c.missing_runs + 1))
    result = conn.execute(
        sa.update(DOCUMENTS).where(missing, DOCUMENTS.c.missing_runs >= after_runs)
        .values(gone_since=when, gone_reason="unlisted")
    )
    return max(result.rowcount, 0)


def close_stale_runs(db_url: str) -> int:
    """Mark runs still "running" as "interrupted": under the crawl lock, none can be alive."""
    from storage.engine import corpus_engine, write_transaction
    from storage.models import CrawlRun

    with corpus_engine(db_url) as engine:
        with write_transaction(engine) as conn:
            result = conn.execute(
                sa.update(CrawlRun).where(CrawlRun.status == "running")
                .values(status="interrupted")
            )
        return max(result.rowcount, 0)
