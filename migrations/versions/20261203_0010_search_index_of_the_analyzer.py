"""search: one index of analyzed tokens on both backends (the query language of storage.query)

The store now indexes what ``storage.query.analyzer`` makes of each article: exact words
with their positions (phrases), stems (Snowball for Russian, Turkish and English, our rules
for Azerbaijani), and the words of its authors, source and language (field filters).
SQLite: ``articles_fts`` becomes an FTS5 table of its own (no longer external content over
``articles``, whose text FTS5 tokenized itself) with the ``ascii`` tokenizer, which keeps our
tokens as they are; the store writes its rows. PostgreSQL: ``articles.search_document``
gets the same tokens as a ``tsvector`` with positions and weights; the trigger of 0006 that
computed it in SQL is replaced. SQL has no analyzer of ours, so on both backends an article
whose text is changed or deleted other than by the store leaves the index (triggers) until
the store writes it again: it is never found by words it no longer has.

Stored articles are indexed here, a batch at a time. The downgrade restores 0006's index.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

from storage.query.document import FTS_COLUMNS, SearchDocument, search_document
from storage.query.index import SQLITE_INSERT
from storage.search import postgresql_document

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000

SQLITE_FTS = f"""
CREATE VIRTUAL TABLE articles_fts USING fts5({", ".join(FTS_COLUMNS)}, tokenize="ascii")
"""
#: What the index rows depend on; the store rewrites a row after it writes the article.
_INDEXED = "headline, description, article_body, in_language, source_id"
SQLITE_TRIGGERS = {
    "articles_fts_delete": """
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
END""",
    "articles_fts_update": f"""
CREATE TRIGGER articles_fts_update AFTER UPDATE OF {_INDEXED} ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
END""",
}
# An article whose text is changed other than by the store leaves the index (SQL has no analyzer of ours).
STALE_FUNCTION = """
CREATE FUNCTION articles_search_document_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.search_document IS NOT DISTINCT FROM OLD.search_document
        AND (NEW.headline, NEW.description, NEW.article_body, NEW.in_language, NEW.source_id)
            IS DISTINCT FROM (OLD.headline, OLD.description, OLD.article_body, OLD.in_language, OLD.source_id)
    THEN
        NEW.search_document := NULL;
    END IF;
    RETURN NEW;
END
$$
"""
STALE_TRIGGER = f"""
CREATE TRIGGER articles_search_document_stale BEFORE UPDATE OF {_INDEXED} ON articles
FOR EACH ROW EXECUTE FUNCTION articles_search_document_stale()
"""


def _migration(filename: str) -> ModuleType:
    """An earlier migration's module: its DDL is what the downgrade restores (landed migrations never change)."""
    spec = importlib.util.spec_from_file_location(f"_mediamon_{filename[:-3]}", Path(__file__).with_name(filename))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _batches(connection: sa.Connection) -> Iterator[Sequence[sa.Row]]:
    """Articles with their source's name, by id, a batch at a time."""
    last = 0
    while True:
        rows = connection.execute(
            sa.text(
                "SELECT a.id, a.headline, a.description, a.article_body, a.in_language, a.content_hash,"
                " s.name AS source"
                " FROM articles AS a LEFT JOIN sources AS s ON s.id = a.source_id"
                " WHERE a.id > :last ORDER BY a.id LIMIT :n"
            ),
            {"last": last, "n": BATCH},
        ).all()
        if not rows:
            return
        yield rows
        last = rows[-1].id


def _authors(connection: sa.Connection, first: int, last: int) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    for article_id, name in connection.execute(
        sa.text(
            "SELECT aa.article_id, au.name FROM article_authors AS aa JOIN authors AS au ON au.id = aa.author_id"
            " WHERE aa.article_id BETWEEN :first AND :last ORDER BY aa.article_id, aa.position"
        ),
        {"first": first, "last": last},
    ):
        names.setdefault(article_id, []).append(name)
    return names


def _documents(connection: sa.Connection, rows: Sequence[sa.Row]) -> dict[int, SearchDocument]:
    authors = _authors(connection, rows[0].id, rows[-1].id)
    return {
        row.id: search_document(
            row.headline, row.description, row.article_body, authors.get(row.id, ()), row.source, row.in_language
        )
        for row in rows
    }


def _index(connection: sa.Connection, dialect: str) -> None:
    insert = SQLITE_INSERT
    update = sa.text("UPDATE articles SET search_document = CAST(:document AS tsvector) WHERE id = :id")
    for rows in _batches(connection):
        documents = _documents(connection, rows)
        if dialect == "sqlite":
            connection.execute(insert, [document.sqlite_row(i) for i, document in documents.items()])
        else:
            stamps = {row.id: row.content_hash for row in rows}
            connection.execute(update, [{"id": i, "document": d.tsvector(stamps[i])} for i, d in documents.items()])


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        for name in ("articles_fts_insert", "articles_fts_update", "articles_fts_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
        op.execute(SQLITE_FTS)
        for ddl in SQLITE_TRIGGERS.values():
            op.execute(ddl)
    else:
        op.execute("DROP TRIGGER IF EXISTS articles_search_document ON articles")
        op.execute("DROP FUNCTION IF EXISTS articles_search_document()")
        op.execute(STALE_FUNCTION)
        op.execute(STALE_TRIGGER)
    _index(connection, connection.dialect.name)


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
        search_0003 = _migration("20261125_0003_analyst_views_and_search.py")
        op.execute(search_0003.SQLITE_FTS)
        op.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        for ddl in search_0003.SQLITE_TRIGGERS.values():
            op.execute(ddl)
        return
    op.execute("DROP TRIGGER IF EXISTS articles_search_document_stale ON articles")
    op.execute("DROP FUNCTION IF EXISTS articles_search_document_stale()")
    update = sa.text("UPDATE articles SET search_document = CAST(:document AS tsvector) WHERE id = :id")
    for rows in _batches(connection):
        connection.execute(
            update,
            [{"id": r.id, "document": postgresql_document(r.headline, r.description, r.article_body)} for r in rows],
        )
    document_0006 = _migration("20261201_0006_postgresql_search_document.py")
    op.execute(document_0006.TRIGGER_FUNCTION)
    op.execute(document_0006.TRIGGER)
