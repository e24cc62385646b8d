"""Full-text search over headline, description and body, the same on SQLite and PostgreSQL.

The user's text becomes a list of words; every word must occur as a whole word
(no prefixes, no stemming). Words are passed as bound parameters, and on SQLite
each is quoted as an FTS5 string, so FTS5 operators in the input are plain words.
The search objects themselves are created by migration 0003.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import ColumnElement, Select, select, text
from sqlalchemy.sql import column, table

_WORD = re.compile(r"[^\W_]+")

FTS_TABLE = "articles_fts"
# FTS5 creates these shadow tables beside the virtual table.
SQLITE_FTS_TABLES = frozenset({FTS_TABLE, *(f"{FTS_TABLE}_{s}" for s in ("data", "idx", "docsize", "config"))})
SQLITE_ONLY_TABLES = SQLITE_FTS_TABLES | {"timezone_offsets"}
POSTGRESQL_SEARCH_INDEX = "ix_articles_search"

# The expression of the GIN index ix_articles_search; a query must repeat it to use the index.
POSTGRESQL_DOCUMENT = (
    "to_tsvector('simple'::regconfig, coalesce(articles.headline, '') || ' ' || "
    "coalesce(articles.description, '') || ' ' || coalesce(articles.article_body, ''))"
)

_fts = table(FTS_TABLE, column("rowid"))


class EmptySearch(ValueError):
    """The search text has no words in it."""


def search_words(query: str) -> list[str]:
    """The words of a search text (letters and digits; NFC so composed and decomposed letters agree)."""
    return _WORD.findall(unicodedata.normalize("NFC", query))


def fts5_match(words: list[str]) -> str:
    """An FTS5 query that needs every word, each quoted so it is never read as syntax."""
    return " ".join(f'"{word}"' for word in words)


def matching_article_ids(dialect: str, query: str) -> Select[Any]:
    """The ids of articles whose headline, description or body has every word of ``query``."""
    words = search_words(query)
    if not words:
        raise EmptySearch(f"nothing to search for in {query!r}: give at least one word")
    if dialect == "sqlite":
        match = text(f"{FTS_TABLE} MATCH :fts_query").bindparams(fts_query=fts5_match(words))
        return select(_fts.c.rowid).where(match)
    if dialect == "postgresql":
        condition = text(f"{POSTGRESQL_DOCUMENT} @@ plainto_tsquery('simple'::regconfig, :ts_query)")
        return select(column("id")).select_from(table("articles")).where(condition.bindparams(ts_query=" ".join(words)))
    raise NotImplementedError(f"full-text search supports SQLite and PostgreSQL, not {dialect}")


def search_condition(id_column: ColumnElement[Any], dialect: str, query: str) -> ColumnElement[bool]:
    """``id_column IN (matching article ids)``.

    On PostgreSQL the matches are a MATERIALIZED CTE: otherwise the planner may walk all
    articles in date order and compute ``to_tsvector`` for each instead of reading the GIN index.
    On SQLite ``id + 0`` keeps the planner from fetching every match by rowid and sorting them
    by date (130 ms for a common word at 100,000 articles): it walks the date index instead and
    stops at the limit, testing each id against the list of matches (a few ms; a word with no
    or few matches costs one pass over the index).
    """
    matching = matching_article_ids(dialect, query)
    if dialect == "postgresql":
        hits = matching.cte("search_hits").prefix_with("MATERIALIZED")
        return id_column.in_(select(hits.c.id))
    return (id_column + 0).in_(matching)


def include_name(name: str | None, type_: str, parent_names: dict[str, Any]) -> bool:
    """Alembic ``include_name`` hook: leave out the search objects that models cannot describe.

    FTS5's virtual and shadow tables and ``timezone_offsets`` (SQLite) and the
    expression index ``ix_articles_search`` (PostgreSQL) are created by migration 0003.
    """
    if type_ == "table":
        return name not in SQLITE_ONLY_TABLES
    if type_ == "index":
        return name != POSTGRESQL_SEARCH_INDEX
    return True
