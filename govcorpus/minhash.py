"""MinHash signatures of texts: character shingles, permutations, LSH band hashes.

Pure computation, used by the dedupe stage in worker processes; storage/write/neardup.py keeps the
band hashes in the database and finds near-duplicates with them (its docstring explains the
scheme and the threshold).
"""

from __future__ import annotations

import hashlib
import operator
import re
import struct
from dataclasses import dataclass
from functools import cached_property

from rensa import RMinHash

SHINGLE_CHARS = 5
NUM_PERM = 128
BANDS, ROWS = 32, 4  # 32 × 4 = 128: a pair at 0.6 is a candidate 99% of the time
THRESHOLD = 0.6  # real pairs measured 0.70–0.98, real non-pairs at most 0.26 (tests)
MIN_CHARS = 200  # shorter texts (stubs, one-line notices) are not compared
SEED = 1
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Signature:
    """The MinHash values of one text and its LSH band hashes."""

    values: tuple[int, ...]  # NUM_PERM unsigned 32-bit minima

    @cached_property
    def bands(self) -> list[int]:
        return band_hashes(self.to_bytes())

    def to_bytes(self) -> bytes:
        return struct.pack(f"<{len(self.values)}I", *self.values)

    @classmethod
    def from_bytes(cls, data: bytes) -> Signature:
        return cls(struct.unpack(f"<{len(data) // 4}I", data))

    def similarity(self, other: Signature) -> float:
        """Estimated Jaccard similarity of the two shingle sets."""
        return sum(map(operator.eq, self.values, other.values)) / len(self.values)


def shingles(text: str, size: int = SHINGLE_CHARS) -> set[str]:
    """Overlapping character shingles of the text with white space removed."""
    folded = WHITESPACE.sub("", text)
    if len(folded) <= size:
        return {folded} if folded else set()
    return {folded[i:i + size] for i in range(len(folded) - size + 1)}


def signature(text: str | None) -> Signature | None:
    """The MinHash of a text, or None when it is too short to compare.

    rensa's RMinHash makes the values with its own token hash and permutations: a corpus
    signed by another MinHash (or another rensa major version) must be re-signed, as
    migration 0006 does.
    """
    if not text or len(WHITESPACE.sub("", text)) < MIN_CHARS:
        return None
    minhash = RMinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update(list(shingles(text)))
    return Signature(tuple(minhash.digest()))


def similarity(first: str, second: str) -> float:
    """Estimated similarity of two texts (0 when either is too short)."""
    a, b = signature(first), signature(second)
    return a.similarity(b) if a is not None and b is not None else 0.0


def band_hashes(raw: bytes) -> list[int]:
    """One signed 63-bit integer per band of a signature's bytes, stable everywhere."""
    step = ROWS * 4
    return [
        int.from_bytes(hashlib.blake2b(raw[i:i + step], digest_size=8).digest(), "little") >> 1
        for i in range(0, BANDS * step, step)
    ]
