"""A script-built column's list call, remembered with the column, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import command

from storage import CorpusWriter, init_db, make_engine
from storage.engine import alembic_config
from storage.read.columns import known_columns, remembered_columns
from tests.portals import portal

T0 = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
COLUMN = "http://127.0.0.1:8000/530323/zfxxgknb/index.html"
PORTAL = portal("530323", "师宗县", "county", "http://127.0.0.1:8000/530323/index.html",
                "127.0.0.1")


def test_a_list_call_is_remembered_with_its_column_and_forgotten(db_url):
    engine = make_engine(db_url)
    init_db(engine)
    writer = CorpusWriter(engine, batch_size=10)
    writer.start_run(registry="portals.csv")
    writer.upsert_portals([PORTAL])
    writer.add_column_event({"portal_code": "530323", "url": COLUMN, "event": "found",
                             "how": "link_text", "path": [], "at": T0})
    writer.add_column_event({"portal_code": "530323", "url": COLUMN, "event": "list_call",
                             "at": T0, "list_call": {
                                 "method": "POST", "url": "http://127.0.0.1:8000/530323/api/list",
                                 "form": "page=1&size=5&channelId=1042", "page_field": "page"}})
    writer.flush()
    [column] = remembered_columns(engine)["530323"]
    assert (column.list_call_method, column.list_call_url, column.list_call_form,
            column.list_call_page_field) == ("POST", "http://127.0.0.1:8000/530323/api/list",
                                             "page=1&size=5&channelId=1042", "page")

    writer.add_column_event({"portal_code": "530323", "url": COLUMN, "event": "list_call",
                             "at": T0, "list_call": None})
    writer.flush()
    [column] = remembered_columns(engine)["530323"]
    assert (column.list_call_method, column.list_call_url, column.list_call_form,
            column.list_call_page_field) == (None, None, None, None)
    assert column.how == "link_text" and column.failed_nights == 0
    engine.dispose()


def test_a_corpus_before_the_list_call_migration_still_reads_its_columns(sqlite_url):
    engine = make_engine(sqlite_url)
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0012")
        conn.execute(sa.text(
            "insert into portal_columns (portal_code, url, how, path, found_at, failed_nights) "
            "values ('530323', :url, 'link_text', '[]', '2026-03-10 12:00:00', 0)"),
            {"url": COLUMN})
    [column] = known_columns(engine)
    assert (column.url, column.how, column.list_call_url) == (COLUMN, "link_text", None)
    engine.dispose()
