"""One Scrapy crawl of the portal spider in this process, from the project's settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scrapy.settings import Settings

from govcorpus.registry import Portal


@dataclass(frozen=True)
class CrawlResult:
    run_id: int | None
    stats: dict[str, Any]


def project_settings(overrides: dict[str, Any] | None = None) -> Settings:
    """The crawler's settings module, whatever the working directory, plus overrides."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.update(overrides or {}, priority="cmdline")
    return settings


def run_crawl(
    portals: list[Portal],
    db_url: str,
    registry_path: str | None = None,
    overrides: dict[str, Any] | None = None,
) -> CrawlResult:
    """Crawl the portals into the database; blocks until the crawl ends (once per process)."""
    from scrapy.crawler import CrawlerProcess

    from crawler.spiders.portal import PortalSpider

    settings = project_settings({"GOVCORPUS_DB_URL": db_url, **(overrides or {})})
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(PortalSpider)
    process.crawl(crawler, portals=portals, registry=registry_path)
    process.start()
    stats = crawler.stats.get_stats()
    return CrawlResult(stats.get("govcorpus/run_id"), stats)
