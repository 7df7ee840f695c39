"""Portal health per run: what each portal yielded and failed, and its status that morning.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "portal_health",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("portal_code", sa.String(12), nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("pages", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("listed", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("new", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("changed", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("gone", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("reports", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("faults", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=False),
        sa.Column("errors", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("lists_incomplete", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("blocked", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("run_id", "portal_code", name="pk_portal_health"),
        sa.ForeignKeyConstraint(["run_id"], ["crawl_runs.id"],
                                name="fk_portal_health_run_id_crawl_runs"),
    )
    op.create_index("ix_portal_health_portal_code", "portal_health", ["portal_code"])


def downgrade() -> None:
    op.drop_index("ix_portal_health_portal_code", table_name="portal_health")
    op.drop_table("portal_health")
