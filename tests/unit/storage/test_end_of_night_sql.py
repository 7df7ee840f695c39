"""The statements a night runs at its end read indexes, not every stored document: their
cost grows with the night, not with the corpus (migration 0018)."""

from __future__ import annotations

import re

import sqlalchemy as sa

from storage import corpus_summary
from storage.health import HealthRules, record_portal_health
from tests.stored_pages import page, writer_for

# every row of the table read: a bare scan, or a scan of an index that does not hold the
# columns asked for (SQLite's EXPLAIN QUERY PLAN wording)
READS_EVERY_DOCUMENT = re.compile(r"^SCAN documents(_\d+)?( USING INDEX \w+)?$")


def test_the_end_of_a_night_reads_no_document_row_it_does_not_need(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'corpus.db'}"
    writer = writer_for(db_url)
    for n in range(40):
        writer.add_page(page(n, f"报告{n}", is_annual_report=n % 3 == 0))
    writer.finish_run(writer.run_id, {})
    engine = writer.engine
    statements: list[tuple[str, tuple]] = []

    @sa.event.listens_for(engine, "before_cursor_execute")
    def keep(conn, cursor, statement, parameters, context, executemany):
        if not executemany and "documents" in statement:
            statements.append((statement, parameters))

    writer.close_listing(gone_after_runs=3)
    record_portal_health(engine, writer.run_id, ["350128"], {"350128": 41}, HealthRules())
    corpus_summary(engine, run_id=writer.run_id)
    sa.event.remove(engine, "before_cursor_execute", keep)
    assert len(statements) >= 10  # close_listing's two, measure_run's five, the summary's

    whole_reads = []
    with engine.connect() as conn:
        for statement, parameters in statements:
            plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
            whole_reads += [(detail, statement) for *_, detail in plan
                            if READS_EVERY_DOCUMENT.match(detail)]
    writer.close()
    assert whole_reads == []
