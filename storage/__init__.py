"""Storage: schema, engines, batched upserts, summaries and exports of the corpus.

Names load on first use (PEP 562): analysis workers import `storage.packing` and
`storage.neardup` without the database stack.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_MODULES = {
    "CorpusWriter": "storage.writer",
    "corpus_summary": "storage.summary",
    "doc_id_for": "storage.writer",
    "export_records": "storage.export",
    "init_db": "storage.engine",
    "iter_records": "storage.export",
    "make_engine": "storage.engine",
    "pack_body": "storage.packing",
}

__all__ = sorted(_MODULES)


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        return getattr(import_module(_MODULES[name]), name)
    raise AttributeError(f"module 'storage' has no attribute {name!r}")
