"""How a raw body is stored: zlib-compressed, with its SHA-256 and size."""

from __future__ import annotations

import hashlib
import zlib
from typing import Any

ZLIB_LEVEL = 6


def pack_body(body: bytes) -> dict[str, Any]:
    """A raw body as stored: zlib-compressed, with its SHA-256 and size."""
    return {
        "body_zlib": zlib.compress(body, ZLIB_LEVEL),
        "body_sha256": hashlib.sha256(body).hexdigest(),
        "body_size": len(body),
    }
