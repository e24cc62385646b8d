"""Database URL, engines and sessions. Nothing happens at import time."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

DEFAULT_DATABASE_URL = "sqlite:///mediamon.db"
SQLITE_BUSY_TIMEOUT_MS = 30_000


def database_url(explicit: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """The database URL: an explicit one, else ``MEDIAMON_DATABASE_URL``, else ``./mediamon.db``.

    A bare ``postgresql://`` URL is given the psycopg 3 driver.
    """
    env = os.environ if env is None else env
    url = explicit or env.get("MEDIAMON_DATABASE_URL") or DEFAULT_DATABASE_URL
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if "://" not in url:  # a plain path is a SQLite file
        url = f"sqlite:///{url}"
    return url


def masked_url(url: str) -> str:
    """The URL with its password hidden, for logs, errors and the crawl ledger."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is still masked
        return "<unparsable database URL>"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_driver_leaves_transactions_to_us(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's legacy mode commits before DDL and runs it outside any transaction; None turns that off.
    dbapi_connection.isolation_level = None


def _sqlite_begin_immediate(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock at once: no upgrade from a stale read


def make_engine(url: str, *, transactional_ddl: bool = False, **kwargs: Any) -> Engine:
    """An engine with mediamon's connection settings (SQLite: WAL, busy timeout, foreign keys).

    ``transactional_ddl`` (for migrations): on SQLite, every transaction is a real one that DDL
    belongs to, so a migration killed half-way rolls back whole (the pysqlite set-up SQLAlchemy
    documents for SAVEPOINT and transactional DDL). PostgreSQL always has transactional DDL.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        kwargs.setdefault("connect_args", {}).setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        if transactional_ddl:
            event.listen(engine, "connect", _sqlite_driver_leaves_transactions_to_us)
            event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("connect_args", {}).setdefault("connect_timeout", 10)
    # No JIT compilation: mediamon's statements are short, and the search listing's gated arms
    # (storage/searchwalk.py) are costed high enough to be compiled, which took 0.5-3 s of a 10-30 ms search.
    connect_args = kwargs["connect_args"]
    connect_args["options"] = f"{connect_args.get('options', '')} -c jit=off".strip()
    return create_engine(url, **kwargs)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions of ``engine`` (the ORM is imported here: the read-only commands use connections)."""
    from sqlalchemy.orm import sessionmaker

    return sessionmaker(engine, expire_on_commit=False)
