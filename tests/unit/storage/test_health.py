"""Portal status rules, portal health read back from storage, overdue reports, exit codes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from crawler.runtime.monitors import EXIT_CODES, exit_code
from storage import make_engine
from storage.health import HealthRules, Night, derive_status, record_portal_health
from storage.models import utc_now
from storage.read.deadlines import overdue_reports
from tests.portals import portal
from tests.stored_pages import T0, page, writer_for

RULES = HealthRules(drop_share=0.5, window=7, failing_nights=2, error_share=0.2)
OTHER = portal("350102", "鼓楼区", "county", "https://www.pingtan.gov.cn/", "pingtan.gov.cn")


def night(reports: int = 10, listed: int = 20, requests: int = 30, errors: int = 0,
          blocked: bool = False) -> Night:
    return Night(1, "350128", reports=reports, listed=listed, requests=requests, errors=errors,
                 blocked=blocked)


@pytest.mark.parametrize(("tonight", "earlier", "status"), [
    (night(), [night(), night()], "ok"),
    (night(reports=6), [night(), night()], "ok"),  # fewer, but not by half
    (night(reports=4), [night(), night(reports=12), night(reports=3)], "degraded"),
    (night(listed=9), [night(), night()], "degraded"),
    (night(reports=0), [night(), night()], "empty"),
    (night(reports=0), [night(reports=0)] * 7 + [night()], "ok"),  # too long ago to count
    (night(reports=0, listed=0), [], "empty"),  # a first night with nothing
    (night(reports=0, listed=5), [], "ok"),  # lists documents, never a report
    (night(reports=0, blocked=True), [night()], "blocked"),
    (night(errors=10), [night(errors=8)], "failing"),
    (night(errors=10), [night()], "ok"),  # one bad night is not yet failing
    (night(errors=3), [night(errors=8)], "ok"),  # 3 errors in 30 requests: under 20%
])
def test_status_rules(tonight, earlier, status):
    assert derive_status(tonight, earlier, RULES) == status


def test_portal_health_is_read_back_from_what_the_runs_stored(db_url):
    writer = writer_for(db_url)
    writer.upsert_portals([OTHER])
    writer.add_page(page(1, "报告一", year=2023))
    writer.add_page(page(2, "报告二", year=2024))
    writer.add_page(page(3, "通知", is_annual_report=False))
    writer.add_fault({"portal_code": "350128", "url": "u", "kind": "http_500",
                      "fetched_at": T0})
    writer.finish_run(writer.run_id, {})
    engine = make_engine(db_url)
    [other, first] = record_portal_health(engine, writer.run_id, ["350128", "350102"],
                                          {"350128": 7}, RULES)
    writer.close()
    assert (first.portal_code, first.requests, first.pages, first.listed, first.new,
            first.reports, first.faults, first.errors, first.status) == (
        "350128", 7, 3, 3, 3, 2, {"http_500": 1}, 1, "ok")
    assert (other.portal_code, other.listed, other.status) == ("350102", 0, "empty")

    writer = writer_for(db_url)  # the next night: the column is gone, a list read short
    writer.add_gone({"canonical_url": page(3, "")["canonical_url"], "reason": "http_404",
                     "fetched_at": utc_now()})  # during this run
    for kind in ("list_incomplete", "http_404"):
        writer.add_fault({"portal_code": "350128", "url": "u", "kind": kind,
                          "fetched_at": T0 + timedelta(days=1)})
    writer.finish_run(writer.run_id, {})
    [second] = record_portal_health(engine, writer.run_id, ["350128"], {"350128": 2}, RULES)
    again = record_portal_health(engine, writer.run_id, ["350128"], {"350128": 2}, RULES)
    writer.close()
    engine.dispose()
    assert (second.listed, second.reports, second.gone, second.errors,
            second.lists_incomplete, second.status) == (0, 0, 1, 0, 1, "empty")
    assert [n.status for n in again] == ["empty"]  # recorded again, not twice


def test_overdue_reports_follow_article_49(db_url):
    writer = writer_for(db_url)
    writer.upsert_portals([OTHER])
    writer.add_page(page(1, "政府报告", year=2024, body_type="government"))
    bodies = [("平潭财政局", 2023), ("平潭教育局", 2023), ("平潭教育局", 2024)]
    for n, (body, year) in enumerate(bodies, start=2):
        writer.add_page(page(n, f"{body}{year}", year=year, body_type="department",
                             issuing_body=body))
    writer.flush()
    writer.close()
    engine = make_engine(db_url)

    def overdue(day: date) -> list[tuple[str, str, str, int]]:
        return [(o.portal_code, o.name, o.body_type, o.report_year)
                for o in overdue_reports(engine, day)]

    try:
        assert overdue(date(2025, 1, 31)) == []
        assert overdue(date(2025, 2, 1)) == [("350128", "平潭财政局", "department", 2024)]
        assert overdue(date(2025, 4, 1)) == [
            ("350102", "鼓楼区", "government", 2024),
            ("350128", "平潭财政局", "department", 2024)]
    finally:
        engine.dispose()


def test_the_lowest_exit_code_of_the_failed_monitors_wins():
    assert exit_code([]) == 0
    assert exit_code(["empty_portals", "stage_failures"]) == 12
    assert sorted(EXIT_CODES.values()) == list(range(10, 17))


def monitor_outcome(stats: dict) -> tuple[int, dict]:
    """Run the nightly monitors (spidermon) over a crawl's stats, as at the end of a crawl."""
    from scrapy.utils.test import get_crawler
    from spidermon.runners import MonitorRunner

    from crawler.runtime.monitors import NightlyMonitors
    from crawler.runtime.report import EXIT_STATS, MONITOR_STATS

    crawler = get_crawler(settings_dict={"GOVCORPUS_MONITOR_PAGE_FAILURE_RATE": 0.5,
                                         "GOVCORPUS_MONITOR_STAGE_FAILURE_RATE": 0.1})
    MonitorRunner().run(NightlyMonitors(crawler=crawler), stats=stats, crawler=crawler)
    failed = {k: v["messages"] for k, v in crawler.stats.get_value(MONITOR_STATS).items()
              if v["failed"]}
    return crawler.stats.get_value(EXIT_STATS), failed


HEALTHY = {"finish_reason": "finished", "downloader/request_count": 100,
           "govcorpus/faults/http_404": 40, "govcorpus/faults/blocked": 1,
           "govcorpus/health/analysed_pages": 50, "govcorpus/health/failed_pages": 5,
           "govcorpus/faults/timeout": 50, "govcorpus/portals/empty/codes": ""}


@pytest.mark.parametrize(("changes", "code", "failed"), [
    ({}, 0, {}),
    ({"finish_reason": "shutdown"}, 10, {"stopped_early": ["the crawl stopped early: shutdown"]}),
    ({"govcorpus/spilled": 36, "govcorpus/spill_file": "x.jsonl"}, 11,
     {"database": ["the database did not take 36 records: they are in x.jsonl"]}),
    ({"govcorpus/health/db_error": "OperationalError: gone"}, 11,
     {"database": ["portal health not recorded: OperationalError: gone"]}),
    ({"govcorpus/health/failed_pages": 6}, 12,
     {"stage_failures": ["analysis failed on 6 of 50 pages (12%, limit 10%)"]}),
    ({"govcorpus/faults/timeout": 51}, 13,
     {"page_failures": ["51 of 100 requests failed (51%, limit 50%)"]}),
    ({"govcorpus/portals/empty/codes": "350128", "govcorpus/portals/blocked/codes": "650103"},
     14, {"empty_portals": ["portals empty: 350128"],
          "failing_portals": ["portals failing/blocked: 650103"]}),
])
def test_each_monitor_fails_with_its_exit_code(changes, code, failed):
    assert monitor_outcome({**HEALTHY, **changes}) == (code, failed)


def test_each_portal_is_judged_on_its_own_latest_nights_before_tonight(db_url):
    from storage.health import _earlier_nights
    from storage.models import CrawlRun, PortalHealth

    engine = make_engine(db_url)
    writer = writer_for(db_url)  # the schema, and run 1
    writer.upsert_portals([OTHER])
    with engine.begin() as conn:
        conn.execute(sa.insert(CrawlRun), [{"id": n, "status": "finished", "stats": {}}
                                           for n in range(2, 13)])
        conn.execute(sa.insert(PortalHealth), [
            {"run_id": n, "portal_code": code, "listed": n, "status": "ok", "faults": {}}
            for n in range(1, 13) for code in ("350128", "350102")
            if code == "350128" or n in (2, 5, 12)])
    with engine.connect() as conn:
        nights = _earlier_nights(conn, 12, ["350128", "350102"], 7)
    writer.close()
    engine.dispose()
    assert [n.run_id for n in nights["350128"]] == [11, 10, 9, 8, 7, 6, 5]
    assert [n.run_id for n in nights["350102"]] == [5, 2]
