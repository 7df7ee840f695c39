"""Hosts' robots.txt as last answered (`robots_txt`): read as a crawl starts, kept as it ends."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa

from storage.engine import upsert_replacing, write_transaction
from storage.models import RobotsTxt


def fresh_robots(engine: sa.Engine, since: datetime) -> dict[str, bytes]:
    """The robots.txt bodies of hosts that answered for it at or after `since`, by host (none
    before migration 0015)."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table(RobotsTxt.__tablename__):
            return {}
        rows = conn.execute(sa.select(RobotsTxt.host, RobotsTxt.body)
                            .where(RobotsTxt.fetched_at >= since)).all()
    return dict(rows)


def remember_robots(engine: sa.Engine, answers: Iterable[tuple[str, int, bytes, datetime]]
                    ) -> int:
    """Keep each host's latest answer (host, status, body, fetched at); how many were kept."""
    values = [{"host": host, "status": status, "body": body, "fetched_at": fetched_at}
              for host, status, body, fetched_at in answers]
    if not values:
        return 0
    with write_transaction(engine) as conn:
        conn.execute(upsert_replacing(conn, RobotsTxt.__table__, "host",
                                      ("status", "body", "fetched_at")), values)
    return len(values)
