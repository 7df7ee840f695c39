"""The portals of one crawl: the registry's rows by region code, and what was asked of each.

One directory per crawler, opened by the spider and read by the middlewares, the extensions
and the pipelines, so that all of them see the same registry and the same page budgets.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping

from govcorpus.registry import Portal, Selection, load_registries
from govcorpus.scope import HostOwners, Platform, host_of

logger = logging.getLogger(__name__)


class PortalDirectory(Mapping[str, Portal]):
    """The portals of one crawl by region code, and the URLs asked of each so far.

    One per crawler (`PortalDirectory.open`, then `portal_directory(crawler)`): the spider,
    the middlewares, the extensions and the pipelines all read the same registry.
    """

    def __init__(self, portals: Iterable[Portal], source: str | None, max_pages: int,
                 crawler=None) -> None:
        self.by_code = {p.region_code: p for p in portals}
        self.source = source
        self.max_pages = max_pages
        self.crawler = crawler  # its stats exist only once the crawl starts
        self.asked: dict[str, set[str]] = {}  # portal → URLs requested or seen listed
        self.owners = HostOwners({c: p.allowed_domains for c, p in self.by_code.items()})
        self.start_hosts = {host_of(u) for p in self.by_code.values() for u in p.start_urls}
        self.platforms: dict[str, set[Platform]] = {}  # portal → platforms it admitted

    @classmethod
    def open(cls, crawler, registry: str | None = None,
             portals: Iterable[Portal] | None = None,
             selection: Selection | None = None) -> PortalDirectory:
        """The crawl's directory from the spider's arguments, attached to the crawler.

        `registry` is `national`, a CSV file, or several of them joined by commas (later rows
        win by code); `selection` keeps the portals of a province, prefecture, level or code."""
        if portals is None:
            if not registry:
                raise ValueError("give the portal registry: scrapy crawl portal -a registry=FILE"
                                 " (or -a registry=national)")
            portals = load_registries(part.strip() for part in registry.split(","))
        if selection is not None:
            portals = selection.select(portals)
            if not portals:
                raise ValueError(f"no portal of the registry matches {selection}")
        crawler.portals = cls(portals, registry,
                              crawler.settings.getint("GOVCORPUS_MAX_PAGES_PER_PORTAL"),
                              crawler)
        return crawler.portals

    def __getitem__(self, code: str) -> Portal:
        return self.by_code[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self.by_code)

    def __len__(self) -> int:
        return len(self.by_code)

    def admit(self, code: str, url: str) -> bool:
        """Whether a URL may be requested for the portal: a new one only within its page limit."""
        seen = self.asked.setdefault(code, set())
        if url not in seen:
            if len(seen) >= self.max_pages:
                logger.warning("portal %s reached its page limit; %s not fetched", code, url)
                if self.crawler is not None:
                    self.crawler.stats.inc_value(f"govcorpus/page_limit/{code}")
                return False
            seen.add(url)
        return True

    def may_follow(self, code: str, url: str) -> bool:
        """Whether the portal may request the URL (govcorpus/scope.py)."""
        return self.owners.may_follow(code, url, self.platforms.get(code, ()))

    def on_platform(self, code: str, url: str) -> bool:
        """Whether the URL lies on a platform the portal admitted (outside its own domains)."""
        return any(host == host_of(url) for host, _ in self.platforms.get(code, ()))

    def admit_platform(self, code: str, url: str) -> bool:
        """Let the portal follow the folder a home page's 政府信息公开 link leads to, outside
        its own domains (govcorpus/scope.py); True if newly admitted."""
        platform = self.owners.platform(code, url, self.start_hosts)
        if platform is None or platform in self.platforms.get(code, ()):
            return False
        self.platforms.setdefault(code, set()).add(platform)
        logger.info("portal %s: following its 政府信息公开 platform %s%s", code, *platform)
        if self.crawler is not None:
            self.crawler.stats.inc_value("govcorpus/scope/platforms")
        return True

    def note(self, code: str, url: str) -> bool:
        """Note a URL seen listed but not requested; False when it was asked or noted before."""
        seen = self.asked.setdefault(code, set())
        if url in seen:
            return False
        seen.add(url)
        return True


def portal_directory(crawler) -> PortalDirectory:
    """The directory the crawl's spider opened."""
    directory = getattr(crawler, "portals", None)
    if directory is None:
        raise RuntimeError("no portal registry opened for this crawl (PortalDirectory.open)")
    return directory
