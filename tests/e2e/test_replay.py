"""Replay of real captures over loopback, and `crawl --record` feeding a later replay."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa

from crawler.capture.replay_server import Answer, ArchiveError, ReplayArchive, ReplayServer
from tests.conftest import fetch_all, govcorpus
from tests.paths import PAGES, REPLAY

PINGTAN = REPLAY / "pingtan"
COLUMN = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/"
REPORT_2025 = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202603/t20260313_105587.htm"
REPORT_2023 = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202403/t20240308_87885.htm"


def _get(server: ReplayServer, url: str, data: bytes | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(f"{server.base_url}/{url}", data=data)
    try:
        with urllib.request.urlopen(request, timeout=10) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_the_server_answers_a_real_url_with_the_captured_bytes() -> None:
    with ReplayServer(ReplayArchive.load(PINGTAN)) as server:
        status, body = _get(server, REPORT_2023)
        missing, _ = _get(server, COLUMN + "nlist.htm")
    assert status == 200
    assert body == (PAGES / "reports" / "pingtan_2023" / "page.html").read_bytes()
    assert missing == 404
    assert server.misses == [("GET", COLUMN + "nlist.htm")]


def test_a_post_is_matched_on_its_form_whatever_the_field_order() -> None:
    archive = ReplayArchive()
    api = "https://www.pingtan.gov.cn/fjdzapp/search"
    archive.add("POST", api, b"channelid=200210&page=2", Answer(200, (), b'{"page": 2}'))
    with ReplayServer(archive) as server:
        assert _get(server, api, b"page=2&channelid=200210") == (200, b'{"page": 2}')
        assert _get(server, api, b"page=3&channelid=200210")[0] == 404


def test_a_bad_manifest_line_is_named(tmp_path: Path) -> None:
    (tmp_path / "replay.jsonl").write_text('{"url": "https://a.gov.cn/"}\n', encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"replay.jsonl:1"):
        ReplayArchive.load(tmp_path)


def _registry(tmp_path: Path) -> Path:
    registry = tmp_path / "registry.csv"
    registry.write_text(
        "region_code,name,level,start_urls,allowed_domains,hints\n"
        f"350128,平潭综合实验区,county,https://www.pingtan.gov.cn/,pingtan.gov.cn,"
        f"report_columns={COLUMN}\n",
        encoding="utf-8",
    )
    return registry


def _stored(db_url: str) -> dict[str, str]:
    rows = fetch_all(db_url, sa.text("select canonical_url, title from documents"))
    return dict(rows)


def test_a_recorded_night_replays_to_the_same_documents(tmp_path: Path) -> None:
    registry, recorded = _registry(tmp_path), tmp_path / "night"
    first = f"sqlite:///{tmp_path / 'first.db'}"
    result = govcorpus("crawl", "--registry", str(registry), "--db", first, "--workers", "0",
                       "--replay", str(PINGTAN), "--record", str(recorded))
    assert result.returncode == 0, result.stderr[-3000:]
    stored = _stored(first)
    assert stored[REPORT_2025] == "平潭综合实验区2025年度政府信息公开工作年度报告"
    assert stored[REPORT_2023] == "平潭综合实验区2023年度政府信息公开工作年度报告"
    assert list(recorded.glob("govcorpus-*.warc.gz"))

    second = f"sqlite:///{tmp_path / 'second.db'}"
    result = govcorpus("crawl", "--registry", str(registry), "--db", second, "--workers", "0",
                       "--replay", str(recorded))
    assert result.returncode == 0, result.stderr[-3000:]
    assert _stored(second) == stored
