"""What the spider reads from one list page, kept so an unchanged page need not be parsed again.

A `ListReading` holds everything `PortalSpider.parse_list` takes from a column page: the
documents it lists, its further pages, sub-columns and files, what it announces, and what the
CMS adapters that recognise it read (their listed documents and API calls). The same bytes
give the same reading, so a night whose list page answers 304, or the stored bytes again,
replays the stored reading (crawler/incremental/conditional.py) and the night goes on exactly
as if the page had been parsed. Pages whose list is built by script are never kept: their
reading depends on the browser. A reading names the code that read it (`READER`, a digest of
the listing and decoding sources that make readings): after an upgrade that reads pages
differently, stored readings are no longer current and every page is parsed again once.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from crawler.listing.adapters import AdapterError, ApiCall, ColumnRead, ListAdapter, Listed
from crawler.listing.links import (
    Link,
    attachment_links,
    pagination_links,
    subcolumn_links,
)
from crawler.listing.list_region import ListPage, column_size, document_links
from crawler.listing.pagers import announced_pages

# Modules of crawler/listing that use readings but take no part in making one: a change to
# them leaves stored readings current. Any other module there counts, new ones included.
NOT_READING = frozenset({"discovery.py", "tallies.py"})


def reader_sources() -> list[Path]:
    """The sources that turn a list page's bytes into its reading."""
    import govcorpus.decoding

    listing, decoding = Path(__file__).parent, Path(govcorpus.decoding.__file__).parent
    return sorted([*(p for p in listing.rglob("*.py") if p.relative_to(listing).as_posix()
                     not in NOT_READING), *decoding.rglob("*.py")])


def _reader_digest() -> str:
    digest = hashlib.sha256()
    for path in reader_sources():
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


READER = _reader_digest()


@dataclass
class ListReading:
    """One list page as the spider reads it (links already kept to the portal's scope)."""

    documents: list[Link]
    pages: list[str]  # further list pages to ask for
    subcolumns: list[Link]
    files: list[Link]  # attachments the page links
    announced: int | None  # documents the column says it holds
    pages_announced: list[str]  # pages its pager or createPageHTML announces
    page_count: int | None  # "共 5 页"
    size: int  # documents the column lists, for largest-first ordering
    adapter_reads: list[ColumnRead] = field(default_factory=list)
    adapter_faults: list[str] = field(default_factory=list)  # "name: why" an adapter failed

    @property
    def lists_besides_columns(self) -> bool:
        """Whether the page lists documents, further pages or an adapter's list."""
        return bool(self.documents or self.adapter_reads or self.adapter_faults or self.pages)

    @property
    def lists(self) -> bool:
        """Whether the page lists anything: a column that lists nothing has failed."""
        return self.lists_besides_columns or bool(self.subcolumns)

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "reader": READER}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ListReading:
        return cls(
            documents=[Link(**link) for link in data["documents"]],
            pages=list(data["pages"]),
            subcolumns=[Link(**link) for link in data["subcolumns"]],
            files=[Link(**link) for link in data["files"]],
            announced=data["announced"],
            pages_announced=list(data["pages_announced"]),
            page_count=data["page_count"],
            size=data["size"],
            adapter_reads=[_column_read(read) for read in data.get("adapter_reads", [])],
            adapter_faults=list(data.get("adapter_faults", [])),
        )


def is_current(stored: dict[str, Any]) -> bool:
    """Whether a stored reading was read by this code (else the page must be parsed again)."""
    return stored.get("reader") == READER


def read_list_page(page: ListPage, links: list[Link], adapters: list[ListAdapter]
                   ) -> ListReading:
    """Read a column page: `links` are its links in the portal's scope, `adapters` those that
    recognise it."""
    selector, url = page.selector, page.url
    documents = document_links(selector, links, url, page)
    reads, faults = [], []
    for adapter in adapters:
        try:
            reads.append(adapter.read_page(selector))
        except AdapterError as exc:
            faults.append(f"{adapter.name}: {exc}")
    return ListReading(
        documents=documents,
        pages=pagination_links(selector, links, url),
        subcolumns=subcolumn_links(links, url),
        files=attachment_links(links),
        announced=page.announced,
        pages_announced=[*page.script_pages, *announced_pages(selector, url)],
        page_count=page.announced_page_count,
        size=column_size(page, documents),
        adapter_reads=reads,
        adapter_faults=faults,
    )


def _column_read(data: dict[str, Any]) -> ColumnRead:
    return ColumnRead(
        adapter=data["adapter"], announced=data["announced"], pages=data["pages"],
        listed=[Listed(**item) for item in data["listed"]],
        calls=[_api_call(call) for call in data["calls"]],
    )


def _api_call(data: dict[str, Any]) -> ApiCall:
    fallback = data.get("fallback")
    return ApiCall(url=data["url"], method=data["method"],
                   form=tuple(tuple(pair) for pair in data["form"]),
                   fallback=_api_call(fallback) if fallback else None)
