"""CMS list adapters: each reads one family's column pages and list APIs (see base.py)."""

from __future__ import annotations

from parsel import Selector

from crawler.listing.adapters import trs_search
from crawler.listing.adapters.base import (
    AdapterError,
    ApiCall,
    ColumnRead,
    Guarded,
    ListAdapter,
    Listed,
)
from crawler.listing.adapters.gkmlpt import GkmlptAdapter
from crawler.listing.adapters.hanweb import HanwebAdapter
from crawler.listing.adapters.xhr_json import XhrListAdapter

ADAPTERS: list[ListAdapter] = [  # each module's adapter, in the order they are tried
    Guarded(trs_search.ADAPTER),
    Guarded(HanwebAdapter()),
    Guarded(GkmlptAdapter()),
]

XHR_ADAPTER: ListAdapter = Guarded(XhrListAdapter())
"""The reader of remembered list calls (xhr_json.py): asked by name, never detected."""


def adapters_for(page: Selector) -> list[ListAdapter]:
    """The adapters that recognise a column page."""
    return [adapter for adapter in ADAPTERS if adapter.detect(page)]


def adapter_named(name: str) -> ListAdapter:
    return next(adapter for adapter in [*ADAPTERS, XHR_ADAPTER] if adapter.name == name)


__all__ = [
    "ADAPTERS", "XHR_ADAPTER", "AdapterError", "ApiCall", "ColumnRead", "ListAdapter", "Listed",
    "adapter_named", "adapters_for",
]
