"""Alembic environment: runs on the connection init_db passes, or on sqlalchemy.url."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_on(connection: sa.Connection) -> None:
    """Run the pending migrations on one connection."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Migrate a live database."""
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    from storage.engine import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with engine.begin() as conn:
            run_on(conn)
    finally:
        engine.dispose()


def run_offline() -> None:
    """Emit the migration SQL without a database."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
