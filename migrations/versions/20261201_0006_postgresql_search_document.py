"""PostgreSQL: a stored search document instead of an index on to_tsvector

``articles.search_document`` holds the article's distinct words as a ``tsvector``
(no positions), written by the store (``storage.search.postgresql_document``) and
indexed by the GIN index ``ix_articles_search``, which used to index the expression
``to_tsvector('simple', headline || description || body)``. The store's words are
the ones search queries are made of (letters and digits, lower case), and
PostgreSQL no longer runs its text parser over every body it stores (about 0.55 ms
of server CPU an article) nor again over the matches of a search.

A trigger computes the document in SQL for rows whose text is written by other means
(an UPDATE by hand) or inserted without one. The existing rows are filled here.
SQLite is unchanged: its FTS5 table tokenizes the text itself.

The column has no planner statistics (``SET STATISTICS 0``): with them, a word found in
a third of the articles made the planner read every document from TOAST in a sequential
scan (624 ms at 100,000 articles, against 200 ms through the index, ``benchmarks/queries.py``),
because the cost of detoasting is not in its estimate. Without them it estimates the
default selectivity of ``@@`` and looks words up in the GIN index, as it did for the
expression index (whose ``to_tsvector`` cost made the scan look dear).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from storage.search import postgresql_document

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000

# The SQL twin of storage.search.lexemes: NFC, lower case ("İ" as "i"), runs of letters and digits.
TRIGGER_FUNCTION = r"""
CREATE FUNCTION articles_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.search_document IS NULL OR (
        TG_OP = 'UPDATE'
        AND NEW.search_document IS NOT DISTINCT FROM OLD.search_document
        AND (NEW.headline, NEW.description, NEW.article_body)
            IS DISTINCT FROM (OLD.headline, OLD.description, OLD.article_body)
    ) THEN
        NEW.search_document := array_to_tsvector(ARRAY(
            SELECT DISTINCT word FROM regexp_split_to_table(
                replace(lower(normalize(
                    coalesce(NEW.headline, '') || ' ' || coalesce(NEW.description, '') || ' ' ||
                    coalesce(NEW.article_body, ''), NFC)), 'i' || U&'\0307', 'i'),
                '[^[:alnum:]]+') AS word
            WHERE word <> '' AND octet_length(word) <= 2047
        ));
    END IF;
    RETURN NEW;
END
$$
"""
TRIGGER = """
CREATE TRIGGER articles_search_document
BEFORE INSERT OR UPDATE OF headline, description, article_body, search_document ON articles
FOR EACH ROW EXECUTE FUNCTION articles_search_document()
"""
# Migration 0003's index, restored by the downgrade.
EXPRESSION_INDEX = """
CREATE INDEX ix_articles_search ON articles USING gin (
    to_tsvector('simple'::regconfig,
        coalesce(headline, '') || ' ' || coalesce(description, '') || ' ' || coalesce(article_body, ''))
)
"""


def _fill_documents(connection: sa.Connection) -> None:
    """Write the search document of every article, a batch of ids at a time."""
    last = 0
    while True:
        rows = connection.execute(
            sa.text(
                "SELECT id, headline, description, article_body FROM articles WHERE id > :last ORDER BY id LIMIT :n"
            ),
            {"last": last, "n": BATCH},
        ).all()
        if not rows:
            return
        connection.execute(
            sa.text("UPDATE articles SET search_document = CAST(:document AS tsvector) WHERE id = :id"),
            [{"id": row.id, "document": postgresql_document(row[1], row[2], row[3])} for row in rows],
        )
        last = rows[-1].id


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE articles ADD COLUMN search_document tsvector")
    op.execute("ALTER TABLE articles ALTER COLUMN search_document SET STATISTICS 0")
    op.execute("DROP INDEX IF EXISTS ix_articles_search")
    _fill_documents(op.get_bind())
    op.execute(TRIGGER_FUNCTION)
    op.execute(TRIGGER)
    op.execute("CREATE INDEX ix_articles_search ON articles USING gin (search_document)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_articles_search")
    op.execute("DROP TRIGGER IF EXISTS articles_search_document ON articles")
    op.execute("DROP FUNCTION IF EXISTS articles_search_document()")
    op.execute("ALTER TABLE articles DROP COLUMN search_document")
    op.execute(EXPRESSION_INDEX)
