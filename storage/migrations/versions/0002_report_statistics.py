"""Annual-report statistics: parsed cells per report and the results of their cross-checks.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("stats_format", sa.String(8), nullable=True))
        batch.add_column(sa.Column("stats_checks", JSON, nullable=True))
        batch.add_column(sa.Column("stats_failed", sa.Integer(), nullable=True))
    op.create_table(
        "report_cells",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("section", sa.String(8), nullable=False),
        sa.Column("row", sa.String(64), nullable=False),
        sa.Column("column", sa.String(64), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("raw", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_report_cells"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_report_cells_document_id_documents"
        ),
        sa.UniqueConstraint("document_id", "key", name="uq_report_cells_document_id"),
    )


def downgrade() -> None:
    op.drop_table("report_cells")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("stats_failed")
        batch.drop_column("stats_checks")
        batch.drop_column("stats_format")
