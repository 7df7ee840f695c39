"""Re-sign near-duplicate signatures: MinHash now comes from rensa, not datasketch.

A signature made by one never matches one made by the other, so every stored signature and
its LSH band hashes are computed again from the document's latest normalised text.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CHUNK = 500
signatures = sa.table("document_signatures", sa.column("document_id"), sa.column("signature"))
bands = sa.table("document_bands", sa.column("document_id"), sa.column("band"), sa.column("hash"))
versions = sa.table("document_versions", sa.column("document_id"), sa.column("version"),
                    sa.column("text_normalized"))


def upgrade() -> None:
    from govcorpus.minhash import signature

    conn = op.get_bind()
    ids = conn.execute(sa.select(signatures.c.document_id).order_by("document_id")).scalars().all()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        banded = set(conn.execute(sa.select(bands.c.document_id).distinct()
                                  .where(bands.c.document_id.in_(chunk))).scalars())
        texts = _latest_texts(conn, chunk)
        conn.execute(sa.delete(bands).where(bands.c.document_id.in_(chunk)))
        conn.execute(sa.delete(signatures).where(signatures.c.document_id.in_(chunk)))
        for doc_id in chunk:
            signed = signature(texts.get(doc_id))
            if signed is None:
                continue
            conn.execute(sa.insert(signatures),
                         {"document_id": doc_id, "signature": signed.to_bytes()})
            if doc_id in banded:
                conn.execute(sa.insert(bands), [
                    {"document_id": doc_id, "band": band, "hash": value}
                    for band, value in enumerate(signed.bands)])


def _latest_texts(conn: sa.Connection, ids: list[int]) -> dict[int, str | None]:
    latest = (sa.select(versions.c.document_id, sa.func.max(versions.c.version).label("version"))
              .where(versions.c.document_id.in_(ids)).group_by(versions.c.document_id).subquery())
    rows = conn.execute(
        sa.select(versions.c.document_id, versions.c.text_normalized).join(
            latest, sa.and_(versions.c.document_id == latest.c.document_id,
                            versions.c.version == latest.c.version)))
    return {doc_id: text for doc_id, text in rows}


def downgrade() -> None:
    pass  # signatures stay rensa's: the code that reads them no longer makes the old ones
