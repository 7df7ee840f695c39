"""Hosts' robots.txt answers kept and read back by age, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from storage import init_db, make_engine
from storage.robots import fresh_robots, remember_robots

T0 = datetime(2026, 3, 10, 2, 0, tzinfo=timezone.utc)


def test_the_latest_answer_is_kept_and_only_fresh_ones_are_read(db_url):
    engine = make_engine(db_url)
    init_db(engine)
    assert remember_robots(engine, [("a.gov.cn", 200, b"Disallow: /x/", T0),
                                    ("b.gov.cn:8080", 404, b"<html>404</html>", T0)]) == 2
    remember_robots(engine, [("a.gov.cn", 200, b"Disallow: /y/", T0 + timedelta(hours=23))])
    assert fresh_robots(engine, T0) == {"a.gov.cn": b"Disallow: /y/",
                                        "b.gov.cn:8080": b"<html>404</html>"}
    assert fresh_robots(engine, T0 + timedelta(hours=1)) == {"a.gov.cn": b"Disallow: /y/"}
    assert remember_robots(engine, []) == 0
    engine.dispose()
