"""A SQLite search page: FTS5's matches read newest first (migration 0015's keys), stopping after the page.

FTS5 rows are keyed ``(publication second << 31) + id`` (:mod:`storage.query.keys`), so reading a
query's matches ``ORDER BY rowid DESC`` meets them in listing order but for ties inside one second.
A page of ``rows`` is found in two reads that each stop early: the key of the ``rows``-th match
that passes the filters (checked on its ``articles`` row), then every passing match from the
first key of that key's second up (the whole second: the listing's own ``ORDER BY`` then puts
its articles in their exact order). Dates bound the keys read (``since``/``before``/the cursor).
A common word reads ~``rows`` matches; a selective filter on a common word reads matches until
enough pass (a walk of the matches, as the walk of the date index was before).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, func, select
from sqlalchemy.sql import column, table

from storage.filters import ARTICLE_COLUMNS, ArticleFilters, filter_conditions
from storage.query.compiler import fts5
from storage.query.index import FTS_TABLE
from storage.query.keys import (
    LOWEST_KEY,
    article_id,
    fts_match,
    highest_key,
    lowest_key,
    second_floor,
)
from storage.query.parser import parse
from storage.tables import articles


def _article_conditions(filters: ArticleFilters, collapse_duplicates: bool) -> list[ColumnElement[bool]]:
    """The filters other than the search, on the ``articles`` row (the view's columns are its columns)."""
    conditions = filter_conditions(replace(filters, search=None), "sqlite", ARTICLE_COLUMNS, None)
    if collapse_duplicates:
        conditions.append(articles.c.duplicate_of_id.is_(None))
    return conditions


def _key_bounds(filters: ArticleFilters) -> tuple[int | None, int | None]:
    """Keys below and above which no article of the filters' dates lies (loose by a second)."""
    low = lowest_key(filters.since) if filters.since is not None else None
    high = highest_key(filters.before) if filters.before is not None else None
    if filters.after is not None:  # after an undated article: the undated keys below its id
        published, after_id = filters.after
        cursor = highest_key(published) if published is not None else LOWEST_KEY + after_id
        high = cursor if high is None else min(high, cursor)
    return low, high


def newest_matches(filters: ArticleFilters, rows: int, *, collapse_duplicates: bool = False) -> Select[Any]:
    """The ids of a superset of the first ``rows`` articles of a search listing (``filters.search`` set)."""
    assert filters.search is not None
    low, high = _key_bounds(filters)
    tested = _article_conditions(filters, collapse_duplicates)

    def matches(name: str, start: ColumnElement[int] | None = None) -> tuple[ColumnElement[int], list[Any]]:
        key = table(FTS_TABLE, column("rowid", Integer)).alias(name).c.rowid
        conditions: list[Any] = [fts_match(f"{name}.{FTS_TABLE}", fts5(parse(filters.search or "")))]
        # One lower bound: FTS5 reads from one only (a second one would be tested on every match).
        lowest = low if start is None else start if low is None else func.max(start, low)
        if lowest is not None:
            conditions.append(key >= lowest)
        if high is not None:
            conditions.append(key <= high)
        if tested:  # each match's article row, read by id as the matches come (FTS5 stays the outer loop)
            conditions.append(select(1).where(articles.c.id == article_id(key), *tested).exists())
        return key, conditions

    key, conditions = matches("last")
    last = select(second_floor(key)).where(*conditions).order_by(key.desc()).limit(1).offset(rows - 1)
    key, conditions = matches("page", func.coalesce(last.scalar_subquery(), LOWEST_KEY))
    return select(article_id(key).label("id")).where(*conditions)
