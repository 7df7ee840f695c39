"""The corpus browser: Datasette over the SQLite corpus, with search and facets."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from govcorpus.cli.common import UserError, console
from govcorpus.contract import FIELD_DOCS
from storage.read.search import FTS_TABLE

DATABASE = "govcorpus"
SEARCH_SQL = f"""
select d.title, d.report_year, d.region_code, d.portal_code, d.issuing_body, d.publish_date,
       d.url, snippet({FTS_TABLE}, 1, '【', '】', '…', 24) as excerpt
from {FTS_TABLE} join documents d on d.id = {FTS_TABLE}.rowid
where {FTS_TABLE} match '"' || replace(:q, '"', '""') || '"'
order by rank limit 200
""".strip()
HIDDEN_TABLES = ("captures", "alembic_version", "crawl_runs")


def datasette_metadata() -> dict[str, Any]:
    """Titles, descriptions, facets and the search query Datasette shows."""
    return {
        "title": "govcorpus — government information disclosure reports",
        "description": "Search the normalised text, filter by region, report year and "
                       "issuing body; each record links to its source page.",
        "databases": {DATABASE: {
            "tables": {
                "documents": {
                    "fts_table": FTS_TABLE,
                    "fts_pk": "id",
                    "label_column": "title",
                    "facets": ["is_annual_report", "report_year", "region_code", "portal_code",
                               "issuing_body"],
                    "sort_desc": "publish_date",
                    "columns": {k: v for k, v in FIELD_DOCS.items() if k != "province"},
                },
                **{name: {"hidden": True} for name in HIDDEN_TABLES},
            },
            "queries": {"search": {
                "title": "Full-text search",
                "description": "Phrase search over title, normalised text and issuing body "
                               "(three characters or more).",
                "sql": SEARCH_SQL,
            }},
        }},
    }


def datasette_command(db_file: Path, metadata_file: Path, port: int) -> list[str]:
    """The `datasette serve` command line for the corpus file."""
    return [
        sys.executable, "-m", "datasette", "serve", str(db_file),
        "--metadata", str(metadata_file), "--host", "127.0.0.1", "--port", str(port),
        "--setting", "default_page_size", "50", "--setting", "truncate_cells_html", "300",
    ]


def serve(db_file: Path, workdir: Path, port: int) -> subprocess.Popen:
    """Start Datasette on the corpus in the background; the caller waits on or stops it."""
    metadata_file = workdir / "datasette-metadata.json"
    metadata_file.write_text(json.dumps(datasette_metadata(), ensure_ascii=False),
                             encoding="utf-8")
    link = workdir / f"{DATABASE}.db"  # Datasette names a database after its file
    if link.exists() or link.is_symlink():
        link.unlink()
    link.symlink_to(db_file.resolve())
    return subprocess.Popen(datasette_command(link, metadata_file, port))


def browse(db_url: str, port: int) -> None:
    """Index the corpus for search and serve it with Datasette until interrupted."""
    import sqlalchemy as sa

    from storage import corpus_engine, init_db
    from storage.read.search import build_search_index

    url = sa.make_url(db_url)
    if url.get_backend_name() != "sqlite" or not url.database:
        raise UserError("the browser serves a SQLite corpus: give --db sqlite:///FILE")
    db_file = Path(url.database)
    if not db_file.is_file():
        raise UserError(f"no corpus at {db_file}: crawl first (govcorpus demo)")
    with corpus_engine(db_url) as engine:
        init_db(engine)
        indexed = build_search_index(engine)
    with tempfile.TemporaryDirectory() as workdir:
        process = serve(db_file, Path(workdir), port)
        console.print(f"{indexed} documents indexed; browse http://127.0.0.1:{port}/govcorpus "
                      f"(search: /govcorpus/search); Ctrl-C stops")
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop Datasette with us
        try:
            process.wait()
        except KeyboardInterrupt:
            pass
        finally:
            process.terminate()
            process.wait(timeout=30)
