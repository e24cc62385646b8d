"""Writing the search index: the store calls these with each article it writes.

PostgreSQL's document is a column of ``articles`` that the row carries (:func:`add_documents`);
SQLite's is a row of the FTS5 table ``articles_fts`` keyed by the article's id, replaced
after the article is written (:func:`write_sqlite_index`). A trigger of migration 0010
removes the FTS row of a deleted article.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

from storage.query.document import FTS_COLUMNS, SearchDocument, search_document

FTS_TABLE = "articles_fts"
#: The PostgreSQL-only column of ``articles`` that holds the search document (migration 0006).
DOCUMENT_COLUMN = "search_document"
_COLUMNS = ", ".join(FTS_COLUMNS)
_VALUES = ", ".join(f":{c}" for c in FTS_COLUMNS)
SQLITE_INSERT = text(f"INSERT INTO {FTS_TABLE} (rowid, {_COLUMNS}) VALUES (:rowid, {_VALUES})")


def row_document(row: Mapping[str, Any], authors: list[str] | None = None, source: str | None = None) -> SearchDocument:
    """The search document of an ``articles`` row (its authors' names and source name given apart)."""
    return search_document(
        row["headline"], row["description"], row["article_body"], authors or (), source, row.get("in_language")
    )


def add_documents(rows: list[dict[str, Any]], documents: Mapping[str, SearchDocument]) -> None:
    """Give ``articles`` rows bound for PostgreSQL their document (``documents`` by URL hash)."""
    for row in rows:
        row[DOCUMENT_COLUMN] = documents[row["url_hash"]].tsvector(row.get("content_hash") or "")


def write_sqlite_index(session: Session, documents: Mapping[int, SearchDocument]) -> None:
    """Replace the FTS5 rows of these article ids."""
    if not documents:
        return
    ids = sorted(documents)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        session.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({', '.join(map(str, chunk))})"))
    session.execute(SQLITE_INSERT, [documents[i].sqlite_row(i) for i in ids])
