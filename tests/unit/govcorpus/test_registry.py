"""The registry file: valid rows load, bad ones fail with the file and line."""

import pytest

from govcorpus.registry import Portal, RegistryError, load_registry, write_registry

HEADER = "region_code,name,level,start_urls,allowed_domains,hints\n"


def write(tmp_path, text: str):
    path = tmp_path / "registry.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_a_row_with_hints(tmp_path):
    path = write(
        tmp_path,
        HEADER + "350128,平潭综合实验区,county,https://www.pingtan.gov.cn/,pingtan.gov.cn,"
        "report_columns=https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/\n",
    )
    [portal] = load_registry(path)
    assert portal.region_code == "350128"
    assert portal.allowed_domains == ("pingtan.gov.cn",)
    assert portal.hints == {"report_columns": "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/"}


def test_allowed_domains_default_to_start_hosts_without_www(tmp_path):
    path = write(tmp_path, HEADER + "341621,涡阳县,county,https://www.gy.gov.cn/ ,,\n"
                 "520204,水城区,county,http://sc.lps.gov.cn/,,\n")
    assert [p.allowed_domains for p in load_registry(path)] == [("gy.gov.cn",), ("sc.lps.gov.cn",)]


@pytest.mark.parametrize(
    "row, message",
    [
        ("35012,x,county,https://a.gov.cn/,,", "6-digit"),
        ("350128,x,town,https://a.gov.cn/,,", "level"),
        ("350128,x,county,ftp://a.gov.cn/,,", "not http"),
        ("350128,x,county,,,", "no start_urls"),
        ("350128,x,county,https://a.gov.cn/,,broken", "key=value"),
    ],
)
def test_bad_rows_name_the_line(tmp_path, row, message):
    path = write(tmp_path, HEADER + row + "\n")
    with pytest.raises(RegistryError, match=message) as info:
        load_registry(path)
    assert f"{path}:2" in str(info.value)


def test_missing_file_and_header(tmp_path):
    with pytest.raises(RegistryError, match="not found"):
        load_registry(tmp_path / "nope.csv")
    with pytest.raises(RegistryError, match="lacks column"):
        load_registry(write(tmp_path, "code,name\n1,2\n"))


def test_duplicate_region_code(tmp_path):
    row = "350128,x,county,https://a.gov.cn/,,\n"
    with pytest.raises(RegistryError, match="twice"):
        load_registry(write(tmp_path, HEADER + row + row))


def test_round_trip(tmp_path):
    portal = Portal("530323", "师宗县", "county", ("http://127.0.0.1:1/a/",), ("127.0.0.1",))
    write_registry(tmp_path / "r.csv", [portal])
    assert load_registry(tmp_path / "r.csv") == [portal]


def test_one_directory_serves_the_spider_middlewares_and_store(tmp_path):
    from scrapy.utils.misc import build_from_crawler
    from scrapy.utils.test import get_crawler

    from crawler.incremental.recheck import RecheckUnlisted
    from crawler.politeness.address_guard import AddressGuard, RedirectGuard
    from crawler.spiders.portal import PortalSpider
    from govcorpus.cli.crawl import project_settings
    from pipelines.store import StorePipeline

    path = write(tmp_path, HEADER + "341621,涡阳县,county,https://www.gy.gov.cn/,gy.gov.cn,\n")
    settings = project_settings({"GOVCORPUS_DB_URL": f"sqlite:///{tmp_path}/c.db"})
    crawler = get_crawler(PortalSpider, {k: v for k, v in settings.copy_to_dict().items()
                                         if k.startswith("GOVCORPUS_")})
    spider = PortalSpider.from_crawler(crawler, registry=str(path))
    directory = spider.portals
    assert crawler.portals is directory and directory.source == str(path)
    assert build_from_crawler(AddressGuard, crawler).policy.portals is directory
    assert build_from_crawler(RedirectGuard, crawler).policy.portals is directory
    assert build_from_crawler(StorePipeline, crawler).portals is directory
    assert build_from_crawler(RecheckUnlisted, crawler).crawler.portals is directory
    assert list(directory) == ["341621"] and directory["341621"].name == "涡阳县"


def test_directory_admits_a_portal_s_pages_up_to_its_limit():
    from crawler.portals import PortalDirectory

    portal = Portal("341621", "涡阳县", "county", ("https://www.gy.gov.cn/",), ("gy.gov.cn",))
    directory = PortalDirectory([portal], None, max_pages=2)
    assert directory.admit("341621", "https://www.gy.gov.cn/a")
    assert directory.note("341621", "https://www.gy.gov.cn/b")
    assert not directory.note("341621", "https://www.gy.gov.cn/b")  # noted once
    assert directory.admit("341621", "https://www.gy.gov.cn/a")  # asked already: still fine
    assert not directory.admit("341621", "https://www.gy.gov.cn/c")  # a third page: refused
    assert directory.asked == {"341621": {"https://www.gy.gov.cn/a", "https://www.gy.gov.cn/b"}}


def test_a_crawl_without_a_registry_is_refused():
    from scrapy.utils.test import get_crawler

    from crawler.spiders.portal import PortalSpider

    with pytest.raises(ValueError, match="registry"):
        PortalSpider.from_crawler(get_crawler(PortalSpider))


def test_scrapy_arguments_choose_from_the_national_registry(tmp_path):
    """`scrapy crawl portal -a registry=national,mine.csv -a province=52`, as the CLI does."""
    from scrapy.utils.test import get_crawler

    from crawler.spiders.portal import PortalSpider

    mine = write(tmp_path, HEADER + "520204,水城区,county,https://new.shuicheng.gov.cn/,,\n")
    spider = PortalSpider.from_crawler(get_crawler(PortalSpider),
                                       registry=f"national,{mine}", province="52")
    assert len(spider.portals) == 97
    assert spider.portals["520204"].start_urls == ("https://new.shuicheng.gov.cn/",)
    by_code = PortalSpider.from_crawler(get_crawler(PortalSpider), registry="national",
                                        code="520204,520221,350128")
    assert sorted(by_code.portals) == ["350128", "520204"]  # 520221 is no longer a government
