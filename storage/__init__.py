"""Storage: schema, engines, batched upserts, summaries and exports of the corpus."""

from storage.engine import init_db, make_engine
from storage.export import export_records, iter_records
from storage.summary import corpus_summary
from storage.writer import CorpusWriter, doc_id_for, pack_body

__all__ = [
    "CorpusWriter",
    "corpus_summary",
    "doc_id_for",
    "export_records",
    "init_db",
    "iter_records",
    "make_engine",
    "pack_body",
]
