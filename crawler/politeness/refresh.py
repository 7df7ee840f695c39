"""Meta-refresh redirects without decoding every page to look for one."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.response import get_meta_refresh

from crawler.incremental.conditional import HOME_PATHS, is_parent
from crawler.meta import CONDITIONAL, REFRESH_TO
from govcorpus.soft_blocks import REFRESH_HINT

# Scrapy reads the first 4096 characters for the tag: at most 4 bytes each in any
# ASCII-compatible charset a portal uses.
REFRESH_WINDOW_BYTES = 4 * 4096


def may_refresh(body: bytes) -> bool:
    """False only when the page certainly holds no meta refresh (NUL bytes: always checked)."""
    head = body[:REFRESH_WINDOW_BYTES]
    return b"\x00" in head or REFRESH_HINT.search(head) is not None


class CheapMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's MetaRefreshMiddleware decodes every HTML page (guessing charsets where none is
    declared) to find a rare tag; a byte search first skips the pages that cannot hold one."""

    def process_response(
        self, request: Request, response: Response, spider=None
    ) -> Request | Response:
        if isinstance(response, HtmlResponse) and not may_refresh(response.body):
            return response
        if request.meta.get(CONDITIONAL) and isinstance(response, HtmlResponse):
            target = _refresh_target(response)
            if target and removal_target(target, request.url):
                request.meta[REFRESH_TO] = target  # the spider records the document gone
                return response
        return super().process_response(request, response)


def _refresh_target(response: HtmlResponse) -> str | None:
    _interval, url = get_meta_refresh(response)
    return urljoin(response.url, url) if url else None


def removal_target(url: str, document_url: str) -> bool:
    """Whether a refresh from a document leads to its site's home or a folder above it: how
    TRS sites answer for an article taken down (a tiny stub refreshing to "../")."""
    return is_parent(url, document_url) or urlsplit(url).path.lower() in HOME_PATHS
