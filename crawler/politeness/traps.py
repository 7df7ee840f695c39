"""Crawler traps: endless pagination and calendars, bounded by a page budget per list column."""

from __future__ import annotations

from urllib.parse import urlsplit


def column_key(url: str) -> str:
    """The list column a page belongs to: host, port and folder, without file or query."""
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path.rsplit('/', 1)[0]}/"


class ListPageBudget:
    """At most `limit` distinct list pages per (portal, column); the first refusal is reported."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.pages: dict[tuple[str, str], set[str]] = {}
        self.reported: set[tuple[str, str]] = set()

    def admit(self, code: str, url: str) -> bool:
        """True when the page may be requested (already counted pages always may)."""
        pages = self.pages.setdefault((code, column_key(url)), set())
        if url in pages:
            return True
        if self.limit > 0 and len(pages) >= self.limit:
            return False
        pages.add(url)
        return True

    def first_refusal(self, code: str, url: str) -> bool:
        """True the first time a column's budget refuses a page."""
        key = (code, column_key(url))
        if key in self.reported:
            return False
        self.reported.add(key)
        return True
