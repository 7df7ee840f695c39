"""Initial schema: portals, crawl runs, documents, captures, faults.

Revision ID: 0001
Revises:
Create Date: 2026-09-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    create_portals()
    create_crawl_runs()
    create_documents()
    create_captures()
    create_faults()


def downgrade() -> None:
    for table in ("faults", "captures", "documents", "crawl_runs", "portals"):
        op.drop_table(table)


def create_portals() -> None:
    op.create_table(
        "portals",
        sa.Column("region_code", sa.String(12), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("level", sa.String(16), nullable=True),
        sa.Column("start_urls", JSON, nullable=False),
        sa.Column("allowed_domains", JSON, nullable=False),
        sa.Column("hints", JSON, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("region_code", name="pk_portals"),
    )


def create_crawl_runs() -> None:
    op.create_table(
        "crawl_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", TIMESTAMP, nullable=False),
        sa.Column("finished_at", TIMESTAMP, nullable=True),
        sa.Column("registry", sa.Text(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("stats", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_crawl_runs"),
    )


def create_documents() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.String(16), nullable=False),
        sa.Column("portal_code", sa.String(12), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("canonical_url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("index_number", sa.Text(), nullable=True),
        sa.Column("issuing_body", sa.Text(), nullable=True),
        sa.Column("publish_date", sa.String(), nullable=True),
        sa.Column("written_date", sa.String(), nullable=True),
        sa.Column("doc_number", sa.Text(), nullable=True),
        sa.Column("topic", sa.Text(), nullable=True),
        sa.Column("is_annual_report", sa.Boolean(), nullable=False),
        sa.Column("report_year", sa.Integer(), nullable=True),
        sa.Column("region_code", sa.String(12), nullable=True),
        sa.Column("region_name", sa.Text(), nullable=True),
        sa.Column("body_type", sa.String(16), nullable=True),
        sa.Column("encoding", sa.String(), nullable=True),
        sa.Column("encoding_declared", sa.String(), nullable=True),
        sa.Column("encoding_confidence", sa.Float(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("text_normalized", sa.Text(), nullable=True),
        sa.Column("script", sa.String(16), nullable=True),
        sa.Column("mojibake_score", sa.Float(), nullable=True),
        sa.Column("content_hash", sa.String(), nullable=True),
        sa.Column("duplicate_of", sa.Integer(), nullable=True),
        sa.Column("first_seen", TIMESTAMP, nullable=False),
        sa.Column("last_seen", TIMESTAMP, nullable=False),
        sa.Column("last_run_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("doc_id", name="uq_documents_doc_id"),
        sa.UniqueConstraint("canonical_url", name="uq_documents_canonical_url"),
        sa.ForeignKeyConstraint(
            ["portal_code"], ["portals.region_code"], name="fk_documents_portal_code_portals"
        ),
        sa.ForeignKeyConstraint(
            ["duplicate_of"], ["documents.id"], name="fk_documents_duplicate_of_documents"
        ),
        sa.ForeignKeyConstraint(
            ["last_run_id"], ["crawl_runs.id"], name="fk_documents_last_run_id_crawl_runs"
        ),
    )
    op.create_index("ix_documents_portal_code", "documents", ["portal_code"])
    op.create_index("ix_documents_region_code", "documents", ["region_code"])
    op.create_index("ix_documents_content_hash", "documents", ["content_hash"])
    op.create_index("ix_documents_duplicate_of", "documents", ["duplicate_of"])
    op.create_index("ix_documents_report_year", "documents", ["is_annual_report", "report_year"])


def create_captures() -> None:
    op.create_table(
        "captures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("fetched_at", TIMESTAMP, nullable=False),
        sa.Column("headers", JSON, nullable=False),
        sa.Column("body_zlib", sa.LargeBinary(), nullable=False),
        sa.Column("body_sha256", sa.String(64), nullable=False),
        sa.Column("body_size", sa.Integer(), nullable=False),
        sa.Column("encoding", sa.String(), nullable=True),
        sa.Column("encoding_declared", sa.String(), nullable=True),
        sa.Column("encoding_evidence", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_captures"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_captures_document_id_documents"
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["crawl_runs.id"], name="fk_captures_run_id_crawl_runs"
        ),
    )
    op.create_index("ix_captures_run_id", "captures", ["run_id"])
    op.create_index("ix_captures_document_fetched", "captures", ["document_id", "fetched_at"])


def create_faults() -> None:
    op.create_table(
        "faults",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("portal_code", sa.String(), nullable=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("fetched_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_faults"),
        sa.ForeignKeyConstraint(["run_id"], ["crawl_runs.id"], name="fk_faults_run_id_crawl_runs"),
    )
    op.create_index("ix_faults_run_id", "faults", ["run_id"])
    op.create_index("ix_faults_portal_code", "faults", ["portal_code"])
