"""Attachments in the corpus: a file's document takes what it lacks from its parent page."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm

from storage.models import Document

INHERITED_FIELDS: tuple[str, ...] = (
    "title", "issuing_body", "publish_date", "written_date", "doc_number", "region_code",
    "region_name", "body_type",
)
"""Metadata an attachment takes from the page linking it when the file itself has none."""


def keep_parent(excluded: Any) -> dict[str, Any]:
    """ON CONFLICT assignment: a refetch that does not know a file's parent keeps the stored one.

    A file rechecked on its own (its page unchanged, not re-read) arrives without `parent_url`.
    """
    table = Document.__table__
    return {"parent_url": sa.func.coalesce(excluded.parent_url, table.c.parent_url)}


def inherit_from_parents(conn: sa.Connection, canonical_urls: Collection[str]) -> None:
    """Fill the empty metadata of attachments among, or linked from, these documents.

    A field the file only guessed from its own title gives way to what its page shows; each
    inherited field's source becomes "parent".
    """
    if not canonical_urls:
        return
    parent = sa.orm.aliased(Document)
    urls = list(canonical_urls)
    own = [getattr(Document, name) for name in INHERITED_FIELDS]
    theirs = [getattr(parent, name).label(f"parent_{name}") for name in INHERITED_FIELDS]
    rows = conn.execute(
        sa.select(Document.id, Document.field_sources, *own, parent.field_sources.label(
            "parent_sources"), *theirs)
        .join(parent, parent.canonical_url == Document.parent_url)
        .where(sa.or_(Document.canonical_url.in_(urls), Document.parent_url.in_(urls)))
    ).mappings().all()
    updates = [update for row in rows if (update := _inherited(row)) is not None]
    if updates:
        conn.execute(
            sa.update(Document).where(Document.id == sa.bindparam("b_id"))
            .values({name: sa.bindparam(f"b_{name}") for name in (*INHERITED_FIELDS,
                                                                   "field_sources")})
            .execution_options(synchronize_session=False),
            updates,
        )


def _inherited(row: sa.RowMapping) -> dict[str, Any] | None:
    """The attachment's fields after inheriting from its parent, or None when nothing changes."""
    sources = dict(row["field_sources"] or {})
    parent_sources = row["parent_sources"] or {}
    values = {name: row[name] for name in INHERITED_FIELDS}
    changed = False
    for name in INHERITED_FIELDS:
        offered = row[f"parent_{name}"]
        guessed = sources.get(name) == "title" and parent_sources.get(name) not in (None, "title")
        if offered is not None and (values[name] is None or guessed):
            changed = changed or (values[name], sources.get(name)) != (offered, "parent")
            values[name], sources[name] = offered, "parent"
    if not changed:
        return None
    return {"b_id": row["id"], "b_field_sources": sources,
            **{f"b_{name}": value for name, value in values.items()}}


def attachment_counts(engine: sa.Engine) -> dict[str, dict[str, int]]:
    """Stored attachments by file type and by reading status ("ok", "scanned", "corrupt"…)."""
    is_file = sa.or_(Document.parent_url.is_not(None), Document.attachment_status.is_not(None))
    counts: dict[str, dict[str, int]] = {"type": {}, "status": {}}
    with engine.connect() as conn:
        for column, key in ((Document.content_type, "type"),
                            (Document.attachment_status, "status")):
            rows = conn.execute(
                sa.select(column, sa.func.count()).where(is_file).group_by(column)
            )
            counts[key] = {str(value): n for value, n in rows}
    return counts


def describe_attachments(counts: dict[str, dict[str, int]]) -> str:
    """One line: "21 files (pdf 12, docx 6, xlsx 3); ok 15, scanned 3, corrupt 3"."""
    total = sum(counts["type"].values())
    if not total:
        return "no attachments"
    types = ", ".join(f"{k} {v}" for k, v in sorted(counts["type"].items()))
    statuses = ", ".join(f"{k} {v}" for k, v in sorted(counts["status"].items()))
    return f"{total} files ({types}); {statuses}"
