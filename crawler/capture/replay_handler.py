"""Send every request to a replay server on loopback, so captured portals crawl offline.

With `GOVCORPUS_REPLAY_URL` set (`govcorpus crawl --replay ARCHIVE` sets it), a request for
`https://www.pingtan.gov.cn/x.htm` goes to `{replay}/https://www.pingtan.gov.cn/x.htm` and its
response comes back under the original URL: the spider, its middlewares and the corpus see the
real portal. Without the setting this is Scrapy's own HTTP handler.
"""

from __future__ import annotations

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.http import Request, Response


class ReplayDownloadHandler(HTTP11DownloadHandler):
    def __init__(self, crawler) -> None:
        super().__init__(crawler)
        replay_url = crawler.settings.get("GOVCORPUS_REPLAY_URL")
        self.replay_url = replay_url.rstrip("/") if replay_url else None

    async def download_request(self, request: Request) -> Response:
        if self.replay_url is None:
            return await super().download_request(request)
        replayed = request.replace(url=f"{self.replay_url}/{request.url}")
        response = await super().download_request(replayed)
        return response.replace(url=request.url)
