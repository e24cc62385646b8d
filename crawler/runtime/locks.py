"""One run per source at a time, and no lock outlives its process.

PostgreSQL: a row lock on the source's row of ``source_locks``, held by an open transaction
on a connection of the lock's own (works across machines; the server releases it when the
connection dies). A row lock needs the UPDATE privilege on the table, so the read-only role of
``db grant-readonly`` cannot take it and hold a source hostage; an advisory lock, which any
role may take, could. SQLite: an ``flock`` on a file beside the database (the kernel releases
it when the process dies, even on SIGKILL).
"""

from __future__ import annotations

import json
import os
import socket
from contextlib import ExitStack
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Connection, Engine, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import NestedTransaction, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from storage.db import make_engine
from storage.models import SourceLock

LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE for NOWAIT on a locked row


class SourceLocked(RuntimeError):
    """Another run holds the source."""


def _lock_dir(url: str, data_dir: Path) -> Path:
    database = make_url(url).database
    if database and database != ":memory:":
        return Path(database).resolve().parent / (Path(database).name + ".locks")
    return data_dir / "locks"


def row_lock_engine(url: str) -> Engine:
    """An engine for row locks: unpooled, since each locked source keeps a connection for the whole run."""
    return make_engine(url, poolclass=NullPool)


class RowLock:
    """One source's lock on PostgreSQL: its ``source_locks`` row locked by a transaction of its own.

    Exclusive is ``FOR SHARE`` then, in a savepoint kept open, ``FOR UPDATE``: :meth:`share`
    rolls the savepoint back, which leaves the shared lock without ever unlocking the row
    (how the first worker of a distributed crawl lets the others in). Each source has its
    own connection, so that rolling back one source's savepoint never touches another's.
    """

    def __init__(self, engine: Engine, source: str) -> None:
        self.source = source
        self._connection: Connection | None = engine.connect()
        self._exclusive: NestedTransaction | None = None
        # The transaction stays open, idle, for the whole run: a server-wide idle timeout must not end it.
        self._connection.execute(text("SET idle_in_transaction_session_timeout = 0"))
        self._connection.execute(insert(SourceLock).values(source=source).on_conflict_do_nothing())
        self._connection.commit()

    def _lock_row(self, mode: str) -> NestedTransaction | None:
        """Lock the row ``FOR mode NOWAIT`` in a new savepoint; the savepoint, or ``None`` when another holds it."""
        assert self._connection is not None
        savepoint = self._connection.begin_nested()
        try:
            self._connection.execute(
                text(f"SELECT source FROM source_locks WHERE source = :source FOR {mode} NOWAIT"),
                {"source": self.source},
            )
        except OperationalError as exc:
            savepoint.rollback()
            if getattr(exc.orig, "sqlstate", None) == LOCK_NOT_AVAILABLE:
                return None
            raise
        return savepoint

    def try_shared(self) -> bool:
        savepoint = self._lock_row("SHARE")
        if savepoint is None:
            return False
        savepoint.commit()  # RELEASE SAVEPOINT: the row lock now belongs to the outer transaction
        return True

    def try_exclusive(self) -> bool:
        if not self.try_shared():
            return False
        self._exclusive = self._lock_row("UPDATE")
        if self._exclusive is None:
            self.release_rows()
            return False
        return True

    def share(self) -> None:
        """From exclusive to shared, the row locked all along."""
        if self._exclusive is not None:
            self._exclusive.rollback()
            self._exclusive = None

    def release_rows(self) -> None:
        if self._connection is not None:
            self._connection.rollback()
            self._exclusive = None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class SourceLocks:
    """Holds the locks of the sources a process crawls until :meth:`release`."""

    def __init__(self, engine: Engine, url: str, data_dir: Path) -> None:
        self.engine = engine
        self.url = url
        self.data_dir = data_dir
        self._stack = ExitStack()
        self._rows_engine: Engine | None = None

    def acquire(self, source: str) -> None:
        """Take the source's lock or raise :class:`SourceLocked` at once."""
        if self.engine.dialect.name == "postgresql":
            if self._rows_engine is None:
                self._rows_engine = row_lock_engine(self.url)
                self._stack.callback(self._rows_engine.dispose)
            lock = RowLock(self._rows_engine, source)
            if not lock.try_exclusive():
                lock.close()
                raise SourceLocked(source)
            self._stack.callback(lock.close)
            return
        directory = _lock_dir(self.url, self.data_dir)
        directory.mkdir(parents=True, exist_ok=True)
        file_lock = FileLock(directory / f"{source}.lock", timeout=0)
        try:
            file_lock.acquire()
        except Timeout:
            raise SourceLocked(source) from None
        self._stack.callback(file_lock.release)
        holder = directory / f"{source}.holder"
        holder.write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname()}), encoding="utf-8")

    def release(self) -> None:
        self._stack.close()
        self._rows_engine = None

    def __enter__(self) -> SourceLocks:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
