"""Alembic environment: the URL comes from storage.db, the metadata from storage.models."""

from __future__ import annotations

from alembic import context

from storage.db import database_url, make_engine
from storage.models import Base
from storage.search import include_name
from storage.types import UTCDateTime

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    # The CLI passes its URL through attributes (no %-interpolation, never logged);
    # plain `alembic upgrade head` falls back to MEDIAMON_DATABASE_URL / ./mediamon.db.
    return config.attributes.get("url") or database_url()


def _render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Render our UTCDateTime as a plain aware DateTime: migrations must not import app types."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure(**kwargs: object) -> None:
    # Each migration is one transaction, its version stamp included, on SQLite too (whose DDL is
    # transactional once the driver leaves transactions to SQLAlchemy: see storage.db.make_engine):
    # a killed upgrade leaves the database at the last whole revision, never half of one.
    context.configure(
        target_metadata=target_metadata,
        transactional_ddl=True,
        transaction_per_migration=True,
        render_as_batch=True,
        compare_type=True,
        render_item=_render_item,
        include_name=include_name,
        **kwargs,
    )


def run_migrations_offline() -> None:
    _configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(_url(), transactional_ddl=True)
    try:
        with engine.connect() as connection:
            _configure(connection=connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
