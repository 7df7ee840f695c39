"""Re-sign near-duplicate signatures: MinHash now comes from rensa, not datasketch.

A signature made by one never matches one made by the other, so every stored signature and
its LSH band hashes are computed again from the document's latest normalised text.

Frozen: the signature below is the scheme as it stood at this revision (5-character shingles
without white space, 128 rensa permutations with seed 1, 32 bands of 4 rows, texts of 200
characters or more), written out here so that later changes to the live code cannot change
what this migration does.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

import hashlib
import re
import struct

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
BLANKS = re.compile(r"\s+")


def _signature_0006(text: str | None) -> tuple[bytes, list[int]] | None:
    """The signature bytes and band hashes of a text, or None when it is under 200 characters."""
    from rensa import RMinHash

    folded = BLANKS.sub("", text or "")
    if len(folded) < 200:
        return None
    minhash = RMinHash(num_perm=128, seed=1)
    minhash.update(list({folded[i:i + 5] for i in range(len(folded) - 4)}))
    raw = struct.pack("<128I", *minhash.digest())
    bands = [int.from_bytes(hashlib.blake2b(raw[i:i + 16], digest_size=8).digest(), "little") >> 1
             for i in range(0, 512, 16)]
    return raw, bands


def upgrade() -> None:
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
            signed = _signature_0006(texts.get(doc_id))
            if signed is None:
                continue
            raw, band_hashes = signed
            conn.execute(sa.insert(signatures), {"document_id": doc_id, "signature": raw})
            if doc_id in banded:
                conn.execute(sa.insert(bands), [
                    {"document_id": doc_id, "band": band, "hash": value}
                    for band, value in enumerate(band_hashes)])


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
