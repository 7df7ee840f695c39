"""`govcorpus extract` and the crawl's stages give the same record for the same page."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from crawler.items import PageItem
from govcorpus.cli.crawl import project_settings
from govcorpus.cli.inspect import extract_record
from govcorpus.contract import RECORD_FIELDS
from pipelines.offload import analyse, analysis_stage_paths
from testbed import Testbed
from tests.paths import PAGES, STATS_EXPECTED

TESTBED = Testbed(portals=3, docs_per_portal=6, seed=0)
STAGES = analysis_stage_paths(project_settings())
BASE = "http://127.0.0.1:8765"


def crawled(doc) -> tuple[dict, PageItem]:
    _status, headers, body = TESTBED.respond(doc.url_path)
    item = PageItem(portal_code=doc.portal_code, url=BASE + doc.url_path, status=200,
                    headers=headers, body=body, fetched_at=datetime.now(timezone.utc))
    record = extract_record(body, BASE + doc.url_path, headers.get("Content-Type"),
                            portal_code=doc.portal_code)
    return record, analyse(item, STAGES)


@pytest.mark.parametrize("doc", TESTBED.manifest(), ids=lambda doc: doc.url_path)
def test_extract_and_crawl_agree(doc):
    record, item = crawled(doc)
    for name in RECORD_FIELDS:
        if name != "text_normalized" or item.text_normalized is not None:
            assert record[name] == getattr(item, name), name
    assert record["is_annual_report"] == doc.is_annual_report
    if item.stats_cells:
        flat = {(c["section"], c["row"], c["column"]): c["value"] for c in item.stats_cells}
        nested = {(s, r, c): v for s, rows in record["stats"].items()
                  for r, cols in rows.items() for c, v in cols.items()}
        assert nested == flat
        assert record["stats_checks"] == item.stats_checks
    else:
        assert record["stats"] is None


def test_extract_gives_a_real_reports_hand_checked_numbers():

    from govcorpus.tables import cell_key

    files = PAGES
    body = (files / "reports" / "pingtan_2025" / "page.html").read_bytes()
    record = extract_record(body, "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/t.htm")
    expected = json.loads((STATS_EXPECTED / "pingtan_2025_html.json")
                          .read_text("utf-8"))["values"]
    got = {cell_key(s, r, c): v for s, rows in record["stats"].items()
           for r, cols in rows.items() for c, v in cols.items()}
    assert got == expected
    assert all(check["ok"] for check in record["stats_checks"])
