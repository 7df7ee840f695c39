"""Where the crawler may go: no private or loopback addresses, no redirects off a portal.

Two downloader middlewares share one policy. `AddressGuard` runs before robots.txt and refuses
any request to a private, loopback, link-local or reserved address unless its portal allows
private addresses (registry hint `allow_private=1`) and the address is one of the portal's own
origins (host and port of its start URLs); host names are resolved for redirect targets,
literal addresses and localhost judged everywhere. `RedirectGuard` reads a 3xx response's
Location before the redirect is followed and refuses targets that are private, off the
portal's allowed domains, or already visited in this redirect chain.
"""

from __future__ import annotations

import ipaddress
import socket
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response

from crawler.faults import Refused
from crawler.meta import PORTAL_CODE
from crawler.portals import PortalDirectory, portal_directory
from govcorpus.fault_kinds import (
    PRIVATE_ADDRESS,
    REDIRECT_LOOP,
    REDIRECT_OFFSITE,
    REDIRECT_PRIVATE,
)
from govcorpus.registry import Portal

ALLOW_PRIVATE_HINT = "allow_private"
DEFAULT_PORTS = {"http": 80, "https": 443}
Origin = tuple[str, int]


def origin_of(url: str) -> Origin:
    """(host, port) of a URL, the port defaulted by scheme."""
    parts = urlsplit(url)
    return (parts.hostname or "").lower(), parts.port or DEFAULT_PORTS.get(parts.scheme, 0)


def allows_private(portal: Portal) -> bool:
    """True when the registry row lets the portal live at a private or loopback address."""
    return portal.hints.get(ALLOW_PRIVATE_HINT, "").strip().lower() in ("1", "true", "yes")


def portal_origins(portal: Portal) -> set[Origin]:
    """The origins a portal is known to live at: its start URLs and hinted columns."""
    urls = [*portal.start_urls, *portal.hints.get("report_columns", "").split()]
    return {origin_of(url) for url in urls}


@lru_cache(maxsize=4096)
def resolve(host: str) -> tuple[ipaddress.IPv4Address | ipaddress.IPv6Address, ...]:
    """The host's addresses: the literal itself, or what the resolver says (cached)."""
    try:
        return (ipaddress.ip_address(host.strip("[]")),)
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return ()
    return tuple({ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos})


def is_internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Private, loopback, link-local, reserved, multicast or unspecified."""
    return (address.is_private or address.is_loopback or address.is_link_local
            or address.is_reserved or address.is_multicast or address.is_unspecified)


def _literal_or_local(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


class AddressPolicy:
    """The registry's answer to "may this portal's request go to this URL?"."""

    def __init__(self, portals: PortalDirectory) -> None:
        self.portals = portals
        self.private_origins = {
            code: portal_origins(p) if allows_private(p) else set() for code, p in portals.items()
        }
        self.any_private = set().union(*self.private_origins.values())

    def address_problem(self, url: str, code: str | None, lookup: bool = True) -> str | None:
        """Why the URL's address is off limits for the portal (any portal when None).

        Host names are resolved when `lookup` is set (redirect targets); otherwise only
        literal addresses and localhost names are judged, so the reactor never waits on DNS.
        """
        origin = origin_of(url)
        if not lookup and not _literal_or_local(origin[0]):
            return None
        if not any(is_internal(a) for a in resolve(origin[0])):
            return None
        allowed = self.private_origins.get(code, set()) if code else self.any_private
        if origin in allowed:
            return None
        return f"{origin[0]}:{origin[1]} is a private or loopback address not allowed here"

    def domain_problem(self, url: str, code: str | None) -> str | None:
        """Why the URL is off the portal's allowed domains (govcorpus/scope.py)."""
        portal = self.portals.get(code) if code else None
        if portal is None:
            return None
        if self.portals.may_follow(code, url):
            return None
        return f"{origin_of(url)[0]} is outside {' '.join(portal.allowed_domains)}"


class _Guard:
    def __init__(self, crawler, policy: AddressPolicy) -> None:
        self.crawler = crawler
        self.policy = policy

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("GOVCORPUS_ADDRESS_GUARD"):
            raise NotConfigured
        return cls(crawler, AddressPolicy(portal_directory(crawler)))

    def _refuse(self, kind: str, detail: str, response: Response | None = None) -> Refused:
        self.crawler.stats.inc_value(f"govcorpus/refused/{kind}")
        return Refused(kind, detail, response)


class AddressGuard(_Guard):
    """Refuse requests to private or loopback addresses before anything connects."""

    def process_request(self, request: Request, spider=None) -> None:
        if not request.url.startswith(("http:", "https:")):  # data: connects nowhere
            return
        code = request.meta.get(PORTAL_CODE)
        redirected = bool(request.meta.get("redirect_urls"))
        problem = self.policy.address_problem(request.url, code, lookup=redirected)
        if problem:
            raise self._refuse(PRIVATE_ADDRESS, f"{request.url}: {problem}")


class RedirectGuard(_Guard):
    """Refuse redirects to private addresses, other domains, or back into the same chain."""

    def process_response(self, request: Request, response: Response, spider=None) -> Response:
        location = response.headers.get("Location")
        if not 300 <= response.status < 400 or not location:
            return response
        target = urljoin(request.url, location.decode("latin-1").strip())
        code = request.meta.get(PORTAL_CODE)
        if problem := self.policy.address_problem(target, code):
            raise self._refuse(REDIRECT_PRIVATE, f"{request.url} → {target}: {problem}", response)
        if problem := self.policy.domain_problem(target, code):
            raise self._refuse(REDIRECT_OFFSITE, f"{request.url} → {target}: {problem}", response)
        chain = {*request.meta.get("redirect_urls", ()), request.url}
        if target in chain:
            raise self._refuse(REDIRECT_LOOP, f"{request.url} → {target}: loops", response)
        return response
