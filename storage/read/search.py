"""Full-text search over the corpus: an FTS5 trigram index, which suits Chinese (SQLite)."""

from __future__ import annotations

import sqlalchemy as sa

FTS_TABLE = "documents_fts"
FTS_COLUMNS = ("title", "text_normalized", "issuing_body")


def build_search_index(engine: sa.Engine) -> int:
    """Create the index if needed and rebuild it from `documents`; returns documents indexed."""
    if engine.dialect.name != "sqlite":
        raise ValueError("the search index needs a SQLite corpus")
    columns = ", ".join(FTS_COLUMNS)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({columns}, "
            f"content='documents', content_rowid='id', tokenize='trigram')"
        )
        conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
        return conn.exec_driver_sql("SELECT count(*) FROM documents").scalar_one()


def search(engine: sa.Engine, phrase: str, limit: int = 50) -> list[sa.Row]:
    """Documents whose title, normalised text or issuing body contain the phrase, best first."""
    query = sa.text(
        f"SELECT d.doc_id, d.title, d.url, d.report_year FROM {FTS_TABLE} "
        f"JOIN documents d ON d.id = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH :phrase ORDER BY rank LIMIT :limit"
    )
    with engine.connect() as conn:
        return conn.execute(query, {"phrase": fts_phrase(phrase), "limit": limit}).all()


def fts_phrase(text: str) -> str:
    """A user's words as one FTS5 phrase (quotes doubled), so no query syntax leaks in."""
    return '"' + text.replace('"', '""') + '"'
