"""Alembic environment: runs on the connection trucewatch hands it, or on the ini's URL."""

from alembic import context
from sqlalchemy import engine_from_config, pool

from trucewatch.store.schema import metadata

config = context.config


def run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things in place; batch mode copies the table.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    engine = engine_from_config(
        config.get_section(config.config_ini_section), poolclass=pool.NullPool
    )
    with engine.connect() as conn:
        run(conn)
