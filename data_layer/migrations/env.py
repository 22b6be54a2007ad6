"""Alembic environment: runs against the engine that data_layer.store.db hands over (never a config file)."""

from alembic import context
from sqlmodel import SQLModel

from data_layer import models  # noqa: F401  (registers the tables)

engine = context.config.attributes["engine"]

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
