"""Portals dealt to crawling processes: no host in two of them, about as many portals each."""

from __future__ import annotations

from pathlib import Path

import pytest

from govcorpus.registry import Portal
from govcorpus.shards import shard_file, split_by_host


def portal(code: str, domain: str, *, start: str | None = None, columns: str = "") -> Portal:
    hints = {"report_columns": columns} if columns else {}
    return Portal(code, f"portal {code}", "county", (start or f"https://www.{domain}/",),
                  (domain,), hints)


def codes(shards: list[list[Portal]]) -> list[list[str]]:
    return [[p.region_code for p in shard] for shard in shards]


def test_portals_of_distinct_hosts_are_dealt_evenly_in_registry_order():
    portals = [portal(f"3501{i:02d}", f"county{i}.gov.cn") for i in range(1, 8)]
    shards = codes(split_by_host(portals, 2))
    assert sorted(len(s) for s in shards) == [3, 4]
    assert sorted(c for s in shards for c in s) == [p.region_code for p in portals]
    assert all(s == sorted(s) for s in shards)


def test_a_county_under_its_prefecture_domain_stays_with_it():
    # 昌都市 and its counties in the national registry: changdu.gov.cn, karuo.changdu.gov.cn …
    portals = [portal("540300", "changdu.gov.cn"), portal("540302", "karuo.changdu.gov.cn"),
               portal("540321", "jiangda.changdu.gov.cn"), portal("350128", "pingtan.gov.cn"),
               portal("350102", "gl.gov.cn")]
    shards = codes(split_by_host(portals, 2))
    assert sorted(shards) == [["350128", "350102"], ["540300", "540302", "540321"]]


def test_portals_sharing_a_report_column_host_stay_together():
    platform = "http://xxgk.jiangxi.gov.cn/col/col1/index.html"
    portals = [portal("360102", "donghu.gov.cn", columns=platform),
               portal("360103", "xihu.gov.cn"),
               portal("360104", "qingyunpu.gov.cn", columns=platform.replace("col1", "col2"))]
    shards = codes(split_by_host(portals, 3))
    assert ["360102", "360104"] in shards
    assert ["360103"] in shards


def test_no_more_shards_than_groups_and_a_bad_count_is_refused():
    portals = [portal("350128", "pingtan.gov.cn"), portal("350129", "www.pingtan.gov.cn")]
    assert codes(split_by_host(portals, 4)) == [["350128", "350129"]]
    with pytest.raises(ValueError):
        split_by_host(portals, 0)


@pytest.mark.parametrize(("path", "shard", "expected"), [
    ("nights/report.json", "1/2", "nights/report-1.json"),
    ("nights/govcorpus-20261207T010000Z.warc.gz", "2/2",
     "nights/govcorpus-20261207T010000Z-2.warc.gz"),
    ("metrics.prom", "", "metrics.prom"),
])
def test_each_process_writes_its_own_file(path, shard, expected):
    assert shard_file(path, shard) == Path(expected)


def test_portals_whose_remembered_columns_share_a_host_stay_together():
    # gkmlpt-style: a column discovered on a platform host outside the portal's own domain
    portals = [portal("440103", "lw.gov.cn"), portal("440104", "yuexiu.gov.cn"),
               portal("440105", "haizhu.gov.cn")]
    columns = {"440103": ["http://gkml.gz.gov.cn/gkmlpt/index?col=1"],
               "440105": ["http://gkml.gz.gov.cn/gkmlpt/index?col=2"]}
    shards = codes(split_by_host(portals, 2, columns))
    assert sorted(shards) == [["440103", "440105"], ["440104"]]


def test_portals_are_weighed_by_their_remembered_columns():
    portals = [portal(f"3501{i:02d}", f"county{i}.gov.cn") for i in range(1, 5)]
    columns = {"350101": [f"http://www.county1.gov.cn/col{n}/" for n in range(6)]}
    shards = codes(split_by_host(portals, 2, columns))
    assert sorted(shards) == [["350101"], ["350102", "350103", "350104"]]
