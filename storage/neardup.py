"""Near-duplicate documents: MinHash over character shingles, LSH bands kept in the database.

A document's normalised text (white space removed) is cut into overlapping shingles of
SHINGLE_CHARS characters; a MinHash of NUM_PERM permutations (rensa) estimates the Jaccard
similarity of two such sets. The signature is split into BANDS bands of ROWS values; each band
is hashed to one integer and stored in `document_bands`, so a new document finds its candidates
with one indexed query, across runs, without recomputing the corpus. A candidate counts as a
near-duplicate when the estimated similarity reaches THRESHOLD and both texts give the same
report year (or no year).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from govcorpus.minhash import (  # noqa: F401  (re-exported: the scheme is documented here)
    BANDS,
    MIN_CHARS,
    NUM_PERM,
    ROWS,
    SHINGLE_CHARS,
    THRESHOLD,
    Signature,
    band_hashes,
    shingles,
    signature,
    similarity,
)
from storage.models import Document, DocumentBand, DocumentSignature


def update_near_duplicates(conn: sa.Connection, docs: Sequence[tuple[int, str | bytes | None]],
                           ) -> int:
    """Point each (document id, new normalised text or its signature) at its earliest near copy.

    Only documents that are nobody's duplicate keep bands, so a corpus of many copies keeps
    its candidate lists short. Returns how many documents were marked near-duplicates.
    """
    ids = [doc_id for doc_id, _ in docs]
    if not ids:
        return 0
    conn.execute(sa.delete(DocumentBand).where(DocumentBand.document_id.in_(ids)))
    conn.execute(sa.delete(DocumentSignature).where(DocumentSignature.document_id.in_(ids)))
    state = {row.id: row for row in conn.execute(
        sa.select(Document.id, Document.duplicate_kind, Document.report_year)
        .where(Document.id.in_(ids))
    )}
    marked = 0
    for doc_id, text in sorted(docs, key=lambda doc: doc[0]):
        sig = Signature.from_bytes(text) if isinstance(text, bytes) else signature(text)
        row = state[doc_id]
        if sig is not None:
            conn.execute(sa.insert(DocumentSignature),
                         {"document_id": doc_id, "signature": sig.to_bytes()})
        if row.duplicate_kind == "exact":
            continue
        target = _earliest_near(conn, doc_id, sig, row.report_year) if sig is not None else None
        conn.execute(
            sa.update(Document).where(Document.id == doc_id)
            .values(duplicate_of=target, duplicate_kind="near" if target else None)
        )
        if target is None and sig is not None:
            conn.execute(sa.insert(DocumentBand), [
                {"document_id": doc_id, "band": i, "hash": h} for i, h in enumerate(sig.bands)
            ])
        marked += target is not None
    return marked


def _earliest_near(
    conn: sa.Connection, doc_id: int, sig: Signature, year: int | None
) -> int | None:
    """The earliest document with the same report year whose text is near this signature."""
    candidates = conn.execute(
        sa.select(DocumentBand.document_id).distinct()
        .where(sa.tuple_(DocumentBand.band, DocumentBand.hash).in_(list(enumerate(sig.bands))),
               DocumentBand.document_id < doc_id)
    ).scalars().all()
    if not candidates:
        return None
    rows = conn.execute(
        sa.select(Document.id, Document.duplicate_of, Document.report_year,
                  DocumentSignature.signature)
        .join(DocumentSignature, DocumentSignature.document_id == Document.id)
        .where(Document.id.in_(candidates))
        .order_by(Document.id)
    ).all()
    for other_id, root, other_year, data in rows:
        if other_year == year and sig.similarity(Signature.from_bytes(data)) >= THRESHOLD:
            return root if root is not None and root < doc_id else other_id
    return None
