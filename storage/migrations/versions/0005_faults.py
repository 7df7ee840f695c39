"""Fault handling: blocked portals and fault details.

No schema change: a fault row already carries run, portal, URL, kind, detail and status; a
blocked portal is a fault of kind "blocked" (storage/read/coverage.py, storage/read/summary.py).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
