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
    its candidate lists short. A batch costs a fixed number of statements, not some per
    document. Returns how many documents were marked near-duplicates.
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
    signed = {doc_id: Signature.from_bytes(text) if isinstance(text, bytes) else signature(text)
              for doc_id, text in docs}
    signed = {doc_id: sig for doc_id, sig in sorted(signed.items()) if sig is not None}
    if signed:
        conn.execute(sa.insert(DocumentSignature), [
            {"document_id": doc_id, "signature": sig.to_bytes()} for doc_id, sig in signed.items()
        ])
    stored = _stored_candidates(conn, signed)
    roots: dict[int, tuple[Signature, int | None]] = {}  # this batch's, by id
    targets: dict[int, int | None] = {}
    for doc_id in sorted(ids):
        row = state[doc_id]
        if row.duplicate_kind == "exact":
            continue
        sig = signed.get(doc_id)
        targets[doc_id] = None if sig is None else _earliest_near(
            doc_id, sig, row.report_year, [*stored.get(doc_id, ()), *_sharing(sig, roots)])
        if targets[doc_id] is None and sig is not None:
            roots[doc_id] = (sig, row.report_year)
    if targets:
        conn.execute(
            sa.update(Document).where(Document.id == sa.bindparam("b_id"))
            .values(duplicate_of=sa.bindparam("b_target"), duplicate_kind=sa.bindparam("b_kind")),
            [{"b_id": doc_id, "b_target": target, "b_kind": "near" if target else None}
             for doc_id, target in targets.items()],
        )
    if roots:
        conn.execute(sa.insert(DocumentBand), [
            {"document_id": doc_id, "band": band, "hash": value}
            for doc_id, (sig, _) in roots.items() for band, value in enumerate(sig.bands)
        ])
    return sum(target is not None for target in targets.values())


Candidate = tuple[int, int | None, int | None, Signature]  # id, duplicate_of, year, signature


def _stored_candidates(conn: sa.Connection, signed: dict[int, Signature]
                       ) -> dict[int, list[Candidate]]:
    """For each document, the stored earlier documents sharing one of its LSH bands."""
    sharing: dict[int, set[int]] = {}
    for band in range(BANDS):  # one indexed query per band, whatever the batch size
        wanted: dict[int, list[int]] = {}
        for doc_id, sig in signed.items():
            wanted.setdefault(sig.bands[band], []).append(doc_id)
        if not wanted:
            break
        rows = conn.execute(
            sa.select(DocumentBand.document_id, DocumentBand.hash)
            .where(DocumentBand.band == band, DocumentBand.hash.in_(list(wanted)))
        )
        for other_id, value in rows:
            for doc_id in wanted[value]:
                if other_id < doc_id:
                    sharing.setdefault(doc_id, set()).add(other_id)
    others = sorted(set().union(*sharing.values())) if sharing else []
    found: dict[int, Candidate] = {}
    for start in range(0, len(others), 500):
        rows = conn.execute(
            sa.select(Document.id, Document.duplicate_of, Document.report_year,
                      DocumentSignature.signature)
            .join(DocumentSignature, DocumentSignature.document_id == Document.id)
            .where(Document.id.in_(others[start:start + 500]))
        )
        for other_id, root, year, data in rows:
            found[other_id] = (other_id, root, year, Signature.from_bytes(data))
    return {doc_id: [found[i] for i in ids if i in found] for doc_id, ids in sharing.items()}


def _sharing(sig: Signature, roots: dict[int, tuple[Signature, int | None]]) -> list[Candidate]:
    """This batch's earlier roots that share an LSH band with the signature."""
    bands = set(enumerate(sig.bands))
    return [(root_id, None, year, other) for root_id, (other, year) in roots.items()
            if bands.intersection(enumerate(other.bands))]


def _earliest_near(doc_id: int, sig: Signature, year: int | None,
                   candidates: list[Candidate]) -> int | None:
    """The earliest candidate with the same report year whose text is near this signature."""
    for other_id, root, other_year, other in sorted(candidates, key=lambda c: c[0]):
        if other_year == year and sig.similarity(other) >= THRESHOLD:
            return root if root is not None and root < doc_id else other_id
    return None
