"""A crawl that starts on a real 政府信息公开 hub, replayed over loopback, asks for the 年报 column
a person would click there, and for nothing off the portal's site.

The hub is the real 邯郸市 page (see tests/files/real/PROVENANCE.md); nothing else is captured,
so every page the crawl asks for past the hub is answered 404 and recorded as a fault with its URL.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import sqlalchemy as sa

from tests.conftest import fetch_all, govcorpus
from tests.paths import FILES

HUB = "http://hdzfxxgk.hd.gov.cn/"
HUB_PAGE = FILES / "real/kevin3691__renmin/src/main/webapp/WEB-INF/views/affairs/index.jsp"
COLUMN = "http://hdzfxxgk.hd.gov.cn/zfxxgknb/"  # the page's <a …>政府信息公开年报</a>, read by eye


def test_a_crawl_from_the_real_handan_hub_asks_for_its_report_column(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    entry = {"url": HUB, "file": str(HUB_PAGE), "content_type": "text/html; charset=utf-8"}
    (archive / "replay.jsonl").write_text(json.dumps(entry) + "\n", encoding="utf-8")
    registry = tmp_path / "registry.csv"
    registry.write_text("region_code,name,level,start_urls,allowed_domains,hints\n"
                        f"130400,邯郸市,prefecture,{HUB},hd.gov.cn,\n", encoding="utf-8")
    db_url = f"sqlite:///{tmp_path / 'corpus.db'}"
    result = govcorpus("crawl", "--registry", str(registry), "--db", db_url, "--workers", "0",
                       "--replay", str(archive))
    assert result.returncode == 14, result.stderr[-3000:]  # a portal yielding nothing: empty
    asked = {url for (url,) in fetch_all(db_url, sa.text("select url from faults"))}
    assert COLUMN in asked
    hosts = {urlsplit(url).hostname for url in asked}
    assert all(host == "hd.gov.cn" or host.endswith(".hd.gov.cn") for host in hosts), hosts
