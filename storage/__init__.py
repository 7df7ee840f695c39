"""Storage: schema, engines, batched upserts, summaries and exports of the corpus.

Names load on first use (PEP 562): analysis workers import `storage.write.packing` and
`storage.write.neardup` without the database stack.
"""

from __future__ import annotations

from govcorpus.lazy import lazy_attributes

_MODULES = {
    "CorpusWriter": "storage.write.writer",
    "corpus_engine": "storage.engine",
    "corpus_summary": "storage.read.summary",
    "export_records": "storage.export.records",
    "init_db": "storage.engine",
    "iter_records": "storage.export.records",
    "make_engine": "storage.engine",
    "pack_body": "storage.write.packing",
}

__all__ = sorted(_MODULES)


__getattr__ = lazy_attributes(__name__, _MODULES)
