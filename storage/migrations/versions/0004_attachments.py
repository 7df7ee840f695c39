"""Attachments: documents fetched from files linked by a page.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ATTACHMENT_COLUMNS = (
    ("parent_url", sa.Text()),
    ("content_type", sa.String(16)),
    ("attachment_status", sa.String(16)),
    ("attachment_detail", sa.Text()),
)


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        for name, type_ in ATTACHMENT_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=True))
        batch.create_index("ix_documents_parent_url", ["parent_url"])


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_parent_url")
        for name, _ in reversed(ATTACHMENT_COLUMNS):
            batch.drop_column(name)
