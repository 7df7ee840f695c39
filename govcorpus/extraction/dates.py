"""Find and normalise the dates written on Chinese government pages to ISO YYYY-MM-DD."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?"
)
COMPACT_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")
CHINESE_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")


@lru_cache(maxsize=4096)
def normalize_date(value: str | None) -> str | None:
    """The first valid date in `value` as YYYY-MM-DD, or None."""
    if not value:
        return None
    for match in DATE.finditer(value.translate(CHINESE_DIGITS)):
        iso = _iso(*match.groups())
        if iso:
            return iso
    match = COMPACT_DATE.search(value)
    return _iso(*match.groups()) if match else None


def _iso(year: str, month: str, day: str) -> str | None:
    """Validate a year/month/day triple and format it, or None if it is not a calendar date."""
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
