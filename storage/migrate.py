"""Drive Alembic from code: the CLI, the demo and the tests use these, never ``create_all``.

The check a crawl makes before it starts (is the database at the newest revision?) is in
:mod:`storage.schema`, which does not import Alembic.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from filelock import FileLock, Timeout
from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage.db import make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
#: The PostgreSQL advisory lock key that one migrating process holds.
_MIGRATION_LOCK_KEY = int.from_bytes(hashlib.blake2b(b"mediamon:migrate", digest_size=8).digest(), "big", signed=True)


def _say_nothing(_message: str) -> None:
    pass


@contextmanager
def migration_lock(url: str, on_wait: Callable[[str], None] = _say_nothing) -> Iterator[None]:
    """Hold the database's migration lock: a second ``db upgrade`` waits for the first, then finds nothing to do.

    SQLite: an ``flock`` on ``<file>.migrate.lock`` beside the database; PostgreSQL: a session
    advisory lock on a connection of its own. Both end with the process, even on SIGKILL.
    ``on_wait`` is told once when another process holds the lock.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            yield
            return
        lock = FileLock(f"{Path(parsed.database).resolve()}.migrate.lock")
        try:
            lock.acquire(timeout=0)
        except Timeout:
            on_wait("another `mediamon db upgrade` is migrating this database: waiting for it to finish")
            lock.acquire()
        try:
            yield
        finally:
            lock.release()
        return
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            key = {"key": _MIGRATION_LOCK_KEY}
            if not connection.execute(text("SELECT pg_try_advisory_lock(:key)"), key).scalar():
                on_wait("another `mediamon db upgrade` is migrating this database: waiting for it to finish")
                connection.execute(text("SELECT pg_advisory_lock(:key)"), key)
            connection.commit()
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), key)
                connection.commit()
    finally:
        engine.dispose()


def alembic_config(url: str) -> Config:
    """An Alembic config for ``url`` that does not depend on the working directory."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["url"] = url
    return config


def head_revision() -> str:
    """The head of migrations/versions as Alembic reads it (``storage.schema.HEAD_REVISION`` must equal it)."""
    heads = ScriptDirectory(str(MIGRATIONS_DIR)).get_heads()
    return heads[0]


def upgrade(url: str, revision: str = "head", on_wait: Callable[[str], None] = _say_nothing) -> None:
    """Upgrade to ``revision``, one transaction per migration, holding the migration lock."""
    with migration_lock(url, on_wait):
        command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str, on_wait: Callable[[str], None] = _say_nothing) -> None:
    with migration_lock(url, on_wait):
        command.downgrade(alembic_config(url), revision)
