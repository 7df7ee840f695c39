"""List pages as last read (validators, digest, reading), replayed when a page is unchanged.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "list_pages",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("portal_code", sa.String(12), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("body_sha256", sa.String(64), nullable=False),
        sa.Column("reading", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("url", name="pk_list_pages"),
    )
    op.create_index("ix_list_pages_portal_code", "list_pages", ["portal_code"])


def downgrade() -> None:
    op.drop_index("ix_list_pages_portal_code", table_name="list_pages")
    op.drop_table("list_pages")
