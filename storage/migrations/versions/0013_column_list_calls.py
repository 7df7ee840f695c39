"""The XHR a script-built 年报 column's list comes from, remembered with the column so later
nights ask for it directly instead of rendering the column in a browser.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("portal_columns") as batch:
        batch.add_column(sa.Column("list_call_method", sa.String(8), nullable=True))
        batch.add_column(sa.Column("list_call_url", sa.Text(), nullable=True))
        batch.add_column(sa.Column("list_call_form", sa.Text(), nullable=True))
        batch.add_column(sa.Column("list_call_page_field", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("portal_columns") as batch:
        batch.drop_column("list_call_page_field")
        batch.drop_column("list_call_form")
        batch.drop_column("list_call_url")
        batch.drop_column("list_call_method")
