"""What the corpus already holds of a portal, read once per portal while the crawl runs."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

logger = logging.getLogger(__name__)
Reader = Callable[[sa.Connection, str], dict[str, Any]]


class StoredByPortal:
    """`get(portal_code)`: `read(conn, portal_code)` from the corpus, the last
    `cached_portals` portals kept in memory. A database that cannot answer (no schema yet, a
    passing fault) gives an empty dict: the crawl then treats every document as new."""

    def __init__(self, db_url: str, read: Reader, cached_portals: int = 64):
        self.db_url = db_url
        self.read = read
        self.cached_portals = max(1, cached_portals)
        self.cache: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self.engine: sa.Engine | None = None

    def get(self, portal_code: str) -> dict[str, Any]:
        portal = self.cache.get(portal_code)
        if portal is None:
            portal = self.cache[portal_code] = self._load(portal_code)
            while len(self.cache) > self.cached_portals:
                self.cache.popitem(last=False)
        else:
            self.cache.move_to_end(portal_code)
        return portal

    def close(self) -> None:
        if self.engine is not None:
            self.engine.dispose()

    def _load(self, portal_code: str) -> dict[str, Any]:
        from storage import make_engine

        if self.engine is None:
            self.engine = make_engine(self.db_url)
        try:
            with self.engine.connect() as conn:
                return self.read(conn, portal_code)
        except sa.exc.SQLAlchemyError as exc:
            logger.warning("nothing stored read for portal %s: %s", portal_code, exc)
            return {}
