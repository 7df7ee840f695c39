"""Near-duplicate documents: MinHash over character shingles, LSH bands kept in the database.

A document's normalised text (white space removed) is cut into overlapping shingles of
SHINGLE_CHARS characters; a MinHash of NUM_PERM permutations (datasketch) estimates the Jaccard
similarity of two such sets. The signature is split into BANDS bands of ROWS values; each band
is hashed to one integer and stored in `document_bands`, so a new document finds its candidates
with one indexed query, across runs, without recomputing the corpus. A candidate counts as a
near-duplicate when the estimated similarity reaches THRESHOLD and both texts give the same
report year (or no year).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import sqlalchemy as sa

from storage.models import Document, DocumentBand, DocumentSignature

SHINGLE_CHARS = 5
NUM_PERM = 128
BANDS, ROWS = 32, 4  # 32 × 4 = 128: a pair at 0.6 is a candidate 99% of the time
THRESHOLD = 0.6  # real pairs measured 0.69–0.97, real non-pairs at most 0.29 (tests)
MIN_CHARS = 200  # shorter texts (stubs, one-line notices) are not compared
SEED = 1
SCHEME = "affine32"  # pinned: stored signatures of another scheme would not compare
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Signature:
    """The MinHash values of one text and its LSH band hashes."""

    values: np.ndarray

    @property
    def bands(self) -> list[int]:
        return band_hashes(self.values)

    def to_bytes(self) -> bytes:
        return self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        return cls(np.frombuffer(data, dtype="<u4"))

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two shingle sets."""
        return float(np.count_nonzero(self.values == other.values)) / len(self.values)


def shingles(text: str, size: int = SHINGLE_CHARS) -> set[str]:
    """Overlapping character shingles of the text with white space removed."""
    folded = WHITESPACE.sub("", text)
    if len(folded) <= size:
        return {folded} if folded else set()
    return {folded[i:i + size] for i in range(len(folded) - size + 1)}


def signature(text: str | None) -> Signature | None:
    """The MinHash of a text, or None when it is too short to compare."""
    if not text or len(WHITESPACE.sub("", text)) < MIN_CHARS:
        return None
    minhash = _minhash()
    minhash.update_batch(s.encode("utf-8") for s in shingles(text))
    return Signature(np.asarray(minhash.hashvalues, dtype=np.uint32))


def similarity(first: str, second: str) -> float:
    """Estimated similarity of two texts (0 when either is too short)."""
    a, b = signature(first), signature(second)
    return a.similarity(b) if a is not None and b is not None else 0.0


def band_hashes(values: np.ndarray) -> list[int]:
    """One signed 63-bit integer per band, stable across processes and databases."""
    raw = values.astype("<u4").tobytes()
    step = ROWS * 4
    return [
        int.from_bytes(hashlib.blake2b(raw[i:i + step], digest_size=8).digest(), "little") >> 1
        for i in range(0, BANDS * step, step)
    ]


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def _minhash():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_permutations(), scheme=SCHEME)


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
