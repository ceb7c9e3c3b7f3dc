"""Alembic environment: uses the engine handed over by ``storage.migrate``."""

from alembic import context

from khaddam_align.storage.models import Base

target_metadata = Base.metadata
engine = context.config.attributes.get("engine")

if engine is None:  # `alembic revision --autogenerate` from the command line
    from khaddam_align.storage.db import make_engine, resolve_url

    engine = make_engine(resolve_url(context.config.get_main_option("sqlalchemy.url") or None))

with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
