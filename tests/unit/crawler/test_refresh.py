"""Meta-refresh redirects: followed as Scrapy follows them, found without decoding every page."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawler.politeness.refresh import CheapMetaRefreshMiddleware, may_refresh

REFRESH = '<html><head><meta http-equiv="Refresh" content="0; url=/xxgk/index.html"></head></html>'


@pytest.fixture
def middleware() -> CheapMetaRefreshMiddleware:
    return CheapMetaRefreshMiddleware.from_crawler(get_crawler())


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "utf-16-le"])
def test_a_meta_refresh_is_followed_in_any_charset(middleware, encoding):
    body = REFRESH.encode(encoding)
    response = HtmlResponse("http://gov.cn/", body=body, encoding=encoding)
    redirected = middleware.process_response(Request("http://gov.cn/"), response)
    assert isinstance(redirected, Request)
    assert redirected.url == "http://gov.cn/xxgk/index.html"


def test_a_page_without_one_is_passed_on_as_it_is(middleware):
    response = HtmlResponse("http://gov.cn/a.html", body="<p>年度报告</p>".encode("gbk"))
    assert middleware.process_response(Request("http://gov.cn/a.html"), response) is response


def test_the_byte_check_only_rules_out_pages_without_the_word():
    assert may_refresh(b'<META HTTP-EQUIV="REFRESH" CONTENT="0;URL=/">')
    assert may_refresh("<p>x</p>".encode("utf-16"))
    assert not may_refresh("<p>政府信息公开</p>".encode("gb18030"))
