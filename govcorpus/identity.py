"""What makes a document itself: the URL it is keyed on and the public id derived from it."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from w3lib.url import canonicalize_url


@lru_cache(maxsize=1024)  # the spider asks for a listed URL's form twice in a row
def canonical_url(url: str) -> str:
    """The URL under which a document is stored: sorted query, no fragment, lower-case host."""
    return canonicalize_url(url, keep_fragments=False)


def doc_id_for(canonical: str) -> str:
    """The stable public id of a document: derived from its canonical URL alone."""
    return hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:16]
