"""The coverage report's numbers, from a real database."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from govcorpus.cli.coverage import render_coverage
from storage import CorpusWriter, init_db, make_engine
from storage.read.coverage import coverage
from tests.portals import portal

T0 = datetime(2026, 3, 10, tzinfo=timezone.utc)
PORTALS = [
    portal("350128", "平潭综合实验区"),
    portal("341621", "涡阳县"),
    portal("530323", "师宗县"),
]
REPORTS = [  # portal, report year, published, body type
    ("350128", 2023, "2024-03-08", "government"),
    ("350128", 2024, "2025-04-02", "government"),  # late: after 31 March
    ("341621", 2024, "2025-01-16", "department"),
    ("341621", 2023, "2024-02-05", "department"),  # late: after 31 January
]


@pytest.fixture
def engine(sqlite_url):
    engine = make_engine(sqlite_url)
    init_db(engine)
    writer = CorpusWriter(engine, batch_size=100)
    run = writer.start_run()
    writer.upsert_portals(PORTALS)
    for n, (code, year, published, body_type) in enumerate(REPORTS):
        url = f"http://127.0.0.1/{code}/t{n}.html"
        writer.add_page({"portal_code": code, "url": url, "canonical_url": url, "status": 200,
                         "body": b"", "fetched_at": T0, "is_annual_report": True,
                         "report_year": year, "publish_date": published, "body_type": body_type,
                         "title": f"{code} {year}年度报告"})
    writer.add_fault({"portal_code": "530323", "url": "http://127.0.0.1/530323/",
                      "kind": "http_521", "fetched_at": T0})
    writer.finish_run(run, {})
    yield engine
    engine.dispose()


def test_matrix_missing_late_and_silent_portals(engine):
    cov = coverage(engine)
    assert cov.years == [2023, 2024]
    assert cov.province_matrix() == {
        "340000": {2023: (1, 1), 2024: (1, 1)},
        "350000": {2023: (1, 1), 2024: (1, 1)},
        "530000": {2023: (0, 1), 2024: (0, 1)},
    }
    assert cov.missing() == [("530323", 2023), ("530323", 2024)]
    assert sorted((r.portal_code, r.report_year) for r in cov.late) == [
        ("341621", 2023), ("350128", 2024)
    ]
    assert cov.silent_portals() == ["530323"]
    assert cov.blocked_portals() == ["530323"]


def test_page_shows_the_numbers_and_plots(engine):
    page = render_coverage(coverage(engine, years=[2022, 2023, 2024]))
    assert "portal-years missing: <b>5</b>" in page
    assert "reports published after the deadline: <b>2</b>" in page
    assert page.count("<svg") == 2
    assert "云南省" in page and "530323 师宗县" in page
