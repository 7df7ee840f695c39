"""Further list pages of an unchanged column, replayed from memory instead of asked for.

A column whose first page answers 304 (or its stored bytes again) has, most likely, not changed
on its further pages either: a new report goes on the first page of a newest-first list, and a
column that counts its documents (TRS createPageHTML, "共 N 条") shows a removal there too. So
the spider replays a further page's stored reading without asking, as long as the page was
asked for within `GOVCORPUS_LIST_PAGES_TRUSTED_DAYS`; older pages are asked again (and answer
304 or are parsed), so every page of a column is read at least that often. The cost: an edit
in place on a deeper page, or a removal from a column that shows no count, is seen up to that
many days late.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from crawler.incremental.stored import StoredByPortal

FROM_MEMORY = "from memory"
"""The flag of the response the spider makes for a page replayed without asking: a 304 that
no server sent."""


class TrustedListPages:
    """`reading(code, url, now)`: the stored reading of a list page asked for recently enough
    to be replayed without asking, or None."""

    def __init__(self, stored: StoredByPortal | None, trusted_for: timedelta):
        self.stored = stored  # None: every list page is asked for
        self.trusted_for = trusted_for

    @classmethod
    def from_crawler(cls, crawler) -> TrustedListPages:
        settings = crawler.settings
        days = settings.getfloat("GOVCORPUS_LIST_PAGES_TRUSTED_DAYS")
        on = (days > 0 and settings.getbool("GOVCORPUS_REPLAY_LISTS")
              and settings.getbool("GOVCORPUS_CONDITIONAL"))
        return cls(StoredByPortal.from_crawler(crawler) if on else None, timedelta(days=days))

    def reading(self, portal_code: str, url: str, now: datetime) -> dict[str, Any] | None:
        if self.stored is None:
            return None
        known = self.stored.current_list_page(portal_code, url)
        if known is None or known.asked_at is None:
            return None
        return known.reading if now - known.asked_at <= self.trusted_for else None
