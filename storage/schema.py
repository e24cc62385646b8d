"""Which schema revision a database is at, and whether this code can use it, without importing Alembic.

Every ``mediamon crawl`` (and every worker) checks the database's revision before it
starts. Reading Alembic's script directory for the newest revision meant importing
Alembic, Mako and their dependencies first: about 60 ms of each start, on the one core
busy with the start-up while the other waits. The newest revision is written here
instead, and ``tests/storage/test_migrations.py`` fails when it is not the head of
``migrations/versions`` (so a new migration cannot be added without it).
"""

from __future__ import annotations

from sqlalchemy import Engine, inspect, text

#: The newest migration in migrations/versions (checked against Alembic by the tests).
HEAD_REVISION = "0016"
#: Alembic's bookkeeping table (its default name; migrations/env.py keeps it).
VERSION_TABLE = "alembic_version"


class SchemaOutOfDate(RuntimeError):
    """The database is behind (or ahead of) the migrations this code needs."""


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (as ``alembic current`` says it), ``None`` before the first migration."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        versions = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if len(versions) > 1:  # branches: no single revision (mediamon's history is linear)
        return ",".join(sorted(versions))
    return versions[0] if versions else None


def require_current(engine: Engine) -> None:
    """Raise :class:`SchemaOutOfDate` unless the database is at :data:`HEAD_REVISION`."""
    current = current_revision(engine)
    if current != HEAD_REVISION:
        where = "has no mediamon tables" if current is None else f"is at revision {current}"
        raise SchemaOutOfDate(f"the database {where}, this mediamon needs {HEAD_REVISION}: run `mediamon db upgrade`")
