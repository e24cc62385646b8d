"""SQLite's search index in listing order: FTS5 rows keyed by publication second and article id.

Migration 0015 keys each ``articles_fts`` row ``(second << 31) + id``: the article's publication
time in whole seconds since 1970 (``strftime('%s')``, negative before 1970) above its id. Reading
the matches of a query ``ORDER BY rowid DESC`` then meets them newest first, so a page of 50 stops
after ~50 matches instead of reading every match's id and sorting them by date.

Listings order articles ``date_published DESC, id DESC`` with undated ones last. The key agrees
with that order except inside one second (two articles of the same second by id, not by their
microseconds): a page takes every match of its last row's second (:mod:`storage.sqlitesearch`) and
the exact order is the listing's own ``ORDER BY``. Undated articles get the lowest second, below
every date, and sort by id among themselves (exact). Seconds outside ±2**32 (before 1834, after
2106) are clamped to the ends, which stay groups of one second each. Ids must stay below 2**31.

The key is computed in SQL only (:func:`key_sql`): the store's insert, the triggers and the
migration agree on it by construction. ``articles_fts_recent`` (:data:`RECENT_TABLE`) holds the
same rows keyed by the article id, for watches (:mod:`storage.watches`): the articles stored while
any watch exists, read from the cursor of a watch on.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, TextClause, bindparam, case, literal_column, select, text
from sqlalchemy.sql import column, table

from storage.query.document import FTS_COLUMNS

ID_BITS = 31
ID_MASK = (1 << ID_BITS) - 1
#: The key's second of undated articles: below every clamped date.
NULL_SECOND = -(1 << 32)
FIRST_SECOND, LAST_SECOND = NULL_SECOND + 1, (1 << 32) - 1
LOWEST_KEY = NULL_SECOND << ID_BITS
HIGHEST_KEY = (LAST_SECOND << ID_BITS) + ID_MASK
RECENT_TABLE = "articles_fts_recent"


def fts_table_ddl(name: str) -> str:
    """The FTS5 table of the search rows (migration 0010's columns and tokenizer)."""
    return f'CREATE VIRTUAL TABLE {name} USING fts5({", ".join(FTS_COLUMNS)}, tokenize="ascii")'


def key_sql(published: str, article_id: str) -> str:
    """The SQL expression of the key of an article, given SQL expressions of its date and its id."""
    second = f"CAST(strftime('%s', {published}) AS INTEGER)"
    clamped = f"max({FIRST_SECOND}, min({LAST_SECOND}, {second}))"
    return f"((coalesce({clamped}, {NULL_SECOND}) << {ID_BITS}) + {article_id})"


def article_id(key: ColumnElement[int]) -> ColumnElement[int]:
    """The article id of a key."""
    return key.op("&")(literal_column(str(ID_MASK), Integer))


def second_floor(key: ColumnElement[int]) -> ColumnElement[int]:
    """The lowest key of the key's second (of undated articles: the key itself, they sort by id exactly)."""
    second = key.op(">>")(literal_column(str(ID_BITS), Integer))
    floor = second.op("<<")(literal_column(str(ID_BITS), Integer))
    return case((second == NULL_SECOND, key), else_=floor)


def _second(moment: datetime) -> int:
    return int(moment.astimezone(UTC).timestamp() // 1)


def lowest_key(since: datetime) -> int:
    """A key at or below that of every article published at or after ``since`` (a second of slack)."""
    return max(FIRST_SECOND, min(LAST_SECOND, _second(since) - 1)) << ID_BITS


def highest_key(before: datetime) -> int:
    """A key above that of every article published before ``before`` (a second of slack)."""
    return (max(FIRST_SECOND, min(LAST_SECOND, _second(before) + 1)) << ID_BITS) + ID_MASK


def fts_match(fts_table: str, fts_query: str) -> TextClause:
    """``<table> MATCH :query`` with a unique parameter (several searches may share a statement)."""
    return text(f"{fts_table} MATCH :fts_query").bindparams(bindparam("fts_query", fts_query, unique=True))


def keyed_matches(
    fts_query: str, *, low: int | None = None, high: int | None = None, fts_table: str = "articles_fts"
) -> Select[Any]:
    """The article ids matching a compiled FTS5 query, their keys within [low, high] when given."""
    key = table(fts_table, column("rowid", Integer)).c.rowid
    query = select(article_id(key).label("id")).where(fts_match(fts_table, fts_query))
    if low is not None and low > LOWEST_KEY:
        query = query.where(key >= low)
    if high is not None and high < HIGHEST_KEY:
        query = query.where(key <= high)
    return query
