"""Full-text search over headline, description and body, the same on SQLite and PostgreSQL.

The user's text becomes a list of words; every word must occur as a whole word
(no prefixes, no stemming). Words are passed as bound parameters, and on SQLite
each is quoted as an FTS5 string, so FTS5 operators in the input are plain words.

SQLite: the FTS5 table ``articles_fts`` (migration 0003) tokenizes the text itself; it
keeps the dotted capital İ as it is, so each word is asked for in its spellings with İ.
PostgreSQL: ``articles.search_document`` (migration 0006), a ``tsvector`` of the
article's distinct words that the store computes here when it writes the article
(:func:`postgresql_document`), with a GIN index; queries are ``tsquery`` values of
the same words (:func:`postgresql_query`). One definition of a word on both sides,
and PostgreSQL never runs its text parser over the bodies: ``to_tsvector`` spent
~0.55 ms an article of the server's CPU, while :func:`distinct_lexemes` takes ~0.12.
A trigger fills the document for rows written by other means (SQL by hand).
"""

from __future__ import annotations

import re
import unicodedata
from itertools import product
from typing import Any

from sqlalchemy import ColumnElement, Select, select, text
from sqlalchemy.sql import column, table

_WORD = re.compile(r"[^\W_]+")

FTS_TABLE = "articles_fts"
# FTS5 creates these shadow tables beside the virtual table.
SQLITE_FTS_TABLES = frozenset({FTS_TABLE, *(f"{FTS_TABLE}_{s}" for s in ("data", "idx", "docsize", "config"))})
SQLITE_ONLY_TABLES = SQLITE_FTS_TABLES | {"timezone_offsets"}
POSTGRESQL_SEARCH_INDEX = "ix_articles_search"
#: The PostgreSQL-only column of ``articles`` that holds the search document (migration 0006).
POSTGRESQL_DOCUMENT_COLUMN = "search_document"
#: PostgreSQL's limits: a lexeme of at most 2,047 bytes, a tsvector of less than 1 MB.
_MAX_LEXEME_BYTES = 2047
_MAX_DOCUMENT_BYTES = 1_000_000
# What the lower-casing of "İ" (Turkish, Azerbaijani) leaves: "i" and a combining dot, which would split the word.
_DOTTED_I = "i\u0307"
_fts = table(FTS_TABLE, column("rowid"))


class EmptySearch(ValueError):
    """The search text has no words in it."""


def search_words(query: str) -> list[str]:
    """The words of a search text (letters and digits; NFC so composed and decomposed letters agree)."""
    return _WORD.findall(unicodedata.normalize("NFC", query))


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


#: Words with more ``i`` than this get only the likely spellings with ``İ`` (see :func:`dotted_i_spellings`).
_MAX_I_POSITIONS = 3
_I = re.compile("[iIİ]")


def dotted_i_spellings(word: str) -> list[str]:
    """The spellings FTS5 may have indexed a word under, as to the dotted capital İ (Azerbaijani, Turkish).

    FTS5's ``unicode61`` tokenizer lower-cases I but keeps İ, so "İlham" is indexed as
    ``İlham`` and "BİRLİK" as ``bİrlİk``: a search for "ilham" must also ask for ``İlham``.
    Each i may have been an İ; a word with more than three gets the spellings with none,
    the first one and all of them. Other letters are left for FTS5 to fold.
    """
    parts = _I.split(word)
    count = len(parts) - 1
    if count == 0:
        return [word]
    if count <= _MAX_I_POSITIONS:
        fillings: list[tuple[str, ...]] = list(product("iİ", repeat=count))
    else:
        fillings = [("i",) * count, ("İ",) + ("i",) * (count - 1), ("İ",) * count]
    return ["".join(part + letter for part, letter in zip(parts, (*filling, ""), strict=True)) for filling in fillings]


def fts5_match(words: list[str]) -> str:
    """An FTS5 query that needs every word, in any of its :func:`dotted_i_spellings`, each quoted (never syntax).

    The words are joined by an explicit ``AND``: FTS5 before SQLite 3.43 accepts the implicit AND
    only between phrases, and rejects it next to a parenthesized group (``fts5: syntax error near "("``).
    """
    groups = []
    for word in words:
        spellings = [f'"{spelling}"' for spelling in dotted_i_spellings(word)]
        groups.append(spellings[0] if len(spellings) == 1 else f"({' OR '.join(spellings)})")
    return " AND ".join(groups)


def matching_article_ids(dialect: str, query: str) -> Select[Any]:
    """The ids of articles whose headline, description or body has every word of ``query``."""
    words = search_words(query)
    if not words:
        raise EmptySearch(f"nothing to search for in {query!r}: give at least one word")
    if dialect == "sqlite":
        match = text(f"{FTS_TABLE} MATCH :fts_query").bindparams(fts_query=fts5_match(words))
        return select(_fts.c.rowid).where(match)
    if dialect == "postgresql":
        condition = text(f"{POSTGRESQL_DOCUMENT_COLUMN} @@ CAST(:ts_query AS tsquery)")
        return (
            select(column("id"))
            .select_from(table("articles"))
            .where(condition.bindparams(ts_query=postgresql_query(words)))
        )
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
    ``ix_articles_search`` (PostgreSQL) by migration 0006.
    """
    if type_ == "table":
        return name not in SQLITE_ONLY_TABLES
    if type_ == "index":
        return name != POSTGRESQL_SEARCH_INDEX
    if type_ == "column":
        return not (name == POSTGRESQL_DOCUMENT_COLUMN and parent_names.get("table_name") == "articles")
    return True
