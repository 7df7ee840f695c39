"""The panel's rules on hand-made candidates: which report is the one, and what a hole is."""

from __future__ import annotations

from storage.read.panel import Candidate, Government, choose, government_row


def candidate(id_: int, *, portal="350128", body="平潭县人民政府", body_type="government",
              title="平潭县2020年政府信息公开工作年度报告", published="2021-03-01", length=100,
              group=None) -> Candidate:
    return Candidate(id_, f"d{id_}", portal, body, title, body_type, published, length,
                     group or id_)


PINGTAN = Government("350128", "平潭县")


def test_a_corrected_version_wins_over_the_original_even_when_shorter():
    original = candidate(1, length=900)
    fixed = candidate(2, title="平潭县2020年政府信息公开工作年度报告（更正）", length=800,
                      published="2021-04-02")
    assert choose([original, fixed]) == (fixed, "corrected")


def test_duplicates_give_the_longest_text_and_different_texts_the_latest():
    short, long_ = candidate(1, length=100), candidate(2, length=300, group=1,
                                                       published="2021-02-01")
    assert choose([short, long_]) == (long_, "longest_duplicate")
    older, newer = candidate(1, length=900), candidate(2, published="2021-03-20")
    assert choose([older, newer]) == (newer, "latest")


def test_lateness_goes_by_the_first_publication_not_the_correction():
    original = candidate(1, published="2021-03-31")
    fixed = candidate(2, title="平潭县2020年政府信息公开工作年度报告（修订）",
                      published="2021-06-01")
    row = government_row(PINGTAN, 2020, [original, fixed], "ok")
    assert (row.status, row.chosen, row.choice, row.deadline) == (
        "found", fixed, "corrected", "2021-03-31")
    late = government_row(PINGTAN, 2020, [candidate(1, published="2021-04-01")], "ok")
    assert late.status == "late"


def test_towns_and_departments_are_not_the_government_and_its_own_portal_comes_first():
    town = candidate(1, body="平潭县苏澳镇人民政府")
    department = candidate(2, body="平潭县财政局", body_type="department")
    assert government_row(PINGTAN, 2020, [town, department], "ok").status == "department_only"
    repost = candidate(3, portal="350100", published="2021-01-05")
    home = candidate(4, published="2021-05-05")
    row = government_row(PINGTAN, 2020, [repost, home], "ok")
    assert (row.status, row.chosen, row.candidates) == ("late", home, 1)
    assert government_row(PINGTAN, 2020, [repost], "ok").status == "elsewhere"


def test_a_row_with_nothing_says_whether_the_hole_is_in_publication_or_in_the_crawl():
    assert [(r.status, r.hole) for r in (
        government_row(PINGTAN, 2020, [], "ok"),
        government_row(PINGTAN, 2020, [], "hole"),
        government_row(PINGTAN, 2020, [], None),
    )] == [("missing", "publication"), ("portal_failing", "crawl"), ("not_crawled", "crawl")]


def test_the_latest_night_decides_whether_a_portal_is_a_crawl_hole(db_url):
    import sqlalchemy as sa

    from storage import corpus_engine, init_db
    from storage.models import CrawlRun, PortalHealth
    from storage.read.panel import latest_nights

    nights = [  # (run, portal, status, listed, errors)
        (1, "350128", "failing", 0, 9), (2, "350128", "ok", 40, 0),  # recovered: ok
        (1, "341621", "ok", 30, 0), (2, "341621", "blocked", 0, 0),
        (2, "530323", "failing", 12, 5),
        (2, "520204", "empty", 0, 3),  # listed nothing, with errors
        (2, "430621", "empty", 0, 0),  # listed nothing, no error: the portal has nothing
    ]
    with corpus_engine(db_url) as engine:
        init_db(engine)
        with engine.begin() as conn:
            conn.execute(sa.insert(CrawlRun), [{"id": 1}, {"id": 2}])
            conn.execute(sa.insert(PortalHealth), [
                {"run_id": run, "portal_code": code, "status": status, "listed": listed,
                 "errors": errors} for run, code, status, listed, errors in nights])
        with engine.connect() as conn:
            assert latest_nights(conn) == {"350128": "ok", "341621": "hole", "530323": "hole",
                                           "520204": "hole", "430621": "ok"}
