"""Portals dealt to crawling processes so that no host is crawled by two of them.

Each process keeps its own per-host politeness (concurrency, delay, AutoThrottle), so two
portals that may reach the same host must share a process: portals whose allowed domains,
start hosts or report-column hosts are equal, or one under the other, are kept together.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from govcorpus.registry import REPORT_COLUMNS_HINT, Portal


def split_by_host(portals: Sequence[Portal], parts: int,
                  columns: Mapping[str, Sequence[str]] | None = None) -> list[list[Portal]]:
    """The portals in at most `parts` groups, no host in two of them, about as much work in
    each; registry order is kept inside each group. `columns` gives each portal's remembered
    URLs (code → its columns and their list calls): their hosts count as the portal's, and a
    portal weighs as many as it has (a later night asks each), one without any as one."""
    if parts < 1:
        raise ValueError(f"parts must be at least 1, not {parts}")
    columns = columns or {}
    groups = _host_groups(portals, columns)

    def weight(group: list[int]) -> int:
        return sum(max(1, len(columns.get(portals[i].region_code, ()))) for i in group)

    loads: list[tuple[int, int]] = [(0, index) for index in range(min(parts, len(groups)))]
    shards: list[list[int]] = [[] for _ in loads]
    for group in sorted(groups, key=weight, reverse=True):
        load, index = heapq.heappop(loads)
        shards[index].extend(group)
        heapq.heappush(loads, (load + weight(group), index))
    return [[portals[i] for i in sorted(shard)] for shard in shards if shard]


def portal_hosts(portal: Portal, column_urls: Iterable[str] = ()) -> set[str]:
    """The host names a portal may reach, lower case."""
    hosts = {domain.lower().strip(".") for domain in portal.allowed_domains}
    urls = [*portal.start_urls, *portal.hints.get(REPORT_COLUMNS_HINT, "").split(),
            *column_urls]
    hosts.update(host for url in urls if (host := (urlsplit(url).hostname or "")))
    return hosts


def _host_groups(portals: Sequence[Portal], columns: Mapping[str, Sequence[str]]
                 ) -> list[list[int]]:
    """Indexes of the portals, grouped where their hosts are equal or one under another."""
    parent = list(range(len(portals)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    hosts_of = [portal_hosts(portal, columns.get(portal.region_code, ())) for portal in portals]
    for index, hosts in enumerate(hosts_of):
        for host in hosts:
            owner.setdefault(host, index)
            parent[root(index)] = root(owner[host])
    for index, hosts in enumerate(hosts_of):
        for host in hosts:
            for above in _parent_domains(host):
                if above in owner:
                    parent[root(index)] = root(owner[above])
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(portals)):
        groups[root(index)].append(index)
    return list(groups.values())


def _parent_domains(host: str) -> Iterable[str]:
    """www.a.gov.cn → a.gov.cn, gov.cn, cn."""
    labels = host.split(".")
    return (".".join(labels[i:]) for i in range(1, len(labels)))


def shard_file(path: str | Path, shard: str) -> Path:
    """The file one crawling process writes where several share a name: FILE.json for shard
    "1/2" is FILE-1.json; unchanged without a shard."""
    path = Path(path)
    if not shard:
        return path
    suffixes = "".join(path.suffixes)
    stem = path.name[: len(path.name) - len(suffixes)] if suffixes else path.name
    return path.with_name(f"{stem}-{shard.split('/')[0]}{suffixes}")
