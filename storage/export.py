"""Rows out of the store: streaming exports (CSV, JSON lines, Parquet) and read-only SQL.

Exports read with a server-side cursor (PostgreSQL) or SQLite's lazy cursor in
chunks and write each chunk before reading the next, so memory stays flat
whatever the number of rows. Parquet gets one row group per chunk.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import quote

from sqlalchemy import Connection, Select
from sqlalchemy.engine import make_url

EXPORT_FORMATS = ("csv", "jsonl", "parquet")
CHUNK_ROWS = 500


class QueryError(Exception):
    """A statement the database would not run, as one line for people."""


class ReadOnlyRefusal(QueryError):
    """The database refused a write because the connection is read-only."""


def stream_chunks(connection: Connection, query: Select[Any], chunk_rows: int | None = None) -> Iterator[list[Any]]:
    """The query's rows in lists of at most ``chunk_rows`` (default CHUNK_ROWS), read with a streaming cursor."""
    chunk_rows = chunk_rows or CHUNK_ROWS
    result = connection.execution_options(stream_results=True, yield_per=chunk_rows).execute(query)
    for part in result.partitions(chunk_rows):
        yield list(part)


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def _write_csv(out: BinaryIO, columns: Sequence[str], chunks: Iterator[list[Any]], done: Callable[[int], None]) -> int:
    count = 0
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(columns)
    for chunk in chunks:
        writer.writerows([_plain(v) for v in row] for row in chunk)
        count += len(chunk)
        done(len(chunk))
    text.flush()
    text.detach()  # the caller owns (and closes) the stream
    return count


def _write_jsonl(
    out: BinaryIO, columns: Sequence[str], chunks: Iterator[list[Any]], done: Callable[[int], None]
) -> int:
    count = 0
    for chunk in chunks:
        out.writelines(
            (json.dumps(dict(zip(columns, map(_plain, row), strict=True)), ensure_ascii=False) + "\n").encode("utf-8")
            for row in chunk
        )
        count += len(chunk)
        done(len(chunk))
    return count


def parquet_schema(columns: Sequence[str]) -> Any:
    """Arrow types of the export columns: ids and counts int64, times in microseconds, text otherwise."""
    import pyarrow as pa

    special = {
        "article_id": pa.int64(),
        "word_count": pa.int64(),
        "date_published": pa.timestamp("us", tz="UTC"),
        "date_published_local": pa.timestamp("us"),
    }
    return pa.schema([(name, special.get(name, pa.string())) for name in columns])


def _write_parquet(
    out: BinaryIO, columns: Sequence[str], chunks: Iterator[list[Any]], done: Callable[[int], None]
) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(columns)
    pool = pa.default_memory_pool()
    count = 0
    dictionary = [c for c in ("source", "language", "section") if c in columns]
    with pq.ParquetWriter(out, schema, compression="zstd", use_dictionary=dictionary) as writer:
        for chunk in chunks:
            arrays = [pa.array([row[i] for row in chunk], type=field.type) for i, field in enumerate(schema)]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema), row_group_size=len(chunk))
            del arrays
            pool.release_unused()  # else the allocator keeps ~70 MB of freed chunk buffers
            count += len(chunk)
            done(len(chunk))
    return count


WRITERS = {"csv": _write_csv, "jsonl": _write_jsonl, "parquet": _write_parquet}


def write_export(
    fmt: str,
    out: BinaryIO,
    columns: Sequence[str],
    chunks: Iterator[list[Any]],
    done: Callable[[int], None] = lambda _rows: None,
) -> int:
    """Write chunks of rows to the binary stream ``out`` in ``fmt``; call ``done(n)`` after each chunk.

    Return the row count. The stream may be a pipe (nothing seeks); see :mod:`storage.outfile`.
    """
    return WRITERS[fmt](out, columns, chunks, done)


# -- read-only SQL ---------------------------------------------------------------------------


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


@contextmanager
def _sqlite_readonly(url: str) -> Iterator[sqlite3.Connection]:
    path = make_url(url).database
    if not path or path == ":memory:":
        raise QueryError("a read-only query needs a SQLite file, not an in-memory database")
    if not Path(path).is_file():
        raise QueryError(f"no SQLite database at {path}")
    # mode=ro: SQLite itself refuses every write; query_only covers attached databases too.
    connection = sqlite3.connect(f"file:{quote(str(Path(path).resolve()))}?mode=ro", uri=True, timeout=30)
    try:
        connection.execute("PRAGMA query_only = ON")
        yield connection
    finally:
        connection.close()


def _sqlite_rows(url: str, statement: str) -> Iterator[Any]:
    with _sqlite_readonly(url) as connection:
        try:
            cursor = connection.execute(statement)
            yield [d[0] for d in cursor.description or ()]
            while batch := cursor.fetchmany(1_000):
                yield from batch
        except sqlite3.OperationalError as exc:
            if "readonly" in str(exc) or "read-only" in str(exc):
                raise ReadOnlyRefusal(f"refused: the database is open read-only ({_first_line(exc)})") from None
            raise QueryError(_first_line(exc)) from None
        except sqlite3.Error as exc:
            raise QueryError(_first_line(exc)) from None


def _postgresql_rows(url: str, statement: str) -> Iterator[Any]:
    import psycopg

    from storage.db import make_engine

    engine = make_engine(url, connect_args={"options": "-c default_transaction_read_only=on"})
    raw = engine.raw_connection()
    try:
        pg: psycopg.Connection[Any] = raw.driver_connection  # type: ignore[assignment]
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
            except psycopg.Error as exc:
                raise QueryError(_first_line(exc)) from None
        pg.rollback()
    finally:
        raw.close()
        engine.dispose()


def readonly_query(url: str, statement: str) -> tuple[list[str], Iterator[Any]]:
    """The column names and a row iterator of ``statement`` run in a read-only connection.

    Writes are refused by the database (SQLite ``mode=ro``, PostgreSQL read-only
    transactions), raising :class:`ReadOnlyRefusal`; other errors raise :class:`QueryError`.
    Rows are read lazily: consume the iterator to the end to close the connection.
    """
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        rows = _sqlite_rows(url, statement)
    elif backend == "postgresql":
        rows = _postgresql_rows(url, statement)
    else:
        raise QueryError(f"read-only queries support SQLite and PostgreSQL, not {backend}")
    columns = next(rows)
    return columns, rows
