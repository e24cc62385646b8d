"""``mediamon sql``: one statement, read-only for real, with a time limit, on SQLite and PostgreSQL.

SQLite: the file is opened ``mode=ro`` with ``query_only``, and an authorizer allows only reading
(SELECT, reads of columns, functions, recursive CTEs and pragmas that only report), so ATTACH,
VACUUM (which attaches a file, ``VACUUM INTO`` included), writes and setting pragmas are refused
before they run. A progress handler ends the statement at the deadline or on Ctrl-C, which the
SQLite engine would otherwise not notice until the statement returns.

PostgreSQL: a read-only transaction with a statement timeout, and never as a role that can reach
the server's files or programs (a superuser, or a member of pg_read_server_files,
pg_write_server_files or pg_execute_server_program): those can escape any read-only
transaction (``COPY … TO PROGRAM``, ``lo_export``, ``pg_read_file``).
"""

from __future__ import annotations

import signal
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

from sqlalchemy.engine import make_url

DEFAULT_TIMEOUT_S = 30.0
MAX_VALUE_BYTES = 100_000_000  # the longest string or blob a SQLite statement may build (SQLite's default: 1 GB)
INTERRUPTED = "interrupted: the statement was stopped (Ctrl-C)"
PROGRESS_EVERY = 10_000  # SQLite virtual machine steps between checks of the deadline (well under 1 ms)


class QueryError(Exception):
    """A statement the database would not run, as one line for people."""


class ReadOnlyRefusal(QueryError):
    """The statement would write or reach outside the database, and was refused."""


class QueryTimeout(QueryError):
    """The statement ran past its time limit and was stopped."""


class QueryInterrupted(QueryError):
    """Ctrl-C stopped the statement."""


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


# -- SQLite ----------------------------------------------------------------------------------------

_READ_ACTIONS = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE}
#: Pragmas that take an argument and still only report (also used as table-valued functions).
_READING_PRAGMAS_WITH_ARGUMENT = {
    "table_info",
    "table_xinfo",
    "table_list",
    "index_info",
    "index_xinfo",
    "index_list",
    "foreign_key_list",
    "foreign_key_check",
    "integrity_check",
    "quick_check",
}
#: Pragmas that act when named without an argument.
_ACTING_PRAGMAS = {"optimize", "wal_checkpoint", "incremental_vacuum", "shrink_memory"}
_ACTION_NAMES = {
    getattr(sqlite3, f"SQLITE_{name}"): name.replace("_", " ")
    for name in (
        *(f"{verb}_{what}" for verb in ("CREATE", "DROP") for what in ("INDEX", "TABLE", "TRIGGER", "VIEW", "VTABLE")),
        *(f"{verb}_TEMP_{what}" for verb in ("CREATE", "DROP") for what in ("INDEX", "TABLE", "TRIGGER", "VIEW")),
        "INSERT",
        "UPDATE",
        "DELETE",
        "ALTER_TABLE",
        "REINDEX",
        "ANALYZE",
        "TRANSACTION",
        "SAVEPOINT",
        "DETACH",
    )
}


_SCHEMA_TABLES = {"sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema"}
_ROW_WRITES = {sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE}


class _Guard:
    """The authorizer and progress handler of one read-only SQLite statement."""

    def __init__(self, timeout_s: float) -> None:
        self.deadline = time.monotonic() + timeout_s
        self.denied: str | None = None
        self.timed_out = False
        self.interrupted = False

    def authorize(self, action: int, arg1: str | None, arg2: str | None, _db: str | None, _trigger: str | None) -> int:
        if action in _READ_ACTIONS:
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_UPDATE and arg1 in _SCHEMA_TABLES:
            return sqlite3.SQLITE_OK  # SQLite asks this while it (re)reads the schema; the file is read-only anyway
        if action == sqlite3.SQLITE_PRAGMA:
            name = (arg1 or "").lower()
            reads = name in _READING_PRAGMAS_WITH_ARGUMENT if arg2 is not None else name not in _ACTING_PRAGMAS
            if reads:
                return sqlite3.SQLITE_OK
            self._deny(f"PRAGMA {name}" + (" = …" if arg2 is not None else ""))
        elif action == sqlite3.SQLITE_ATTACH:
            self._deny("VACUUM" if arg1 == "" else "ATTACH or VACUUM INTO")
        elif action in _ROW_WRITES:  # named only when nothing more telling was denied first
            self.denied = self.denied or ("changing the schema" if arg1 in _SCHEMA_TABLES else _ACTION_NAMES[action])
        else:
            self._deny(_ACTION_NAMES.get(action, f"action {action}"))
        return sqlite3.SQLITE_DENY

    def _deny(self, what: str) -> None:
        self.denied = what

    def progress(self) -> int:
        if self.interrupted:
            return 1
        if time.monotonic() > self.deadline:
            self.timed_out = True
            return 1
        return 0

    def on_sigint(self, _signum: int, _frame: object) -> None:
        self.interrupted = True


@contextmanager
def _sigint_to(guard: _Guard) -> Iterator[None]:
    """Ctrl-C sets the guard's flag (the progress handler then stops SQLite) instead of raising mid-callback."""
    try:
        previous = signal.signal(signal.SIGINT, guard.on_sigint)
    except ValueError:  # not the main thread: the deadline still holds
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _sqlite_error(exc: sqlite3.Error, guard: _Guard, timeout_s: float) -> QueryError:
    if guard.interrupted:
        return QueryInterrupted(INTERRUPTED)
    if guard.timed_out:
        return QueryTimeout(f"the statement ran longer than {timeout_s:g} s and was stopped (see --timeout)")
    message = _first_line(exc)
    if guard.denied or "not authorized" in message:
        return ReadOnlyRefusal(f"refused: the database is open read-only ({guard.denied or message} is not allowed)")
    if "readonly" in message or "read-only" in message:
        return ReadOnlyRefusal(f"refused: the database is open read-only ({message})")
    return QueryError(message)


def _sqlite_rows(url: str, statement: str, timeout_s: float) -> Iterator[Any]:
    path = make_url(url).database
    if not path or path == ":memory:":
        raise QueryError("a read-only query needs a SQLite file, not an in-memory database")
    if not Path(path).is_file():
        raise QueryError(f"no SQLite database at {path}")
    # mode=ro: SQLite refuses every write to the file; the authorizer refuses what reaches outside it.
    connection = sqlite3.connect(f"file:{quote(str(Path(path).resolve()))}?mode=ro", uri=True, timeout=timeout_s)
    guard = _Guard(timeout_s)
    try:
        connection.execute("PRAGMA query_only = ON")
        connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)  # no gigabyte strings or blobs
        connection.set_authorizer(guard.authorize)
        connection.set_progress_handler(guard.progress, PROGRESS_EVERY)
        with _sigint_to(guard):
            try:
                cursor = connection.execute(statement)
                yield [d[0] for d in cursor.description or ()]
                while batch := cursor.fetchmany(1_000):
                    yield from batch
            except sqlite3.Error as exc:
                raise _sqlite_error(exc, guard, timeout_s) from None
    finally:
        connection.close()


# -- PostgreSQL ------------------------------------------------------------------------------------

#: What makes a role unfit for `mediamon sql`, each as a boolean column of one query.
_POWERS = {
    "is a superuser": "rolsuper",
    "can read server files (pg_read_server_files)": "pg_has_role(current_user, 'pg_read_server_files', 'MEMBER')",
    "can write server files (pg_write_server_files)": "pg_has_role(current_user, 'pg_write_server_files', 'MEMBER')",
    "can run server programs (pg_execute_server_program)": (
        "pg_has_role(current_user, 'pg_execute_server_program', 'MEMBER')"
    ),
    "may call pg_read_file": "has_function_privilege('pg_read_file(text)', 'EXECUTE')",
    "may call lo_export": "has_function_privilege('lo_export(oid, text)', 'EXECUTE')",
}
_POWERS_QUERY = "SELECT " + ", ".join(_POWERS.values()) + ", current_user FROM pg_roles WHERE rolname = current_user"


def _refuse_powerful_role(cursor: Any) -> None:
    row = cursor.execute(_POWERS_QUERY).fetchone()
    powers = [what for what, has in zip(_POWERS, row[:-1], strict=True) if has]
    if powers:
        raise ReadOnlyRefusal(
            f"refused: role {row[-1]!r} {powers[0]}, which a read-only transaction does not contain; "
            "connect as a role made with `mediamon db grant-readonly ROLE` (--db postgresql://ROLE@host/db)"
        )


def _postgresql_rows(url: str, statement: str, timeout_s: float) -> Iterator[Any]:
    import psycopg

    from storage.db import make_engine

    options = f"-c default_transaction_read_only=on -c statement_timeout={int(timeout_s * 1000)}"
    engine = make_engine(url, connect_args={"options": options})
    raw = engine.raw_connection()
    try:
        # A postgresql+psycopg URL's DBAPI connection is psycopg's; SQLAlchemy types it Any | None.
        pg = cast("psycopg.Connection[Any]", raw.driver_connection)
        pg.rollback()
        with pg.cursor() as cursor:
            _refuse_powerful_role(cursor)
        pg.rollback()
        pg.read_only = True  # BEGIN READ ONLY, on top of the session default
        with pg.cursor() as cursor:
            try:
                # stream() uses the extended protocol: one statement, no escaping the transaction with COMMIT; …
                rows = cursor.stream(statement.encode("utf-8"))
                first = next(rows, None)
                yield [d.name for d in cursor.description or ()]
                if first is not None:
                    yield first
                    yield from rows
            except psycopg.errors.ReadOnlySqlTransaction as exc:
                raise ReadOnlyRefusal(f"refused: the database is open read-only ({_first_line(exc)})") from None
            except psycopg.errors.QueryCanceled as exc:
                if "statement timeout" in str(exc):
                    raise QueryTimeout(
                        f"the statement ran longer than {timeout_s:g} s and was stopped (see --timeout)"
                    ) from None
                raise QueryInterrupted("interrupted: the statement was cancelled on the server") from None
            except psycopg.Error as exc:
                raise QueryError(_first_line(exc)) from None
            except KeyboardInterrupt:  # psycopg has cancelled the statement on the server
                raise QueryInterrupted(INTERRUPTED) from None
        pg.rollback()
    finally:
        raw.close()
        engine.dispose()


def readonly_query(url: str, statement: str, timeout_s: float = DEFAULT_TIMEOUT_S) -> tuple[list[str], Iterator[Any]]:
    """The column names and a row iterator of ``statement`` run read-only, stopped after ``timeout_s``.

    Raises :class:`ReadOnlyRefusal` for what would write or reach outside the database,
    :class:`QueryTimeout`, :class:`QueryInterrupted`, or :class:`QueryError` for the rest.
    Rows are read lazily: consume the iterator to the end to close the connection.
    """
    backend = make_url(url).get_backend_name()
    runners: dict[str, Callable[[str, str, float], Iterator[Any]]] = {
        "sqlite": _sqlite_rows,
        "postgresql": _postgresql_rows,
    }
    if backend not in runners:
        raise QueryError(f"read-only queries support SQLite and PostgreSQL, not {backend}")
    rows = runners[backend](url, statement, timeout_s)
    columns = next(rows)
    return columns, rows
