"""Per-run figures of each list column: read by what, announced, listed, fetched.

Revision ID: 0010
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "list_columns",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("run_id", sa.Integer(), sa.ForeignKey("crawl_runs.id"), nullable=True),
        sa.Column("portal_code", sa.String(), nullable=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("read_by", sa.String(), nullable=False),
        sa.Column("announced", sa.Integer(), nullable=True),
        sa.Column("listed", sa.Integer(), nullable=False),
        sa.Column("fetched", sa.Integer(), nullable=False),
        sa.Column("pages_announced", sa.Integer(), nullable=True),
        sa.Column("pages_read", sa.Integer(), nullable=False),
    )
    op.create_index("ix_list_columns_run_id", "list_columns", ["run_id"])
    op.create_index("ix_list_columns_portal_code", "list_columns", ["portal_code"])


def downgrade() -> None:
    op.drop_index("ix_list_columns_portal_code", table_name="list_columns")
    op.drop_index("ix_list_columns_run_id", table_name="list_columns")
    op.drop_table("list_columns")
