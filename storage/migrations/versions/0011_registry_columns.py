"""The national registry: remembered 年报 columns, and each document's current region code.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "portal_columns",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("portal_code", sa.String(12), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("how", sa.String(16), nullable=False),
        sa.Column("path", JSON, nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("found_run_id", sa.Integer(), nullable=True),
        sa.Column("last_ok_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failed_nights", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_failure", sa.Text(), nullable=True),
        sa.Column("moved_to", sa.Text(), nullable=True),
        sa.Column("moved_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("portal_code", "url", name="uq_portal_columns_portal_code"),
    )
    op.create_index("ix_portal_columns_portal_code", "portal_columns", ["portal_code"])
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("region_code_current", sa.String(12), nullable=True))
    op.create_index("ix_documents_region_code_current", "documents", ["region_code_current"])
    # documents stored before: their code is today's (the region table is current)
    op.execute("update documents set region_code_current = region_code")


def downgrade() -> None:
    op.drop_index("ix_documents_region_code_current", table_name="documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("region_code_current")
    op.drop_index("ix_portal_columns_portal_code", table_name="portal_columns")
    op.drop_table("portal_columns")
