"""Read-only engines: the web pages may read the archive and nothing else.

SQLite is opened through a ``file:…?mode=ro`` URI (SQLite itself refuses every write) with
``query_only``; PostgreSQL sessions start with ``default_transaction_read_only = on`` (the server
refuses writes in every transaction of the session).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from storage.db import SQLITE_BUSY_TIMEOUT_MS, make_engine

READ_ONLY_OPTIONS = "-c default_transaction_read_only=on"


class NoDatabase(ValueError):
    """The URL names no database the pages could read."""


def _sqlite_read_only(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA query_only = ON")
    cursor.close()


def read_only_engine(url: str) -> Engine:
    """An engine whose connections cannot write (raises :class:`NoDatabase` for a missing SQLite file)."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = parsed.database
        if not path or path == ":memory:":
            raise NoDatabase("the web pages need a SQLite file, not an in-memory database")
        if not Path(path).is_file():
            raise NoDatabase(f"no SQLite database at {path} (run `mediamon db upgrade` and a crawl first)")
        uri = f"sqlite:///file:{quote(str(Path(path).resolve()))}?mode=ro&uri=true"
        engine = create_engine(uri, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_read_only)
        return engine
    if backend == "postgresql":
        return make_engine(url, connect_args={"options": READ_ONLY_OPTIONS}, pool_size=4, max_overflow=4)
    raise NoDatabase(f"the web pages support SQLite and PostgreSQL, not {backend}")
