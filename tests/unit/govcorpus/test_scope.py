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
    assert OWNERS.may_follow("520204", "http://xxgk.shuicheng.gov.cn/a/")
    assert OWNERS.may_follow("520200", "http://www.lps.gov.cn/")
    assert OWNERS.may_follow("520201", "http://xxgk.sc.lps.gov.cn/")
    assert not OWNERS.may_follow("520200", "http://xxgk.sc.lps.gov.cn/")  # the county's
    assert not OWNERS.may_follow("520201", "http://www.lps.gov.cn/")
    assert not OWNERS.may_follow("520204", "http://www.lps.gov.cn/")


def test_rows_sharing_a_domain_may_both_follow_it():
    assert OWNERS.may_follow("110101", "http://www.shared.gov.cn/")
    assert OWNERS.may_follow("110102", "http://www.shared.gov.cn/")


STARTS = {"www.lps.gov.cn", "sc.lps.gov.cn", "www.shuicheng.gov.cn"}


def test_a_platform_is_a_folder_on_another_host():
    platform = OWNERS.platform("520204", "http://xxgk.guizhou.gov.cn/sc/index.html", STARTS)
    assert platform == ("xxgk.guizhou.gov.cn", "/sc/")
    assert OWNERS.may_follow("520204", "http://xxgk.guizhou.gov.cn/sc/nb/1.html", {platform})
    assert not OWNERS.may_follow("520204", "http://xxgk.guizhou.gov.cn/other/", {platform})
    assert not OWNERS.may_follow("520204", "http://xxgk.guizhou.gov.cn/sc/")  # not admitted


def test_a_prefecture_platform_folder_but_never_another_government_s_own_site():
    assert OWNERS.platform("520204", "http://zfxxgk.lps.gov.cn/shuicheng/", STARTS) == (
        "zfxxgk.lps.gov.cn", "/shuicheng/")  # 六盘水's platform, the county's folder on it
    assert OWNERS.platform("520204", "http://zfxxgk.lps.gov.cn/", STARTS) is None  # its root
    assert OWNERS.platform("520204", "http://www.lps.gov.cn/zwgk/", STARTS) is None  # its home
    assert OWNERS.platform("520204", "http://xxgk.shuicheng.gov.cn/", STARTS) is None  # own
