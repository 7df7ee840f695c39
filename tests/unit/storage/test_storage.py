"""The corpus writer and exports on real SQLite files and the real PostgreSQL server."""

from __future__ import annotations

import csv
import json
import zlib
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from storage import CorpusWriter, corpus_summary, export_records, init_db, make_engine
from storage.export.records import Selection
from storage.models import Capture, CrawlRun, Document, Fault
from tests.conftest import fetch_all
from tests.portals import portal

T0 = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
PORTAL = portal("350128", "平潭综合实验区", "county", "https://www.pingtan.gov.cn/",
                "pingtan.gov.cn")


def page(n: int, text: str, fetched_at: datetime = T0, **fields) -> dict:
    url = f"https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202603/t20260310_{n}.htm"
    body = f"<html><body><p>{text}</p></body></html>".encode()
    return {
        "portal_code": "350128", "url": url, "canonical_url": url, "status": 200,
        "headers": {"Content-Type": "text/html; charset=utf-8"}, "body": body,
        "fetched_at": fetched_at, "encoding": "utf-8", "encoding_declared": "utf-8",
        "encoding_evidence": {"http": "utf-8"}, "content_hash": f"h-{text}",
        "title": f"报告{n}", "text": text, "is_annual_report": True, "report_year": 2025,
        **fields,
    }


def writer_for(db_url: str, batch_size: int = 2) -> CorpusWriter:
    engine = make_engine(db_url)
    init_db(engine)
    writer = CorpusWriter(engine, batch_size=batch_size)
    writer.start_run(registry="portals.csv")
    writer.upsert_portals([PORTAL])
    return writer


def rows(db_url: str, model) -> list:
    return fetch_all(db_url, sa.select(model.__table__).order_by(model.id))


def test_pages_become_documents_and_captures_keep_raw_bytes(db_url):
    writer = writer_for(db_url)
    writer.add_page(page(1, "第一份报告"))
    writer.add_page(page(2, "第二份报告"))
    writer.add_page(page(3, "第三份报告"))
    writer.finish_run(writer.run_id, {"requests": 3})
    writer.close()

    documents, captures = rows(db_url, Document), rows(db_url, Capture)
    assert [d.title for d in documents] == ["报告1", "报告2", "报告3"]
    assert documents[0].doc_id == "973e300942ead0d9"  # published ids never change
    assert zlib.decompress(captures[0].body_zlib) == page(1, "第一份报告")["body"]
    assert captures[0].headers == {"Content-Type": "text/html; charset=utf-8"}
    [run] = rows(db_url, CrawlRun)
    assert (run.status, run.stats) == ("finished", {"requests": 3})


def test_a_second_fetch_updates_the_document_and_adds_a_capture(db_url):
    writer = writer_for(db_url)
    writer.add_page(page(1, "原文"))
    writer.flush()
    later = T0 + timedelta(days=1)
    writer.add_page(page(1, "修改后的文本", fetched_at=later, title="新标题"))
    writer.flush()
    writer.close()

    [document] = rows(db_url, Document)
    assert (document.title, document.text) == ("新标题", "修改后的文本")
    assert document.first_seen == T0 and document.last_seen == later
    assert len(rows(db_url, Capture)) == 2


def test_same_text_points_to_the_earliest_document(db_url):
    writer = writer_for(db_url, batch_size=10)
    writer.add_page(page(1, "同一份报告"))
    writer.flush()
    writer.add_page(page(2, "同一份报告"))
    writer.add_page(page(3, "同一份报告"))
    writer.add_page(page(4, "另一份报告"))
    writer.flush()
    writer.close()

    documents = rows(db_url, Document)
    first = documents[0].id
    assert [d.duplicate_of for d in documents] == [None, first, first, None]


def test_faults_are_recorded_with_their_run(db_url):
    writer = writer_for(db_url)
    writer.add_fault({"portal_code": "350128", "url": "https://www.pingtan.gov.cn/x",
                      "kind": "http_503", "detail": "Service Unavailable", "status": 503,
                      "fetched_at": T0})
    writer.finish_run(writer.run_id, {})
    writer.close()

    [fault] = rows(db_url, Fault)
    assert (fault.kind, fault.status, fault.run_id) == ("http_503", 503, writer.run_id)
    summary = corpus_summary(make_engine(db_url), run_id=writer.run_id)
    assert summary["faults"] == {"http_503": 1}


def test_a_failed_batch_stays_buffered_and_is_written_later(sqlite_url, tmp_path):
    writer = writer_for(sqlite_url, batch_size=100)
    writer.add_page(page(1, "缓冲中的报告"))
    broken = page(2, "坏记录")
    broken["portal_code"] = None  # violates NOT NULL: the whole batch must roll back
    writer.add_page(broken)
    try:
        writer.flush()
    except sa.exc.IntegrityError:
        pass
    assert len(writer.pages) == 2
    writer.pages[1]["portal_code"] = "350128"
    writer.flush()
    writer.close()
    assert len(rows(sqlite_url, Document)) == 2


def test_exports_read_back_with_the_same_records(db_url, tmp_path):
    writer = writer_for(db_url)
    writer.add_page(page(1, "报告正文一", issuing_body="平潭综合实验区管委会办公室"))
    writer.add_page(page(2, "报告正文一"))
    writer.add_page(page(3, "通知正文", is_annual_report=False, report_year=None))
    writer.finish_run(writer.run_id, {})
    writer.close()
    engine = make_engine(db_url)

    jsonl, table = tmp_path / "corpus.jsonl", tmp_path / "corpus.csv"
    assert export_records(engine, "jsonl", jsonl) == 3
    assert export_records(engine, "csv", table, Selection(reports_only=True)) == 2
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert records[0]["issuing_body"] == "平潭综合实验区管委会办公室"
    assert records[1]["duplicate_of"] == records[0]["doc_id"]
    assert records[2]["is_annual_report"] is False and records[2]["report_year"] is None
    with table.open(encoding="utf-8") as handle:
        assert [r["doc_id"] for r in csv.DictReader(handle)] == [
            records[0]["doc_id"], records[1]["doc_id"]
        ]
    engine.dispose()


def test_the_models_declare_the_schema_the_migrations_build(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from storage.models import Base

    engine = make_engine(db_url)
    init_db(engine)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()
