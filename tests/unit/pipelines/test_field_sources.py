"""Where each field came from, through the crawl's stages and into the stored documents."""

from __future__ import annotations

from datetime import datetime, timezone

import sqlalchemy as sa

from crawler.items import PageItem
from govcorpus.cli.scrapy_run import project_settings
from pipelines.offload import analyse, analysis_stage_paths
from storage import CorpusWriter, init_db, make_engine
from storage.models import Document
from tests.paths import PAGES
from tests.portals import portal

T0 = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
PAGE = "http://www.zhangshu.gov.cn/zssrmzf/swhlyj/nb/202201/t1.shtml"
FILE = "http://www.zhangshu.gov.cn/zssrmzf/swhlyj/nb/202201/P1.xlsx"
STAGES = analysis_stage_paths(project_settings())


def crawled(url: str, body: bytes, **fields) -> PageItem:
    return analyse(PageItem(portal_code="360982", url=url, status=200, fetched_at=T0,
                            headers={"Content-Type": "text/html; charset=utf-8"}, body=body,
                            **fields), STAGES)


def test_a_crawled_page_carries_its_field_sources():
    page = crawled(PAGE, (PAGES / "jiangxi_report_shape.html").read_bytes())
    assert (page.publish_date, page.issuing_body) == ("2022-01-20", "樟树市文化和旅游局")
    assert page.field_sources == {"title": "meta", "index_number": "label", "topic": "label",
                                  "issuing_body": "label", "publish_date": "label",
                                  "region_code": "issuing_body"}


def test_a_list_title_names_the_issuer_of_a_page_without_one():
    body = "<html><body><p>一、总体情况</p><p>二、主动公开政府信息情况</p></body></html>"
    page = crawled(PAGE, body.encode(), list_title="樟树市司法局2018年政府信息公开工作年度报告")
    assert (page.title, page.issuing_body) == ("樟树市司法局2018年政府信息公开工作年度报告",
                                               "樟树市司法局")
    assert page.field_sources == {"title": "list", "issuing_body": "title",
                                  "region_code": "issuing_body"}


def test_an_attachment_takes_what_its_page_shows_over_its_own_title(db_url):
    page = crawled(PAGE, (PAGES / "jiangxi_report_shape.html").read_bytes())
    page.issuing_body = "樟树市文化广电旅游局"  # what the page's label says, unlike the title
    title = "樟树市文化和旅游局2021年度政府信息公开工作年度报告附表"
    file = {"portal_code": "360982", "url": FILE, "canonical_url": FILE, "status": 200,
            "headers": {}, "body": b"PK", "fetched_at": T0, "parent_url": PAGE,
            "title": title, "issuing_body": "樟树市文化和旅游局", "text": "附表",
            "field_sources": {"title": "link", "issuing_body": "title"}}
    engine = make_engine(db_url)
    init_db(engine)
    writer = CorpusWriter(engine, batch_size=100)
    writer.start_run()
    writer.upsert_portals([portal("360982", "樟树市")])
    writer.add_page({**vars(page), "canonical_url": PAGE})
    writer.add_page(file)
    writer.flush()
    with engine.connect() as conn:
        stored = conn.execute(sa.select(Document.issuing_body, Document.publish_date,
                                        Document.field_sources)
                              .where(Document.canonical_url == FILE)).one()
    engine.dispose()
    assert stored.issuing_body == "樟树市文化广电旅游局"
    assert stored.publish_date == "2022-01-20"
    assert stored.field_sources["issuing_body"] == "parent"
    assert stored.field_sources["publish_date"] == "parent"
    assert stored.field_sources["title"] == "link"
