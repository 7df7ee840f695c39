"""Which hosts a portal may follow: the one rule for the spider, its guards and the docs.

A portal's own domains are its registry `allowed_domains`, by default the hosts of its start
URLs without a leading `www.` (`www.shuicheng.gov.cn` → `shuicheng.gov.cn`), so that
`xxgk.shuicheng.gov.cn` and `zfxxgk.shuicheng.gov.cn` are the portal's too. A host belongs to
the portal whose own domain is its longest suffix: with 六盘水 at `lps.gov.cn` and a county at
`sc.lps.gov.cn`, `xxgk.sc.lps.gov.cn` is the county's and never 六盘水's.

A portal may also follow a *platform*: the folder that its own home page links to with a plain
政府信息公开 link text (政府信息公开, 信息公开, 政务公开, with 专栏/平台/目录 or not, but no other
place's name) on a host outside its own domains — a province's or prefecture's 政府信息公开
platform, e.g. `http://zfxxgk.city.gov.cn/county/`. The portal may then follow that host's URLs
below that folder only. The start host of another portal is never a platform, nor the root of a
host another portal owns: a link into another government's own site is not followed. The spider
records each platform it admits.
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

    def may_follow(self, code: str, url: str, platforms: Iterable[Platform] = ()) -> bool:
        """Whether the portal may request the URL: on its own host, or below a platform folder
        it admitted."""
        host = host_of(url)
        if code in self.owners(host):
            return True
        path = _path(url)
        return any(host == p_host and path.startswith(folder) for p_host, folder in platforms)

    def platform(self, code: str, url: str, start_hosts: Iterable[str]) -> Platform | None:
        """The platform (host, folder) a portal's home page link leads to, None when the link
        may not become one: the portal's own host, another portal's start host, or the root of
        a host another portal owns."""
        host = host_of(url)
        owners = self.owners(host)
        if not host or code in owners or host in start_hosts:
            return None
        folder = _path(url).rsplit("/", 1)[0] + "/"
        if owners and folder == "/":
            return None
        return host, folder


Platform = tuple[str, str]
"""A platform a portal may follow: a host and a folder on it (`/county/`, or `/`)."""


def _path(url: str) -> str:
    try:
        return urlsplit(url).path or "/"
    except ValueError:
        return "/"
