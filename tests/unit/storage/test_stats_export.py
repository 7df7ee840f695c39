"""Statistics of the crawled testbed reports: stored, checked and exported one row per report."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import sqlalchemy as sa

from storage.export.tables import CELL_KEYS, REPORT_COLUMNS
from storage.models import Document
from tests.conftest import fetch_scalar, govcorpus
from tests.paths import STATS_EXPECTED

EXPECTED = STATS_EXPECTED


def reports_with_tables(db_url: str) -> int:
    return fetch_scalar(db_url, sa.select(sa.func.count()).where(
        Document.is_annual_report, Document.stats_format.is_not(None)))


def test_every_report_with_tables_is_one_consistent_row(testbed_corpus, tmp_path):
    out = tmp_path / "stats.csv"
    result = govcorpus("export", "--stats", "--format", "csv", "--out", str(out),
                       "--db", testbed_corpus.db_url)
    assert result.returncode == 0, result.stderr[-2000:]
    with out.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == REPORT_COLUMNS + CELL_KEYS
        rows = list(reader)
    assert len(rows) == reports_with_tables(testbed_corpus.db_url) > 10
    assert all(row["checks_failed"] == "0" and int(row["checks_run"]) > 0 for row in rows)
    assert {row["stats_format"] for row in rows} == {"2021", "2019"}
    assert (tmp_path / "stats.csv.datasheet.md").read_text("utf-8").count("`s3_") > 50


def test_real_report_tables_come_out_with_their_hand_checked_numbers(testbed_corpus, tmp_path):
    out = tmp_path / "stats.parquet"
    result = govcorpus("export", "--stats", "--format", "parquet", "--out", str(out),
                       "--db", testbed_corpus.db_url)
    assert result.returncode == 0, result.stderr[-2000:]
    rows = pq.read_table(out).to_pylist()
    for name in ("pingtan_2023_html", "pingtan_2025_html"):
        expected = json.loads((EXPECTED / f"{name}.json").read_text("utf-8"))["values"]
        matches = [row for row in rows if all(row[k] == v for k, v in expected.items())]
        assert matches, f"no exported report carries the numbers of {name}"
