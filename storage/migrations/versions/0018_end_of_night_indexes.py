"""Indexes for what a night asks at its end: the documents its lists showed and the ones
they no longer show (storage/write/history.py close_listing), each portal's night
(storage/health.py measure_run) and the summary's counts (storage/read/summary.py).

Without them each of those statements read every document row, texts and all: ~1.4 s of
SQL at the end of a 3,179-portal night on 18,529 documents, growing with the corpus.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

DOCUMENT_INDEXES = {
    "ix_documents_listed": ["last_listed_run_id", "portal_code", "parent_url",
                            "is_annual_report"],
    "ix_documents_unlisted": ["gone_since", "parent_url", "portal_code", "last_listed_run_id"],
    "ix_documents_last_run_id": ["last_run_id"],
    "ix_documents_duplicate": ["duplicate_of", "duplicate_kind"],
    "ix_documents_duplicate_kind": ["duplicate_kind"],
}


def upgrade() -> None:
    for name, columns in DOCUMENT_INDEXES.items():
        op.create_index(name, "documents", columns)
    op.drop_index("ix_documents_duplicate_of", table_name="documents")  # a prefix of the above
    op.create_index("ix_document_versions_run_id", "document_versions", ["run_id"])


def downgrade() -> None:
    op.drop_index("ix_document_versions_run_id", table_name="document_versions")
    op.create_index("ix_documents_duplicate_of", "documents", ["duplicate_of"])
    for name in DOCUMENT_INDEXES:
        op.drop_index(name, table_name="documents")
