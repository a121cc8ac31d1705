"""Alembic environment: migrations always run on a connection handed in by geo.store.

``geo.store.engine.open_store`` opens the connection (inside its lock and transaction) and
puts it in ``config.attributes["connection"]``; there is no alembic.ini and no URL here.
To write a new migration: ``python -m geo.store.revision "what changes"``.
"""

from __future__ import annotations

from alembic import context

from geo.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # ALTER TABLE on SQLite
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
