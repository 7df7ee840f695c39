"""Parquet, WARC and datasheet exports read back with the same records."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from storage import CorpusWriter, export_records, init_db, make_engine
from storage.export.datasheet import datasheet_path, write_datasheet
from storage.export.parquet import read_parquet
from storage.export.records import Selection, iter_records
from storage.export.warc import write_warc
from tests.portals import portal

T0 = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
PORTALS = [
    portal("350128", "平潭综合实验区", "county", "https://www.pingtan.gov.cn/", "pingtan.gov.cn"),
    portal("341621", "涡阳县", "county", "https://www.gy.gov.cn/", "gy.gov.cn"),
    portal("530323", "师宗县", "county", "https://www.shizong.gov.cn/", "shizong.gov.cn"),
]
DOCS = [  # portal, n, report year (None: not a report), text
    ("350128", 1, 2025, "平潭综合实验区2025年度政府信息公开工作年度报告正文"),
    ("350128", 2, 2023, "平潭综合实验区2023年度政府信息公开工作年度报告正文"),
    ("350128", 3, None, "关于2014年政府信息公开工作要点落实情况的函"),
    ("341621", 4, 2024, "涡阳县招商服务中心2024年政府信息公开工作年度报告正文"),
]
SOURCES = {"title": "meta", "publish_date": "label", "issuing_body": "title",
           "region_code": "portal"}


@pytest.fixture
def corpus(db_url):
    engine = make_engine(db_url)
    init_db(engine)
    writer = CorpusWriter(engine, batch_size=50)
    writer.start_run("portals.csv")
    writer.upsert_portals(PORTALS)
    for code, n, year, text in DOCS:
        url = f"https://{PORTALS[0 if code == '350128' else 1].allowed_domains[0]}/a/t{n:08d}_1.htm"
        writer.add_page({
            "portal_code": code, "url": url, "canonical_url": url, "status": 200,
            "headers": {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"},
            "body": f"<html><body><p>{text}</p></body></html>".encode(), "fetched_at": T0,
            "encoding": "utf-8", "content_hash": text, "title": text[:20], "text": text,
            "is_annual_report": year is not None, "report_year": year,
            "field_sources": SOURCES if n == 1 else {},
        })
    writer.finish_run(writer.run_id, {})
    yield engine
    engine.dispose()


def test_parquet_partitions_by_year_and_province_and_reads_back(corpus, tmp_path):
    out = tmp_path / "corpus.parquet"
    assert export_records(corpus, "parquet", out) == 4
    parts = sorted(str(p.relative_to(out).parent) for p in out.rglob("*.parquet"))
    assert "report_year=2025/province=350000" in parts
    assert "report_year=2024/province=340000" in parts
    table = read_parquet(out).to_pylist()
    expected = {r["doc_id"]: r for r in iter_records(corpus)}
    assert {r["doc_id"] for r in table} == set(expected)
    for row in table:
        assert row["text"] == expected[row["doc_id"]]["text"]
        assert row["report_year"] == expected[row["doc_id"]]["report_year"]


def test_parquet_folder_opens_in_one_call_with_pandas_pyarrow_and_duckdb(corpus, tmp_path):
    import duckdb
    import pandas as pd
    import pyarrow.parquet as pq

    out = tmp_path / "corpus"
    count = export_records(corpus, "parquet", out)
    sheet = write_datasheet(corpus, datasheet_path(out, "parquet"), "parquet", Selection(), count)
    assert sheet.parent == out and sheet.read_text(encoding="utf-8").startswith("# govcorpus")
    expected = {r["doc_id"]: r["text"] for r in iter_records(corpus)}
    assert count == len(expected) == len(DOCS)
    frame = pd.read_parquet(out)
    assert dict(zip(frame["doc_id"], frame["text"], strict=True)) == expected
    table = pq.read_table(out).to_pydict()
    assert dict(zip(table["doc_id"], table["text"], strict=True)) == expected
    rows = duckdb.sql(
        f"SELECT doc_id, text FROM read_parquet('{out}/**/*.parquet', hive_partitioning = true)"
    ).fetchall()
    assert dict(rows) == expected and len(rows) == len(expected)


def test_filters_select_years_regions_and_dates(corpus):
    def ids(selection: Selection) -> int:
        return len(list(iter_records(corpus, selection)))

    assert ids(Selection(reports_only=True)) == 3
    assert ids(Selection(years=(2023, 2024))) == 2
    assert ids(Selection(region="340000")) == 1
    assert ids(Selection(region="350128", reports_only=True)) == 2
    assert ids(Selection(since=date(2026, 3, 11))) == 0


def test_warc_holds_every_capture_and_passes_warcio_check(corpus, tmp_path):
    out = tmp_path / "corpus.warc.gz"
    assert write_warc(corpus, out) == 4
    with out.open("rb") as handle:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"),
                    r.content_stream().read()) for r in ArchiveIterator(handle)]
    responses = [body for kind, _, body in records if kind == "response"]
    assert len(responses) == 4 and sum(kind == "request" for kind, _, _ in records) == 4
    assert any("涡阳县招商服务中心".encode() in body for body in responses)
    check = subprocess.run([str(Path(sys.executable).with_name("warcio")), "check", str(out)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_datasheet_names_fields_counts_and_gaps(corpus, tmp_path):
    out = tmp_path / "corpus.jsonl"
    count = export_records(corpus, "jsonl", out, Selection(reports_only=True))
    sheet = write_datasheet(corpus, datasheet_path(out, "jsonl"), "jsonl",
                            Selection(reports_only=True), count)
    text = sheet.read_text(encoding="utf-8")
    assert sheet.name == "corpus.jsonl.datasheet.md"
    assert "- records: 3" in text
    assert "2023: 1, 2024: 1, 2025: 1" in text
    assert "530323 师宗县" in text  # a registry portal with nothing in the export
    assert "| `report_year` |" in text
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert first["report_year"] == 2025


def test_records_carry_their_history(corpus, tmp_path):
    gone_url = "https://pingtan.gov.cn/a/t00000003_1.htm"
    writer = CorpusWriter(corpus, batch_size=50)
    writer.start_run("portals.csv")
    writer.add_gone({"canonical_url": gone_url, "fetched_at": T0.replace(day=11),
                     "reason": "http_404"})
    writer.flush()
    records = {r["canonical_url"]: r for r in iter_records(corpus)}
    gone = records.pop(gone_url)
    assert (gone["gone_since"], gone["gone_reason"]) == ("2026-03-11T12:00:00+00:00", "http_404")
    assert all(r["gone_since"] is None and r["gone_reason"] is None for r in records.values())
    assert {r["version"] for r in [gone, *records.values()]} == {1}
    assert {r["duplicate_kind"] for r in records.values()} == {None}
    out = tmp_path / "corpus.parquet"
    export_records(corpus, "parquet", out)
    rows = {r["canonical_url"]: r for r in read_parquet(out).to_pylist()}
    assert rows[gone_url]["gone_reason"] == "http_404" and rows[gone_url]["version"] == 1


def test_every_export_says_where_each_field_came_from(corpus, tmp_path):
    first_url = "https://pingtan.gov.cn/a/t00000001_1.htm"
    export_records(corpus, "jsonl", tmp_path / "c.jsonl")
    lines = [json.loads(line) for line in (tmp_path / "c.jsonl").read_text("utf-8").splitlines()]
    assert {r["canonical_url"]: r["field_sources"] for r in lines}[first_url] == SOURCES
    export_records(corpus, "csv", tmp_path / "c.csv")
    with (tmp_path / "c.csv").open(encoding="utf-8", newline="") as handle:
        rows = {r["canonical_url"]: r for r in csv.DictReader(handle)}
    assert json.loads(rows[first_url]["field_sources"]) == SOURCES
    export_records(corpus, "parquet", tmp_path / "c.parquet")
    parquet = {r["canonical_url"]: r for r in read_parquet(tmp_path / "c.parquet").to_pylist()}
    assert {k: v for k, v in parquet[first_url]["field_sources"].items() if v} == SOURCES
    sheet = write_datasheet(corpus, tmp_path / "sheet.md", "csv", Selection(), 4)
    assert "| `field_sources` | where each metadata field came from" in sheet.read_text("utf-8")


EXPORT_COLUMNS = (
    "doc_id", "portal_code", "canonical_url", "url", "title", "index_number", "issuing_body",
    "publish_date", "written_date", "doc_number", "is_annual_report", "report_year",
    "region_code", "region_code_current", "region_name", "body_type", "encoding",
    "encoding_declared",
    "encoding_confidence", "script", "mojibake_score", "text", "text_normalized", "field_sources",
    "parent_url",
    "content_type", "attachment_status", "attachment_detail", "duplicate_of", "duplicate_kind",
    "version", "first_seen", "last_seen", "fetched_at", "gone_since", "gone_reason",
)
"""The export's columns in order, as the datasheet documents them: a change fails here."""


def test_csv_columns_are_the_documented_ones(corpus, tmp_path):
    out = tmp_path / "corpus.csv"
    count = export_records(corpus, "csv", out)
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert tuple(header.split(",")) == EXPORT_COLUMNS
    sheet = write_datasheet(corpus, datasheet_path(out, "csv"), "csv", Selection(), count)
    datasheet = sheet.read_text(encoding="utf-8")
    assert all(f"| `{name}` |" in datasheet for name in EXPORT_COLUMNS)
