"""One run per source at a time, and no lock outlives its process.

PostgreSQL: a session-level advisory lock held on a dedicated connection (works
across machines; the server releases it when the connection dies). SQLite: an
``flock`` on a file beside the database (the kernel releases it when the process
dies, even on SIGKILL).
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
from contextlib import ExitStack
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url


class SourceLocked(RuntimeError):
    """Another run holds the source."""


def _advisory_key(source: str) -> int:
    digest = hashlib.blake2b(f"mediamon:{source}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _lock_dir(url: str, data_dir: Path) -> Path:
    database = make_url(url).database
    if database and database != ":memory:":
        return Path(database).resolve().parent / (Path(database).name + ".locks")
    return data_dir / "locks"


class SourceLocks:
    """Holds the locks of the sources a process crawls until :meth:`release`."""

    def __init__(self, engine: Engine, url: str, data_dir: Path) -> None:
        self.engine = engine
        self.url = url
        self.data_dir = data_dir
        self._stack = ExitStack()
        self._pg: Connection | None = None

    def acquire(self, source: str) -> None:
        """Take the source's lock or raise :class:`SourceLocked` at once."""
        if self.engine.dialect.name == "postgresql":
            if self._pg is None:
                self._pg = self._stack.enter_context(self.engine.connect())
            got = self._pg.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": _advisory_key(source)}).scalar()
            self._pg.commit()
            if not got:
                raise SourceLocked(source)
            return
        directory = _lock_dir(self.url, self.data_dir)
        directory.mkdir(parents=True, exist_ok=True)
        lock = FileLock(directory / f"{source}.lock", timeout=0)
        try:
            lock.acquire()
        except Timeout:
            raise SourceLocked(source) from None
        self._stack.callback(lock.release)
        holder = directory / f"{source}.holder"
        holder.write_text(json.dumps({"pid": os.getpid(), "host": socket.gethostname()}), encoding="utf-8")

    def release(self) -> None:
        self._stack.close()
        self._pg = None

    def __enter__(self) -> SourceLocks:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
