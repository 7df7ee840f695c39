"""Unsaved records: spilled to JSONL when the database stays away, stored later by restore."""

from __future__ import annotations

from datetime import datetime, timezone

import sqlalchemy as sa

from storage import CorpusWriter, init_db, make_engine
from storage.models import Fault
from storage.write.retry import retry_writes
from storage.write.spill import load_spill, restore, spill, spill_path

WHEN = datetime(2026, 1, 20, 8, 30, tzinfo=timezone.utc)


def test_spill_keeps_bytes_and_times(tmp_path, sqlite_url):
    engine = make_engine(sqlite_url)
    init_db(engine)
    writer = CorpusWriter(engine, batch_size=100)
    writer.run_id = 7
    page = {"url": "http://a.gov.cn/t.html", "body": b"\x00\xff<html>", "fetched_at": WHEN,
            "headers": {"Content-Type": "text/html"}, "errors": ["x"]}
    writer.pages.append(page)
    path = spill_path(tmp_path, writer.run_id)
    assert spill(writer, path) == 1
    run_id, buffers = load_spill(path)
    engine.dispose()
    assert run_id == 7 and buffers["pages"] == [page]


def test_restore_stores_spilled_faults_in_their_run(tmp_path, sqlite_url):
    engine = make_engine(sqlite_url)
    init_db(engine)
    writer = CorpusWriter(engine, batch_size=100)
    run_id = writer.start_run()
    writer.add_fault({"portal_code": "350128", "url": "http://a.gov.cn/x", "kind": "timeout",
                      "detail": "took longer than 30 s", "status": None, "fetched_at": WHEN})
    path = tmp_path / "unsaved.jsonl"
    spill(writer, path)
    assert restore(CorpusWriter(engine, batch_size=100), path) == 1
    with engine.connect() as conn:
        rows = conn.execute(sa.select(Fault.run_id, Fault.kind, Fault.fetched_at)).all()
    engine.dispose()
    assert [(r.run_id, r.kind) for r in rows] == [(run_id, "timeout")]


def test_retry_gives_up_at_once_on_errors_that_will_not_pass():
    calls = []

    def broken() -> None:
        calls.append(1)
        raise ValueError("not a database outage")

    try:
        retry_writes(broken, 30)
    except ValueError:
        pass
    assert calls == [1]


def test_retry_waits_out_an_unreachable_server():
    engine = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/x")
    calls = []

    def write() -> int:
        calls.append(1)
        if len(calls) < 3:
            with engine.connect():
                pass
        return len(calls)

    assert retry_writes(write, 10) == 3
    engine.dispose()
