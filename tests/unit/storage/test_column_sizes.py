"""A remembered column's size (the documents it listed when last read), on SQLite and
PostgreSQL: the next night starts the portals with the largest columns first."""

from __future__ import annotations

from datetime import datetime, timezone

from storage import CorpusWriter, init_db, make_engine
from storage.read.columns import remembered_columns
from tests.portals import portal

T0 = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
COLUMN = "http://127.0.0.1:8000/530323/zfxxgknb/index.html"
PORTAL = portal("530323", "师宗县", "county", "http://127.0.0.1:8000/530323/index.html",
                "127.0.0.1")


def _size_after(writer: CorpusWriter, engine, event: dict) -> int | None:
    writer.add_column_event({"portal_code": "530323", "url": COLUMN, "at": T0, **event})
    writer.flush()
    [column] = remembered_columns(engine)["530323"]
    return column.size


def test_a_column_keeps_the_last_size_measured(db_url):
    engine = make_engine(db_url)
    init_db(engine)
    writer = CorpusWriter(engine, batch_size=10)
    writer.start_run(registry="portals.csv")
    writer.upsert_portals([PORTAL])
    found = {"event": "found", "how": "link_text", "path": []}
    assert _size_after(writer, engine, {**found, "size": 20}) == 20
    assert _size_after(writer, engine, {"event": "ok", "size": 23}) == 23
    assert _size_after(writer, engine, {"event": "ok"}) == 23  # not measured: kept
    assert _size_after(writer, engine, {"event": "failed", "detail": "404"}) == 23
    assert _size_after(writer, engine, {**found, "size": 0}) == 0  # found again, listing none
    engine.dispose()
