"""A column whose first page answers unchanged has its further pages replayed from their stored
readings without asking, while each was asked for within GOVCORPUS_LIST_PAGES_TRUSTED_DAYS
(crawler/incremental/trusted.py). The column is the real first page of 恩格贝's two-page TRS
信息公开年报 column and a second page built to its shape (tests/files/replay/ordos_enggebei),
served on loopback with ETags; the server logs what it answered."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from govcorpus.registry import Portal
from tests.conftest import fetch_all
from tests.loopback import LOOPBACK, REPORT, ReportPortal, crawl_portals, serve
from tests.paths import REPLAY

PAGES = REPLAY / "ordos_enggebei" / "pages"
REAL_FIRST_PAGE = (PAGES / "xxgknb_index.html").read_bytes()
BUILT_SECOND_PAGE = (PAGES / "xxgknb_index_1_built_to_shape.html").read_bytes()
COLUMN = "/xxgk/xxgknb/"
FIRST, SECOND = COLUMN + "index.html", COLUMN + "index_1.html"
ON_SECOND_PAGE = {"201705/t20170512_0000003.html", "201605/t20160510_0000002.html",
                  "201505/t20150508_0000001.html"}  # the built page's three entries
ASKED_AT = sa.text("select url, asked_at from list_pages order by url")


class _Enggebei(ReportPortal):
    """A home page linking the column; its two pages answer 304 to their ETags; every listed
    document answers a small report page."""

    first_page = REAL_FIRST_PAGE

    def answer(self, path: str) -> None:
        if path == "/home.html":
            self.send(200, f'<html><body><a href="{FIRST}">信息公开年报</a></body></html>'.encode())
        elif path == FIRST:
            self.send_tagged(path, self.first_page)
        elif path == SECOND:
            self.send_tagged(path, BUILT_SECOND_PAGE)
        elif path.startswith(COLUMN + "20"):
            self.send(200, REPORT.format(title="恩格贝生态示范区政府信息公开工作年度报告").encode())
        else:
            self.send_error(404)


def _handler() -> type[_Enggebei]:
    return type("Handler", (_Enggebei,), {"asked": [], "answers": []})


def _portal(base: str) -> Portal:
    return Portal("150621", "恩格贝生态示范区", "county", (f"{base}/home.html",), ("127.0.0.1",),
                  LOOPBACK)


def _asked_at(db_url: str) -> dict[str, datetime]:
    return {url.rsplit("/", 1)[-1]: _utc(at) for url, at in fetch_all(db_url, ASKED_AT)}


def _utc(value: datetime | str) -> datetime:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _listed_in_last_run(db_url: str) -> set[str]:
    rows = fetch_all(db_url, sa.text(
        "select url from documents where last_listed_run_id = (select max(id) from crawl_runs)"))
    return {url.split(COLUMN, 1)[1] for (url,) in rows}


def _last_column(db_url: str) -> tuple[int, int]:
    return tuple(fetch_all(db_url, sa.text(
        "select listed, pages_read from list_columns order by id desc"))[0])


def _age_second_page(db_url: str, days: float) -> None:
    from storage import make_engine
    from storage.models import RememberedListPage

    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(sa.update(RememberedListPage)
                     .where(RememberedListPage.url.like(f"%{SECOND}"))
                     .values(asked_at=datetime.now(timezone.utc) - timedelta(days=days)))
    engine.dispose()


def test_the_second_page_of_an_unchanged_column_is_replayed_without_asking(
        tmp_path: Path, db_url: str) -> None:
    handler = _handler()
    with serve(handler) as base:
        first = crawl_portals(tmp_path, [_portal(base)], db_url)
        assert first.returncode == 0, first.stderr[-2000:]
        assert handler.answers == [(FIRST, 200), (SECOND, 200)]
        assert _last_column(db_url) == (13, 2)
        before = _asked_at(db_url)
        handler.answers.clear()

        second = crawl_portals(tmp_path, [_portal(base)], db_url)
        assert second.returncode == 0, second.stderr[-2000:]
    assert handler.answers == [(FIRST, 304)]  # the real first page unchanged: page 2 not asked
    listed = _listed_in_last_run(db_url)
    assert ON_SECOND_PAGE <= listed and len(listed) == 13  # page 2's documents still listed
    assert _last_column(db_url) == (13, 2)
    after = _asked_at(db_url)
    assert after["index.html"] > before["index.html"]  # asked tonight
    assert after["index_1.html"] == before["index_1.html"]  # not asked: its clock runs on


@pytest.mark.parametrize(("asked_days_ago", "options"), [
    (8, ()),  # asked longer ago than the default seven days
    (0, ("--set", "GOVCORPUS_LIST_PAGES_TRUSTED_DAYS=0")),  # trust turned off
])
def test_a_second_page_not_trusted_is_asked_for_again(tmp_path: Path, asked_days_ago: float,
                                                      options: tuple[str, ...]) -> None:
    handler = _handler()
    db_url = f"sqlite:///{tmp_path / 'corpus.db'}"
    with serve(handler) as base:
        assert crawl_portals(tmp_path, [_portal(base)], db_url).returncode == 0
        _age_second_page(db_url, asked_days_ago)
        before = _asked_at(db_url)
        handler.answers.clear()
        assert crawl_portals(tmp_path, [_portal(base)], db_url, *options).returncode == 0
    assert handler.answers == [(FIRST, 304), (SECOND, 304)]
    assert _asked_at(db_url)["index_1.html"] > before["index_1.html"]
    assert len(_listed_in_last_run(db_url)) == 13


def test_a_changed_first_page_has_its_second_page_asked_for(tmp_path: Path) -> None:
    handler = _handler()
    db_url = f"sqlite:///{tmp_path / 'corpus.db'}"
    with serve(handler) as base:
        assert crawl_portals(tmp_path, [_portal(base)], db_url).returncode == 0
        handler.answers.clear()
        handler.first_page = REAL_FIRST_PAGE.replace(b"2020-09-03", b"2020-09-04")  # an edit
        assert crawl_portals(tmp_path, [_portal(base)], db_url).returncode == 0
    assert handler.answers == [(FIRST, 200), (SECOND, 304)]


def _damage_second_page_reading(db_url: str) -> None:
    """A stored reading that no longer reads (a document link without its fields)."""
    from storage import make_engine
    from storage.models import RememberedListPage

    engine = make_engine(db_url)
    with engine.begin() as conn:
        second = RememberedListPage.url.like(f"%{SECOND}")
        reading = conn.execute(sa.select(RememberedListPage.reading).where(second)).scalar_one()
        conn.execute(sa.update(RememberedListPage).where(second)
                     .values(reading={**reading, "documents": [{"damaged": True}]}))
    engine.dispose()


def test_a_replay_that_fails_partway_still_notes_what_came_before_it(
        tmp_path: Path, db_url: str) -> None:
    handler = _handler()
    with serve(handler) as base:
        assert crawl_portals(tmp_path, [_portal(base)], db_url).returncode == 0
        _damage_second_page_reading(db_url)
        handler.answers.clear()
        crawl_portals(tmp_path, [_portal(base)], db_url)
    assert handler.answers == [(FIRST, 304)]
    listed = _listed_in_last_run(db_url)
    assert len(listed) == 10 and not listed & ON_SECOND_PAGE  # the first page's, noted
    faults = sorted(fetch_all(db_url, sa.text(
        "select kind, detail from faults where run_id = (select max(id) from crawl_runs)")))
    assert faults == [  # the page not read, and its column read short
        ("list_incomplete", "static: announced 2 list pages, read 1"),
        ("parse_error", faults[1][1])]
    assert faults[1][1].startswith("TypeError")
