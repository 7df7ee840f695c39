"""Document history and near-duplicates through the corpus writer, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from govcorpus.cli.inspect import extract_record
from govcorpus.extraction.normalize import normalize_text
from storage import make_engine
from storage.models import Capture, CrawlRun, Document, DocumentVersion
from storage.write.neardup import THRESHOLD, similarity
from tests.conftest import fetch_all
from tests.paths import PAGES
from tests.stored_pages import T0, page, writer_for


def real_text(name: str) -> str:
    """The normalised text of a real report: a page extracted by govcorpus, or a .txt file."""
    path = PAGES / name
    if path.suffix == ".txt":
        text = path.read_text("utf-8")
    else:
        text = extract_record(path.read_bytes(), url="https://www.pingtan.gov.cn/a.htm")["text"]
    return normalize_text(text).text


def small_edits(text: str) -> str:
    """A correction notice, two sentences reworded and a few numbers changed."""
    text = text.replace("。", "。经核实，相关数据已更正。", 2)
    return re.sub(r"(?<!\d)(\d{1,2})(?!\d)", lambda m: str(int(m.group(1)) + 1), text, count=6)


select = fetch_all


@pytest.mark.parametrize(("first", "second"), [
    # the same report republished as the archive's text dump
    ("reports/pingtan_2023/page.html", "reports/pingtan_2023/page.txt"),
    ("reports/pingtan_2025/page.html", "reports/pingtan_2025/page.txt"),
])
def test_real_republished_reports_are_near_duplicates(first, second):
    assert similarity(real_text(first), real_text(second)) >= THRESHOLD


def test_a_real_report_with_small_edits_is_a_near_duplicate():
    text = real_text("reports/pingtan_2023/page.html")
    assert similarity(text, small_edits(text)) >= THRESHOLD


@pytest.mark.parametrize(("first", "second"), [
    # the same portal's next report; two reports of the same 2021 format
    ("reports/pingtan_2023/page.html", "reports/pingtan_2025/page.html"),
    ("reports/seeds/003_68120aa8738a8fff.txt", "reports/seeds/004_c26d84461eef8b9b.txt"),
    ("reports/seeds/001_d373a25c9de15b4d.txt", "reports/seeds/002_e5ec33f7358f9fa7.txt"),
])
def test_different_real_reports_are_not_near_duplicates(first, second):
    assert similarity(real_text(first), real_text(second)) < THRESHOLD / 2


def test_near_duplicates_across_runs_point_to_the_earliest(db_url):
    report = real_text("reports/pingtan_2023/page.html")
    other = real_text("reports/pingtan_2025/page.html")
    writer = writer_for(db_url)
    writer.add_page(page(1, report))
    writer.add_page(page(2, other))  # another report: never a duplicate
    writer.flush()
    writer.close()
    writer = writer_for(db_url)  # a later run: signatures come from the database
    writer.add_page(page(3, real_text("reports/pingtan_2023/page.txt"), night=1))
    writer.add_page(page(4, small_edits(report), night=1))
    writer.add_page(page(5, other, night=1))  # exact copy of 2
    writer.add_page(page(6, report + "附：说明。", night=1, year=2024))  # another year
    writer.flush()
    writer.close()

    rows = select(db_url, sa.select(Document.id, Document.duplicate_of, Document.duplicate_kind)
                  .order_by(Document.id))
    first, second = rows[0].id, rows[1].id
    assert [(r.duplicate_of, r.duplicate_kind) for r in rows] == [
        (None, None), (None, None), (first, "near"), (first, "near"), (second, "exact"),
        (None, None),
    ]


def test_near_duplicates_within_one_batch_point_to_the_earliest(db_url):
    report = real_text("reports/pingtan_2023/page.html")
    writer = writer_for(db_url)
    writer.add_page(page(1, real_text("reports/pingtan_2025/page.html")))
    writer.add_page(page(2, report))
    writer.add_page(page(3, small_edits(report)))
    writer.add_page(page(4, real_text("reports/pingtan_2023/page.txt")))
    writer.flush()
    writer.close()
    rows = select(db_url, sa.select(Document.id, Document.duplicate_of, Document.duplicate_kind)
                  .order_by(Document.id))
    second = rows[1].id
    assert [(r.duplicate_of, r.duplicate_kind) for r in rows] == [
        (None, None), (None, None), (second, "near"), (second, "near")]


def test_versions_only_when_the_normalised_text_changes(db_url):
    writer = writer_for(db_url)
    writer.add_page(page(1, "第一版报告正文"))
    writer.flush()
    writer.add_page(page(1, "第一版报告正文", night=1, body_extra=1))  # new bytes, same text
    writer.add_page(page(2, "另一份"))
    writer.flush()
    writer.add_page(page(1, "第二版报告正文", night=2))
    writer.flush()
    writer.close()

    versions = select(db_url, sa.select(DocumentVersion.version, DocumentVersion.text_normalized,
                                        DocumentVersion.capture_id)
                      .join(Document).where(Document.id == DocumentVersion.document_id)
                      .where(Document.title == "报告1").order_by(DocumentVersion.version))
    assert [(v.version, v.text_normalized) for v in versions] == [
        (1, "第一版报告正文"), (2, "第二版报告正文")
    ]
    captures = {c.id for c in select(db_url, sa.select(Capture.id))}
    assert {v.capture_id for v in versions} <= captures
    assert writer.counts == {"new": 2, "changed": 1, "unchanged": 1, "gone": 0, "not_due": 0}


def test_unchanged_pages_touch_the_document_without_a_capture(db_url):
    writer = writer_for(db_url)
    writer.add_page(page(1, "报告正文"))
    writer.flush()
    later = T0 + timedelta(days=1)
    writer.add_page({**page(1, "报告正文"), "status": 304, "body": b"", "unchanged": True,
                     "fetched_at": later, "headers": {"ETag": '"new"'}})
    writer.flush()
    writer.close()

    [doc] = select(db_url, sa.select(Document))
    assert (doc.last_seen, doc.etag, doc.version) == (later, '"new"', 1)
    assert len(select(db_url, sa.select(Capture.id))) == 1


def test_takedowns_are_kept_and_unlisted_documents_go_after_n_runs(db_url):
    for night in range(4):
        writer = writer_for(db_url)
        writer.add_page(page(1, "一直在列表里", night=night))
        if night == 0:
            writer.add_page(page(2, "只在第一晚列出"))
            writer.add_page(page(3, "被删除的报告"))
        if night == 1:
            writer.add_gone({"canonical_url": page(3, "")["canonical_url"], "reason": "http_404",
                             "fetched_at": T0 + timedelta(days=1)})
        writer.close_listing(gone_after_runs=3)
        writer.finish_run(writer.run_id, dict(writer.counts))
        writer.close()
        if night == 2:
            missing = select(db_url, sa.select(Document.missing_runs, Document.gone_since)
                             .where(Document.title == "报告2"))
            assert missing == [(2, None)]

    docs = {d.title: d for d in select(db_url, sa.select(Document))}
    assert docs["报告1"].gone_since is None
    assert docs["报告2"].gone_reason == "unlisted"
    assert (docs["报告3"].gone_reason, docs["报告3"].gone_since) == ("http_404", T0 + timedelta(1))
    gone_per_run = [s["gone"] for (s,) in select(db_url, sa.select(CrawlRun.stats)
                                                 .order_by(CrawlRun.id))]
    assert gone_per_run == [0, 1, 0, 1]


def test_migration_0006_re_signs_signatures_made_the_old_way(db_url):
    from alembic import command

    from storage.engine import alembic_config
    from storage.models import DocumentBand, DocumentSignature
    from storage.write.neardup import signature

    report = real_text("reports/pingtan_2023/page.html")
    writer = writer_for(db_url)
    writer.add_page(page(1, report))
    writer.flush()
    writer.close()
    engine = make_engine(db_url)
    with engine.begin() as conn:  # what a datasketch-era corpus holds: other values
        conn.execute(sa.update(DocumentSignature).values(signature=b"\x01" * 512))
        conn.execute(sa.update(DocumentBand).values(hash=DocumentBand.hash + 1))
        config = alembic_config()
        config.attributes["connection"] = conn
        command.stamp(config, "0005")  # as it stood before the migration
        command.upgrade(config, "0006")
        command.stamp(config, "head")
    engine.dispose()

    expected = signature(report)
    assert select(db_url, sa.select(DocumentSignature.signature)) == [(expected.to_bytes(),)]
    bands = select(db_url, sa.select(DocumentBand.band, DocumentBand.hash)
                   .order_by(DocumentBand.band))
    assert [tuple(row) for row in bands] == list(enumerate(expected.bands))
