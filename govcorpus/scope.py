"""Which hosts a portal may follow: the one rule for the spider, its guards and the docs.

A portal's own domains are its registry `allowed_domains`, by default the hosts of its start
URLs without a leading `www.` (`www.shuicheng.gov.cn` → `shuicheng.gov.cn`), so that
`xxgk.shuicheng.gov.cn` and `zfxxgk.shuicheng.gov.cn` are the portal's too. A host belongs to
the portal whose own domain is its longest suffix: with 六盘水 at `lps.gov.cn` and a county at
`sc.lps.gov.cn`, `xxgk.sc.lps.gov.cn` is the county's and never 六盘水's. A portal may also
follow a *platform* host (a province's or prefecture's 政府信息公开 platform) that its own home
page links to as its 政府信息公开 hub, provided no other portal of the crawl owns that host; the
spider records each platform it admits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

WWW = "www."
PUBLIC_SUFFIXES = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
"""The public suffix list as tldextract ships it: never fetched, never cached on disk."""


def host_of(url: str) -> str:
    """The URL's host name, lower-cased ('' when it has none)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


@lru_cache(maxsize=8192)
def own_domain(host: str) -> str:
    """A host's own domain: the host without a leading `www.`, unless what is left is a
    public suffix (`www.gov.cn` stays whole: no portal owns all of gov.cn)."""
    host = host.lower().rstrip(".")
    rest = host[len(WWW):] if host.startswith(WWW) else host
    return rest if PUBLIC_SUFFIXES(rest).domain else host


def default_domains(start_urls: Iterable[str]) -> tuple[str, ...]:
    """The own domains of a portal's start URLs, the default of `allowed_domains`."""
    return tuple(sorted({own_domain(h) for h in map(host_of, start_urls) if h}))


def within(host: str, domain: str) -> bool:
    """True when the host is the domain or below it."""
    return host == domain or host.endswith("." + domain)


class HostOwners:
    """Which portals of a crawl own a host: those whose own domain is its longest suffix
    (several when registry rows share a domain)."""

    def __init__(self, domains_by_code: Mapping[str, Iterable[str]]) -> None:
        self.owners_of_domain: dict[str, set[str]] = {}
        for code, domains in domains_by_code.items():
            for domain in domains:
                self.owners_of_domain.setdefault(domain.lower(), set()).add(code)

    def owners(self, host: str) -> set[str]:
        """The codes of the portals owning the host; empty when no portal does."""
        labels = host.lower().rstrip(".").split(".")
        for start in range(len(labels)):
            codes = self.owners_of_domain.get(".".join(labels[start:]))
            if codes:
                return codes
        return set()

    def may_follow(self, code: str, host: str, platforms: Iterable[str] = ()) -> bool:
        """Whether the portal may request the host: its own, or a platform it admitted."""
        owners = self.owners(host)
        if owners:
            return code in owners
        return host.lower() in platforms

    def may_admit_platform(self, host: str) -> bool:
        """A host no portal of the crawl owns may become a platform of the portal linking it."""
        return bool(host) and not self.owners(host)
