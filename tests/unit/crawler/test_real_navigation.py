"""On real portal pages, the spider asks for the link a person would click: on a 政府信息公开
hub, the 年报 column; on any portal page, the hub its navigation offers.

Each expected URL was read off the page by hand (the anchor, its href, the page's own URL), not
computed by the code under test. The pages are real captures; see the PROVENANCE.md beside each
(tests/files/real/, tests/files/replay/pingtan/, govcorpus/data/eval/files/).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import scrapy
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawler.listing.links import Link, page_links, page_selector
from crawler.meta import HOPS, PORTAL_CODE
from crawler.spiders.portal import PortalSpider
from govcorpus.cli.crawl import project_settings
from govcorpus.registry import Portal
from tests.paths import FILES, PAGES

HANDAN = "real/kevin3691__renmin/src/main/webapp/WEB-INF/views/affairs/"
JILIN = ("real/immortal-autumn__Chinese-Web-Content-Extraction-Dataset/original/"
         "e8847578-12f0-44cb-bdb7-4eec53c18ed1.html")


@pytest.mark.parametrize(("page", "url", "domain", "asked", "expected"), [
    # 邯郸市 (Hebei, prefecture), the 政府信息公开 platform's front page (TRS): its left column
    # lists 政府信息公开指南 … <a href="http://hdzfxxgk.hd.gov.cn/zfxxgknb/">政府信息公开年报</a>.
    (FILES / HANDAN / "index.jsp", "http://hdzfxxgk.hd.gov.cn/", "hd.gov.cn", "column",
     "http://hdzfxxgk.hd.gov.cn/zfxxgknb/"),
    # The same platform's 近期信息公开 column: its footer's
    # <a href="http://hdzfxxgk.hd.gov.cn/" target="_blank">政府信息公开</a>.
    (FILES / HANDAN / "list.jsp", "http://hdzfxxgk.hd.gov.cn/zfwj/jinqixxgk/", "hd.gov.cn", "hub",
     "http://hdzfxxgk.hd.gov.cn/"),
    # 平潭 (Fujian, county level), a page of the site: the header menu's
    # <a href="https://www.pingtan.gov.cn/zwgk/">政务公开</a>.
    (FILES / "replay/pingtan/pages/zfxxgknb_index.html",
     "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/", "pingtan.gov.cn", "hub",
     "https://www.pingtan.gov.cn/zwgk/"),
    # 巴彦淖尔市 (Inner Mongolia, prefecture), a news page three folders deep (its breadcrumb
    # links ../../../ home, ../../ and ../): the menu's <a href="../../../xxgk/">信息公开</a>.
    (PAGES / "bynr_news.html", "https://www.bynr.gov.cn/xwzx/bnyw/202201/t20220105_1.html",
     "bynr.gov.cn", "hub", "https://www.bynr.gov.cn/xxgk/"),
    # 内蒙古自治区 (province), a news page: the menu's <a href="../../../zwgk/">政务公开</a>.
    (PAGES / "nmg_news.html", "https://www.nmg.gov.cn/zwyw/jrgz/202202/t20220211_2004628.html",
     "nmg.gov.cn", "hub", "https://www.nmg.gov.cn/zwgk/"),
    # 山西省 (province), a news page (its QR link names t20190918_693227): the link block's
    # <a href="http://www.shanxi.gov.cn/zw/zfgkzl/">政府信息公开专栏</a>.
    (PAGES / "shanxi_news.html", "http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_693227.shtml",
     "shanxi.gov.cn", "hub", "http://www.shanxi.gov.cn/zw/zfgkzl/"),
    # 浙江省发展和改革委员会 (Hanweb), a news page: the menu's
    # <a href="/col/col1599521/index.html">政务公开</a>.
    (PAGES / "gzggw_news.html", "http://fgw.zj.gov.cn/art/2016/11/22/art_1621004_30332664.html",
     "zj.gov.cn", "hub", "http://fgw.zj.gov.cn/col/col1599521/index.html"),
    # 吉林省 (province), a notice on its 政府信息公开 platform (no URL in the capture; this one
    # stands on the host its SiteDomain meta names): <a href="http://xxgk.jl.gov.cn/">
    # 吉林省政府信息公开专栏</a>, the platform's front page.
    (FILES / JILIN, "http://xxgk.jl.gov.cn/szf/gkml/202206/t20220606_8389416.html",
     "jl.gov.cn", "hub", "http://xxgk.jl.gov.cn/"),
], ids=["handan-hub", "handan-column", "pingtan", "bynr", "nmg", "shanxi", "zj-fgw", "jilin"])
def test_the_spider_asks_for_the_link_a_person_would_click(page: Path, url: str, domain: str,
                                                            asked: str, expected: str,
                                                            tmp_path: Path):
    requests = nav_requests(page.read_bytes(), url, domain, f"sqlite:///{tmp_path}/c.db")
    callbacks = {"hub": "parse_nav", "column": "parse_list"}
    assert expected in {r.url for r in requests if r.callback.__name__ == callbacks[asked]}
    off_site = [r.url for r in requests if not on_site(r.url, domain)]
    assert off_site == []


def nav_requests(body: bytes, url: str, domain: str, db_url: str) -> list[scrapy.Request]:
    """What the portal spider asks for after reading `body` as a start page at `url`."""
    portal = Portal("000000", "测试", "county", (url,), (domain,))
    overrides = {"GOVCORPUS_DB_URL": db_url, "GOVCORPUS_REVISIT_DAYS": 0}  # no stored pages
    settings = project_settings(overrides).copy_to_dict()
    crawler = get_crawler(PortalSpider, {k: v for k, v in settings.items()
                                         if k.startswith("GOVCORPUS_")})
    spider = PortalSpider.from_crawler(crawler, portals=[portal])
    request = scrapy.Request(url, meta={PORTAL_CODE: portal.region_code, HOPS: 0})
    response = HtmlResponse(url, body=body, request=request,
                            headers={"Content-Type": "text/html"})
    return [item for item in spider.parse_nav(response) if isinstance(item, scrapy.Request)]


def on_site(url: str, domain: str) -> bool:
    host = urlsplit(url).hostname or ""
    return host == domain or host.endswith("." + domain)


def test_a_menu_label_wrapped_in_tags_is_the_link_s_text():
    """平潭's 政府信息公开 menu writes its labels as <span>法定主动<br>公开内容</span> after an
    icon, with no text of the anchor's own and no title."""
    page = FILES / "replay/pingtan/pages/zfxxgknb_index.html"
    url = "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/"
    response = HtmlResponse(url, body=page.read_bytes(), headers={"Content-Type": "text/html"})
    links = page_links(page_selector(response), url)
    assert Link("https://www.pingtan.gov.cn/zwgk/zfxxgk/fdzdgknr/", "法定主动公开内容") in links
    assert Link("https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/nlist.htm",
                "政府信息公开年报") in links
