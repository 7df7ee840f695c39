"""When each list page was last asked for: a column's further pages are trusted from memory
for a while after (crawler/spiders/portal.py, GOVCORPUS_LIST_PAGES_TRUSTED_DAYS).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("list_pages") as batch:
        batch.add_column(sa.Column("asked_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("update list_pages set asked_at = read_at")


def downgrade() -> None:
    with op.batch_alter_table("list_pages") as batch:
        batch.drop_column("asked_at")
