"""robots.txt kept for a day: a crawl obeys what a host answered within
GOVCORPUS_ROBOTS_MAX_AGE_HOURS instead of asking for it again.

Scrapy's `RobotsTxtMiddleware` asks every host for robots.txt once per crawl. On a nightly
incremental crawl that is a third of the requests (robots.txt, the column, a document or two),
and every one of them waits for the host's politeness delay like a page. RFC 9309 lets a
crawler keep a robots.txt for up to a day; search engines do. Answers that came (any status
below 500) are stored in `robots_txt` as the crawl ends; a host whose robots.txt failed or
answered 5xx is asked again next night.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Request, Response
from scrapy.utils.misc import build_from_crawler

from crawler.runtime.database import corpus_engine_if_any

ROBOTS_PATH = "/robots.txt"


class RememberedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """`RobotsTxtMiddleware` that starts from the corpus's fresh robots.txt answers."""

    def __init__(self, crawler) -> None:
        super().__init__(crawler)
        hours = crawler.settings.getfloat("GOVCORPUS_ROBOTS_MAX_AGE_HOURS")
        self.max_age = timedelta(hours=hours)
        self.answers: dict[str, tuple[int, bytes, datetime]] = {}  # host -> tonight's answer
        if hours > 0:
            crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
            crawler.signals.connect(self.response_received, signal=signals.response_received)
            crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def spider_opened(self, spider=None) -> None:
        from storage.robots import fresh_robots

        engine = corpus_engine_if_any(self.crawler)
        if engine is None:  # no corpus: every host is asked
            return
        fresh = fresh_robots(engine, datetime.now(timezone.utc) - self.max_age)
        for host, body in fresh.items():
            self._parsers.setdefault(host, build_from_crawler(self._parserimpl, self.crawler,
                                                              body))
        self.crawler.stats.set_value("govcorpus/robots/remembered", len(fresh))

    def response_received(self, response: Response, request: Request, spider=None) -> None:
        if not request.meta.get("dont_obey_robotstxt") or response.status >= 500:
            return  # every response passes here: the page's own, cheaply turned away
        parts = urlsplit(request.meta.get("redirect_urls", [request.url])[0])
        if parts.path == ROBOTS_PATH:
            self.answers[parts.netloc] = (response.status, response.body,
                                          datetime.now(timezone.utc))

    def spider_closed(self, spider=None) -> None:
        from storage.robots import remember_robots

        engine = corpus_engine_if_any(self.crawler)
        if engine is not None and self.answers:
            kept = remember_robots(engine, [(host, *answer)
                                            for host, answer in self.answers.items()])
            self.crawler.stats.set_value("govcorpus/robots/kept", kept)
