"""Rows out of the store: streaming exports (CSV, JSON lines, Parquet); read-only SQL is in storage.readonly.

Exports read with a server-side cursor (PostgreSQL) or SQLite's lazy cursor in
chunks and write each chunk before reading the next, so memory stays flat
whatever the number of rows. Parquet gets one row group per chunk.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from typing import Any, BinaryIO

from sqlalchemy import Connection, Select

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
        "duplicate_of": pa.int64(),
        "copies": pa.int64(),
        "date_published": pa.timestamp("us", tz="UTC"),
        "date_modified": pa.timestamp("us", tz="UTC"),
        "first_seen": pa.timestamp("us", tz="UTC"),
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
    # use_dictionary takes a bool or a list of column names (pyarrow's documentation); the stubs say bool only.
    with pq.ParquetWriter(
        out, schema, compression="zstd", use_dictionary=dictionary  # type: ignore[arg-type]
    ) as writer:
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
