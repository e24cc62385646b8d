"""Writing the search index: the store calls these with each article it writes.

PostgreSQL's document is a column of ``articles`` that the row carries (:func:`add_documents`);
SQLite's is a row of the FTS5 table ``articles_fts`` keyed by the article's publication second
and id (migration 0015, :mod:`storage.query.keys`), replaced after the article is written
(:func:`write_sqlite_index`), and while any watch exists a row of ``articles_fts_recent`` keyed
by its id. Triggers of migration 0015 remove the rows of a deleted article and move the row of
an article whose date changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

from storage.query.document import FTS_COLUMNS, SearchDocument, search_document
from storage.query.keys import RECENT_TABLE, key_sql

FTS_TABLE = "articles_fts"
#: The PostgreSQL-only column of ``articles`` that holds the search document (migration 0006).
DOCUMENT_COLUMN = "search_document"
_COLUMNS = ", ".join(FTS_COLUMNS)
_VALUES = ", ".join(f":{c}" for c in FTS_COLUMNS)
#: Rows keyed by article id: migration 0010's index; the store writes :data:`SQLITE_KEYED_INSERT`.
SQLITE_INSERT = text(f"INSERT INTO {FTS_TABLE} (rowid, {_COLUMNS}) VALUES (:rowid, {_VALUES})")
#: A row keyed by the article's publication second and id (``:rowid`` is the article id; the article is written first).
SQLITE_KEYED_INSERT = text(
    f"INSERT INTO {FTS_TABLE} (rowid, {_COLUMNS})"
    f" SELECT {key_sql('a.date_published', 'a.id')}, {_VALUES} FROM articles AS a WHERE a.id = :rowid"
)
_RECENT_INSERT = text(f"INSERT INTO {RECENT_TABLE} (rowid, {_COLUMNS}) VALUES (:rowid, {_VALUES})")


def row_document(row: Mapping[str, Any], authors: list[str] | None = None, source: str | None = None) -> SearchDocument:
    """The search document of an ``articles`` row (its authors' names and source name given apart)."""
    return search_document(
        row["headline"], row["description"], row["article_body"], authors or (), source, row.get("in_language")
    )


def add_documents(rows: list[dict[str, Any]], documents: Mapping[str, SearchDocument]) -> None:
    """Give ``articles`` rows bound for PostgreSQL their document (``documents`` by URL hash)."""
    for row in rows:
        row[DOCUMENT_COLUMN] = documents[row["url_hash"]].tsvector(row.get("content_hash") or "")


def write_sqlite_index(session: Session | Connection, documents: Mapping[int, SearchDocument]) -> None:
    """Replace the FTS5 rows of these article ids (written already: their keys are read from their rows)."""
    if not documents:
        return
    ids = sorted(documents)
    watched = bool(session.scalar(text("SELECT EXISTS (SELECT 1 FROM watches)")))
    for start in range(0, len(ids), 500):
        listed = ", ".join(map(str, ids[start : start + 500]))
        keys = f"SELECT {key_sql('a.date_published', 'a.id')} FROM articles AS a WHERE a.id IN ({listed})"
        session.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({keys})"))
        if watched:
            session.execute(text(f"DELETE FROM {RECENT_TABLE} WHERE rowid IN ({listed})"))
    rows = [documents[i].sqlite_row(i) for i in ids]
    session.execute(SQLITE_KEYED_INSERT, rows)
    if watched:  # the watches read new articles' matches from here (storage.watches)
        session.execute(_RECENT_INSERT, rows)
