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
#: A row of ``:rowid`` (migration 0010: the article id; 0015: the key of storage.query.keys).
SQLITE_INSERT = text(f"INSERT INTO {FTS_TABLE} (rowid, {_COLUMNS}) VALUES (:rowid, {_VALUES})")
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
    """Replace the FTS5 rows of these article ids (written already: their keys are read from their rows).

    Rows are written in key order: FTS5 writes its pending terms out whenever a rowid is lower than the
    one before, so rows in id order (random dates) took ~50% longer to store than sorted ones.
    """
    if not documents:
        return
    ids = sorted(documents)
    watched = bool(session.scalar(text("SELECT EXISTS (SELECT 1 FROM watches)")))
    keys: dict[int, int] = {}
    for start in range(0, len(ids), 500):
        listed = ", ".join(map(str, ids[start : start + 500]))
        found = session.execute(
            text(f"SELECT a.id, {key_sql('a.date_published', 'a.id')} FROM articles AS a WHERE a.id IN ({listed})")
        ).all()
        keys.update((i, k) for i, k in found)
        if found:
            stale = ", ".join(str(k) for _i, k in found)
            session.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({stale})"))
        if watched:
            session.execute(text(f"DELETE FROM {RECENT_TABLE} WHERE rowid IN ({listed})"))
    rows = {i: documents[i].sqlite_row(i) for i in ids if i in keys}
    session.execute(SQLITE_INSERT, [rows[i] | {"rowid": keys[i]} for i in sorted(rows, key=keys.__getitem__)])
    if watched:  # the watches read new articles' matches from here (storage.watches)
        session.execute(_RECENT_INSERT, list(rows.values()))
