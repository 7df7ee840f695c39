"""Document history for nightly crawls: versions, listing, takedowns, near-duplicates.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


TIMESTAMP = sa.DateTime(timezone=True)
HISTORY_COLUMNS = (
    ("etag", sa.Text()), ("last_modified", sa.Text()), ("body_sha256", sa.String(64)),
    ("gone_since", TIMESTAMP), ("gone_reason", sa.String(32)),
    ("last_listed_run_id", sa.Integer()), ("duplicate_kind", sa.String(8)),
)


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        for name, type_ in HISTORY_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(
            sa.Column("missing_runs", sa.Integer(), nullable=False, server_default="0")
        )
    _create_versions()
    op.create_table(
        "document_signatures",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("document_id", name="pk_document_signatures"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name="fk_document_signatures_document_id_documents"),
    )
    op.create_table(
        "document_bands",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.SmallInteger(), nullable=False),
        sa.Column("hash", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_document_bands"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name="fk_document_bands_document_id_documents"),
    )
    op.create_index("ix_document_bands_band_hash", "document_bands", ["band", "hash"])
    op.create_index("ix_document_bands_document_id", "document_bands", ["document_id"])


def _create_versions() -> None:
    op.create_table(
        "document_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("text_normalized", sa.Text(), nullable=True),
        sa.Column("fetched_at", TIMESTAMP, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("capture_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_document_versions"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name="fk_document_versions_document_id_documents"),
        sa.ForeignKeyConstraint(["run_id"], ["crawl_runs.id"],
                                name="fk_document_versions_run_id_crawl_runs"),
        sa.ForeignKeyConstraint(["capture_id"], ["captures.id"],
                                name="fk_document_versions_capture_id_captures"),
        sa.UniqueConstraint("document_id", "version", name="uq_document_versions_document_id"),
    )


def downgrade() -> None:
    op.drop_table("document_bands")
    op.drop_table("document_signatures")
    op.drop_table("document_versions")
    with op.batch_alter_table("documents") as batch:
        for name in ("missing_runs", "version", *(name for name, _ in HISTORY_COLUMNS)):
            batch.drop_column(name)
