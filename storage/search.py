"""Full-text search over headline, description and body, the same on SQLite and PostgreSQL.

The query language (:mod:`storage.query.parser`) is compiled for each backend
(:mod:`storage.query.compiler`) over the tokens the store indexes with each article
(:mod:`storage.query.index`, migration 0010): SQLite's FTS5 table ``articles_fts`` and
PostgreSQL's ``articles.search_document``, a ``tsvector`` with a GIN index.

:func:`postgresql_document` and its helpers are the document of migrations 0006-0007 (the
article's distinct words without positions), kept for migration 0006 and for the downgrade
of 0010.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Select, bindparam, select, text
from sqlalchemy.sql import column, table

from storage.query.compiler import fts5, tsquery
from storage.query.index import DOCUMENT_COLUMN, FTS_TABLE
from storage.query.keys import RECENT_TABLE, keyed_matches
from storage.query.parser import QuerySyntaxError, parse

__all__ = ["QuerySyntaxError", "matching_article_ids", "search_condition"]

_WORD = re.compile(r"[^\W_]+")

# FTS5 creates these shadow tables beside the virtual table.
_SHADOWS = ("data", "idx", "docsize", "config", "content")
SQLITE_FTS_TABLES = frozenset(
    {FTS_TABLE, RECENT_TABLE, *(f"{name}_{s}" for name in (FTS_TABLE, RECENT_TABLE) for s in _SHADOWS)}
)
SQLITE_ONLY_TABLES = SQLITE_FTS_TABLES | {"timezone_offsets"}
POSTGRESQL_SEARCH_INDEX = "ix_articles_search"  # until migration 0016 (now on POSTGRESQL_SEARCH_TABLE)
#: PostgreSQL's narrow table of each article's date, source, language and document, with the GIN index (0016).
POSTGRESQL_SEARCH_TABLE = "article_search"
#: PostgreSQL's index in listing order (migration 0014; a DESC NULLS LAST index the models do not describe).
POSTGRESQL_NEWEST_FIRST_INDEX = "ix_articles_newest_first"
POSTGRESQL_DOCUMENT_COLUMN = DOCUMENT_COLUMN
#: PostgreSQL's limits: a lexeme of at most 2,047 bytes, a tsvector of less than 1 MB.
_MAX_LEXEME_BYTES = 2047
_MAX_DOCUMENT_BYTES = 1_000_000
# What the lower-casing of "İ" (Turkish, Azerbaijani) leaves: "i" and a combining dot, which would split the word.
_DOTTED_I = "i\u0307"


def _folded(text: str) -> str:
    """NFC, lower case, "İ" as "i": the case of the PostgreSQL search."""
    return unicodedata.normalize("NFC", text).lower().replace(_DOTTED_I, "i")


def lexemes(text: str) -> list[str]:
    """The words of a text as the PostgreSQL search stores them, in order."""
    return _WORD.findall(_folded(text))


def distinct_lexemes(text: str) -> set[str]:
    """The set of :func:`lexemes` of a text, found faster: most whitespace-separated tokens of prose
    repeat, and most are one word already (``str.isalnum`` is the regex's ``[^\\W_]``)."""
    words: set[str] = set()
    for token in set(_folded(text).split()):
        if token.isalnum():
            words.add(token)
        else:
            words.update(_WORD.findall(token))
    return words


def postgresql_document(*texts: str | None) -> str:
    """The ``tsvector`` input of an article's distinct words (no positions: search needs none).

    Words are letters and digits only, so they need no escaping inside the quotes. Words
    too long for PostgreSQL are left out, and a document that would pass its size limit
    keeps the words seen first.
    """
    text = " ".join(filter(None, texts))
    distinct = distinct_lexemes(text)
    if not distinct:
        return ""
    document = "'" + "' '".join(distinct) + "'"
    if len(document) * 4 <= _MAX_DOCUMENT_BYTES and max(map(len, distinct)) * 4 <= _MAX_LEXEME_BYTES:
        return document  # within both limits even at four bytes a character
    kept, size = [], 0
    for word in dict.fromkeys(lexemes(text)):  # in the order of the text
        length = len(word.encode())
        if length > _MAX_LEXEME_BYTES:
            continue
        size += length + 8  # the lexeme and its entry, with room to spare
        if size > _MAX_DOCUMENT_BYTES:
            break
        kept.append(f"'{word}'")
    return " ".join(kept)


def postgresql_query(words: list[str]) -> str:
    """The ``tsquery`` input that needs every word."""
    return " & ".join(f"'{word}'" for word in dict.fromkeys(w for word in words for w in lexemes(word)))


def matching_article_ids(dialect: str, query: str) -> Select[Any]:
    """The ids of articles that match ``query`` (raises :class:`QuerySyntaxError` when it is malformed).

    On SQLite the ids are taken from FTS5's keys (:mod:`storage.query.keys`), in publication order.
    """
    tree = parse(query)
    # Unique parameters: several searches may sit in one statement (the watches' claim, a trend's queries).
    if dialect == "sqlite":
        return keyed_matches(fts5(tree))
    if dialect == "postgresql":
        condition = text(f"{POSTGRESQL_DOCUMENT_COLUMN} @@ CAST(:ts_query AS tsquery)")
        unique: BindParameter[str] = bindparam("ts_query", tsquery(tree), unique=True)
        # The GIN index of the narrow table (0016): each match's id read from a ~60-byte row, not a 3 kB one.
        found: Select[Any] = select(column("article_id").label("id")).select_from(table(POSTGRESQL_SEARCH_TABLE))
        return found.where(condition.bindparams(unique))
    raise NotImplementedError(f"full-text search supports SQLite and PostgreSQL, not {dialect}")


def search_condition(id_column: ColumnElement[Any], dialect: str, query: str) -> ColumnElement[bool]:
    """``id_column IN (matching article ids)``.

    On PostgreSQL the matches are a MATERIALIZED CTE: otherwise the planner may walk all
    articles in date order and test each one's document instead of reading the GIN index.
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

    FTS5's virtual and shadow tables and ``timezone_offsets`` (SQLite) are created by
    migration 0003; the column ``articles.search_document`` and its GIN index
    ``ix_articles_search`` (PostgreSQL) by migration 0006, the index in listing order
    ``ix_articles_newest_first`` (PostgreSQL) by migration 0014, the narrow search table
    ``article_search`` (PostgreSQL) by migration 0016.
    """
    if type_ == "table":
        return name not in SQLITE_ONLY_TABLES and name != POSTGRESQL_SEARCH_TABLE
    if type_ == "index":
        return name not in (POSTGRESQL_SEARCH_INDEX, POSTGRESQL_NEWEST_FIRST_INDEX)
    if type_ == "column":
        return not (name == POSTGRESQL_DOCUMENT_COLUMN and parent_names.get("table_name") == "articles")
    return True
