"""Which documents a night's lists show are asked for again, and which are only noted as listed.

A stored document is due when its list shows it under another title, or when the portal last
answered for it longer ago than its revisit interval: GOVCORPUS_REVISIT_DAYS, spread by URL
between half of it and all of it, so the documents of one large first crawl do not all fall due
on the same night. A due document gets a conditional GET; one that is not due costs no request
and is recorded as still listed. 0 days asks for every listed document on every run.
"""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta, timezone

from crawler.incremental.stored import StoredByPortal
from govcorpus.identity import canonical_url


def revisit_interval(canonical_url: str, days: float) -> timedelta:
    """The document's own interval: between days/2 and days, fixed by its URL."""
    share = zlib.crc32(canonical_url.encode("utf-8")) / 0xFFFFFFFF
    return timedelta(days=days * (0.5 + 0.5 * share))


class RevisitPolicy:
    """Answers `due(portal, URL, list title)` from the stored documents of a portal."""

    def __init__(self, db_url: str, days: float, now: datetime | None = None,
                 stored: StoredByPortal | None = None):
        self.days = days
        self.now = now or datetime.now(timezone.utc)
        self.stored = stored or StoredByPortal(db_url)

    @classmethod
    def from_crawler(cls, crawler) -> RevisitPolicy:
        settings = crawler.settings
        return cls(settings.get("GOVCORPUS_DB_URL"), settings.getfloat("GOVCORPUS_REVISIT_DAYS"),
                   stored=StoredByPortal.from_crawler(crawler))

    def due(self, portal_code: str, url: str, list_title: str | None) -> bool:
        """Whether to ask the portal for this listed document tonight."""
        if self.days <= 0:
            return True
        documents = self.stored.get(portal_code)
        if not documents:  # a first crawl of the portal: everything is new
            return True
        canonical = canonical_url(url)
        stored = documents.get(canonical)
        if stored is None or stored.gone or stored.last_seen is None:
            return True  # new, gone before, or never stored
        if list_title and list_title != stored.list_title:
            return True
        return self.now - stored.last_seen >= revisit_interval(canonical, self.days)

    def close(self) -> None:
        self.stored.close()
