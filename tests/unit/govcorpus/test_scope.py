"""Which hosts a portal may follow (govcorpus/scope.py)."""

from __future__ import annotations

from govcorpus.scope import HostOwners, default_domains, own_domain


def test_own_domains_drop_www_only():
    assert own_domain("www.shuicheng.gov.cn") == "shuicheng.gov.cn"
    assert own_domain("sc.lps.gov.cn") == "sc.lps.gov.cn"
    assert own_domain("www.gov.cn") == "www.gov.cn"  # nothing left but a suffix: kept whole
    assert default_domains(["http://www.a.gov.cn/", "https://xxgk.a.gov.cn/x"]) == (
        "a.gov.cn", "xxgk.a.gov.cn")


OWNERS = HostOwners({
    "520200": ["lps.gov.cn"],  # 六盘水
    "520201": ["sc.lps.gov.cn"],  # a county below its prefecture's domain
    "520204": ["shuicheng.gov.cn"],
    "110101": ["shared.gov.cn"], "110102": ["shared.gov.cn"],  # two rows, one domain
})


def test_a_host_belongs_to_the_longest_own_domain():
    assert OWNERS.may_follow("520204", "xxgk.shuicheng.gov.cn")
    assert OWNERS.may_follow("520200", "www.lps.gov.cn")
    assert OWNERS.may_follow("520201", "xxgk.sc.lps.gov.cn")
    assert not OWNERS.may_follow("520200", "xxgk.sc.lps.gov.cn")  # the county's, not the city's
    assert not OWNERS.may_follow("520201", "www.lps.gov.cn")
    assert not OWNERS.may_follow("520204", "www.lps.gov.cn")


def test_rows_sharing_a_domain_may_both_follow_it():
    assert OWNERS.may_follow("110101", "www.shared.gov.cn")
    assert OWNERS.may_follow("110102", "www.shared.gov.cn")


def test_platforms_are_hosts_no_portal_owns():
    assert OWNERS.may_admit_platform("xxgk.guizhou.gov.cn")
    assert not OWNERS.may_admit_platform("xxgk.lps.gov.cn")  # 六盘水's: never a platform
    assert not OWNERS.may_follow("520204", "xxgk.guizhou.gov.cn")
    assert OWNERS.may_follow("520204", "xxgk.guizhou.gov.cn", {"xxgk.guizhou.gov.cn"})
    assert not OWNERS.may_follow("520204", "www.lps.gov.cn", {"www.lps.gov.cn"})
