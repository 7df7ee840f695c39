"""年报 columns found once and remembered: the real 平潭 column reached from its home page in a
national crawl of Fujian, then read straight from memory; a testbed column that moves, found
again and reported `column_moved`."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import sqlalchemy as sa

from crawler.capture.replay_server import ReplayServer, load_archives
from testbed import Testbed, TestbedServer
from tests.conftest import fetch_all, govcorpus
from tests.paths import REPLAY
from tests.ports import free_port

HOME = "https://www.pingtan.gov.cn/"
HUB = "https://www.pingtan.gov.cn/zwgk/zfxxgk/"
COLUMN = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/"


def _index_urls() -> set[str]:
    """The column's 20 documents as the archive's INDEX.md lists them."""
    return set(re.findall(r"\| (https://www\.pingtan\.gov\.cn/\S+\.htm) \|",
                          (REPLAY / "pingtan" / "INDEX.md").read_text("utf-8")))


def _remembered(db_url: str) -> dict[tuple[str, str], tuple]:
    rows = fetch_all(db_url, sa.text(
        "select portal_code, url, how, path, failed_nights, moved_to from portal_columns"))
    return {(code, url): (how, json.loads(path) if isinstance(path, str) else path, failed, moved)
            for code, url, how, path, failed, moved in rows}


def _national_night(db_url: str, server: ReplayServer) -> list[str]:
    """`govcorpus crawl --registry national --province 35` against the replay; the URLs the
    crawl asked for."""
    before = len(server.requests)
    result = govcorpus("crawl", "--registry", "national", "--province", "35", "--db", db_url,
                       "--testbed", "--workers", "0",
                       "--set", f"GOVCORPUS_REPLAY_URL={server.base_url}")
    assert result.returncode in (0, 14), result.stderr[-3000:]  # 14: portals with nothing
    return [url for _, url in server.requests[before:]]


def test_pingtan_is_read_from_its_remembered_column_on_the_second_night(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'fujian.db'}"
    archive = load_archives([REPLAY / "pingtan", REPLAY / "pingtan_nav_built_to_shape"])
    with ReplayServer(archive) as server:
        first = _national_night(db_url, server)
        assert HOME in first and HUB in first and COLUMN in first
        assert "http://www.fuzhou.gov.cn/" in first  # every Fujian portal walked: 94 of them
        how, path, failed, moved = _remembered(db_url)[("350128", COLUMN)]
        assert how == "link_text" and failed == 0 and moved is None
        assert path == [[HOME, ""], [HUB, "政府信息公开"], [COLUMN, "政府信息公开年报"]]
        stored = {url for (url,) in fetch_all(db_url, sa.text(
            "select canonical_url from documents where portal_code = '350128'"))}
        assert _index_urls() <= stored
        [(size,)] = fetch_all(db_url, sa.text(
            "select size from portal_columns where url = :url").bindparams(url=COLUMN))
        assert size == 20  # the real page's pager: the next night starts the largest first

        second = _national_night(db_url, server)
    assert COLUMN in second
    assert HOME not in second and HUB not in second  # no walk: straight to the column
    assert "http://www.fuzhou.gov.cn/" in second  # portals without a column still walk
    [(listed,)] = fetch_all(db_url, sa.text(
        "select listed from list_columns where url = :url and run_id = "
        "(select max(id) from crawl_runs)").bindparams(url=COLUMN))
    assert listed == 20


def _testbed_night(day: int, port: int, tmp_path: Path, db_url: str, **outages
                   ) -> tuple[Testbed, dict]:
    testbed = Testbed(portals=2, docs_per_portal=6, day=day, **outages)
    report = tmp_path / f"night{day}.json"
    with TestbedServer(testbed, port=port) as server:
        registry = tmp_path / "registry.csv"
        testbed.write_registry(registry, server.base_url)
        result = govcorpus("crawl", "--registry", str(registry), "--db", db_url, "--testbed",
                           "--workers", "0", "--report", str(report),
                           "--set", "GOVCORPUS_REVISIT_DAYS=0",
                           "--set", "GOVCORPUS_REDISCOVER_AFTER=1")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return testbed, json.loads(report.read_text("utf-8"))


def test_a_moved_column_is_walked_to_again_and_reported(tmp_path, db_url):
    port, code = free_port(), "530323"  # the testbed's first portal: a TRS site
    base = f"http://127.0.0.1:{port}/{code}"
    old, new = f"{base}/zwgk/zfxxgk/zfxxgknb/index.html", f"{base}/zwgk/zfxxgk/zfxxgknd/index.html"

    first, _ = _testbed_night(1, port, tmp_path, db_url)
    assert f"/{code}/index.html" in first.requested
    assert _remembered(db_url)[(code, old)][0] == "link_text"

    moved, report = _testbed_night(2, port, tmp_path, db_url, columns_moved=[code])
    assert f"/{code}/index.html" in moved.requested  # the old column 404: walked again
    remembered = _remembered(db_url)
    assert remembered[(code, old)][3] == new  # moved_to
    assert remembered[(code, new)][:2] == ("link_text", [  # testbed/style_trs.py: the home
        [f"{base}/index.html", ""],  # page's 快速通道 links the hub, the hub the column
        [f"{base}/zwgk/zfxxgk/index.html", "政府信息公开"], [new, "政府信息公开年报"]])
    faults = fetch_all(db_url, sa.text(
        "select url, detail from faults where kind = 'column_moved'"))
    assert [url for url, _ in faults] == [old] and new in faults[0][1]
    night = next(p for p in report["portals"] if p["portal_code"] == code)
    assert night["faults"].get("column_moved") == 1

    third, _ = _testbed_night(3, port, tmp_path, db_url, columns_moved=[code])
    assert f"/{code}/index.html" not in third.requested  # starts from the new column
    assert f"/{code}/zwgk/zfxxgk/zfxxgknd/index.html" in third.requested
    other = Testbed(portals=2).portal_specs()[1].region_code
    assert f"/{other}/index.html" not in third.requested  # its column is remembered too


PLATFORM = "http://xxgk.guizhou-platform.gov.cn/shuicheng/"
REGISTRY = ("region_code,name,level,start_urls,allowed_domains,hints\n"
            "520204,水城区,county,http://www.shuicheng.gov.cn/,,\n"
            "520200,六盘水市,prefecture,http://www.gzlps.gov.cn/,,\n")


def _platform_night(tmp_path: Path, command: str) -> tuple[list[str], str]:
    registry, db_url = tmp_path / "guizhou.csv", f"sqlite:///{tmp_path / 'corpus.db'}"
    registry.write_text(REGISTRY, encoding="utf-8")
    with ReplayServer(load_archives([REPLAY / "platform_built_to_shape"])) as server:
        result = govcorpus(command, "--registry", str(registry), "--db", db_url,
                           "--set", "GOVCORPUS_NAV_DEPTH=1", "--set", "GOVCORPUS_WORKERS=0",
                           "--set", f"GOVCORPUS_REPLAY_URL={server.base_url}",
                           "--set", "DOWNLOAD_DELAY=0", "--set", "AUTOTHROTTLE_ENABLED=False")
        assert result.returncode in (0, 14), result.stderr[-3000:]
        return [url for _, url in server.requests], db_url


def test_a_platform_linked_from_the_home_page_is_followed_another_government_never(tmp_path):
    asked, db_url = _platform_night(tmp_path, "crawl")
    assert PLATFORM in asked and f"{PLATFORM}zfxxgknb/" in asked
    assert f"{PLATFORM}zfxxgknb/202403/t20240320_1.html" in asked  # its reports asked for
    assert "http://www.gzlps.gov.cn/zwgk/" not in asked  # 六盘水's page, linked by 水城区
    how, path, _, _ = _remembered(db_url)[("520204", f"{PLATFORM}zfxxgknb/")]
    assert how == "link_text" and path == [["http://www.shuicheng.gov.cn/", ""],
                                           [PLATFORM, "政府信息公开"],
                                           [f"{PLATFORM}zfxxgknb/", "政府信息公开年报"]]
    exported = govcorpus("registry", "columns", "--registry", str(tmp_path / "guizhou.csv"),
                         "--db", db_url, "--csv")
    [row] = csv.DictReader(io.StringIO(exported.stdout))  # 六盘水 has no column found
    assert (row["region_code"], row["hints"]) == ("520204", f"report_columns={PLATFORM}zfxxgknb/")


def test_discover_remembers_the_columns_and_fetches_no_document(tmp_path):
    asked, db_url = _platform_night(tmp_path, "discover")
    assert f"{PLATFORM}zfxxgknb/" in asked
    assert not [url for url in asked if "t20240320" in url or "t20230321" in url]
    assert ("520204", f"{PLATFORM}zfxxgknb/") in _remembered(db_url)
    assert fetch_all(db_url, sa.text("select count(*) from documents")) == [(0,)]
