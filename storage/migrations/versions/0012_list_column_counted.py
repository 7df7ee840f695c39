"""Whether a list column announced any count (documents, pages): False marks a column whose
completeness could not be checked.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("list_columns") as batch:
        batch.add_column(sa.Column("counted", sa.Boolean(), nullable=False,
                                   server_default=sa.true()))
    op.execute("UPDATE list_columns SET counted = (announced IS NOT NULL "
               "OR pages_announced IS NOT NULL)")


def downgrade() -> None:
    with op.batch_alter_table("list_columns") as batch:
        batch.drop_column("counted")
