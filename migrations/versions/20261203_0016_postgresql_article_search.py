"""PostgreSQL: the narrow search table ``article_search`` (each article's date, source, language, document)

A trend of a common word counts the year's matches by day. Through ``articles`` that meant the
GIN bitmap of the word ANDed with the date range and a visit to every heap page holding a match
for its date: ~94,000 pages of ~3 kB rows (headline, body, URLs, document) at 1,000,000 articles,
1.4 s. ``article_search`` holds one narrow row per article with a search document: its id,
``date_published``, ``source_id``, ``in_language`` and a copy of ``search_document`` under its own
GIN index. The document is kept out of line (``toast_tuple_target`` 128: its TOAST, read only when
a match is rechecked, for phrases and field weights), so a row is ~60 bytes, ~130 to a page, and
a count reads the GIN index and a few thousand narrow pages (storage/trends.py). The searches read
the same GIN index for their matches' ids (storage.search, storage.searchplan), so ``articles``' own
``ix_articles_search`` is dropped: an article written updates one GIN index, not two (the downgrade
builds it again).

Triggers on ``articles`` keep it in step with whatever writes articles (the store's upsert, COPY,
an UPDATE by hand, migration 0010's stale trigger that empties a document): a row when an article
gets a document, updated with its date, source, language or document, removed when the document
becomes NULL; the foreign key removes it with its article. The existing documents are copied here.
SQLite is unchanged (its trend counts FTS5's ids against the date index).

Revision ID: 0016
Revises: 0014
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = """
CREATE TABLE article_search (
    article_id integer NOT NULL,
    date_published timestamp with time zone,
    source_id integer,
    in_language varchar(16),
    search_document tsvector NOT NULL,
    CONSTRAINT pk_article_search PRIMARY KEY (article_id),
    CONSTRAINT fk_article_search_article_id_articles FOREIGN KEY (article_id)
        REFERENCES articles (id) ON DELETE CASCADE
) WITH (toast_tuple_target = 128)
"""
#: Like ``articles.search_document`` (0006, 0007): no planner statistics, LZ4 where the server has it.
STATISTICS = "ALTER TABLE article_search ALTER COLUMN search_document SET STATISTICS 0"
COMPRESSION = """
DO $$
BEGIN
    EXECUTE 'ALTER TABLE article_search ALTER COLUMN search_document SET COMPRESSION lz4';
EXCEPTION WHEN feature_not_supported OR syntax_error OR invalid_parameter_value THEN
    RAISE NOTICE 'column compression lz4 is not available on this server: %', SQLERRM;
END
$$"""
INDEX = "CREATE INDEX ix_article_search_document ON article_search USING gin (search_document)"
#: Migration 0010's index, restored by the downgrade.
ARTICLES_INDEX = "CREATE INDEX IF NOT EXISTS ix_articles_search ON articles USING gin (search_document)"
FILL = """
INSERT INTO article_search (article_id, date_published, source_id, in_language, search_document)
SELECT id, date_published, source_id, in_language, search_document FROM articles
WHERE search_document IS NOT NULL
"""
FUNCTION = """
CREATE FUNCTION article_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.search_document IS NULL THEN
        DELETE FROM article_search WHERE article_id = NEW.id;
    ELSE
        INSERT INTO article_search (article_id, date_published, source_id, in_language, search_document)
        VALUES (NEW.id, NEW.date_published, NEW.source_id, NEW.in_language, NEW.search_document)
        ON CONFLICT (article_id) DO UPDATE SET
            date_published = EXCLUDED.date_published,
            source_id = EXCLUDED.source_id,
            in_language = EXCLUDED.in_language,
            search_document = EXCLUDED.search_document;
    END IF;
    RETURN NULL;
END
$$
"""
# The text's columns too: a change of them by hand empties the document in 0010's BEFORE trigger, which an
# UPDATE OF list does not see (it names the columns of the statement's SET).
TRIGGERS = (
    """
CREATE TRIGGER article_search_insert AFTER INSERT ON articles
FOR EACH ROW WHEN (NEW.search_document IS NOT NULL) EXECUTE FUNCTION article_search_sync()
""",
    """
CREATE TRIGGER article_search_update
AFTER UPDATE OF search_document, date_published, source_id, in_language, headline, description, article_body
ON articles
FOR EACH ROW WHEN (
    (NEW.date_published, NEW.source_id, NEW.in_language) IS DISTINCT FROM
        (OLD.date_published, OLD.source_id, OLD.in_language)
    OR NEW.search_document IS DISTINCT FROM OLD.search_document
) EXECUTE FUNCTION article_search_sync()
""",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(TABLE)
    op.execute(STATISTICS)
    op.execute(COMPRESSION)
    op.execute(FILL)
    op.execute(FUNCTION)
    for trigger in TRIGGERS:
        op.execute(trigger)
    op.execute("SET LOCAL maintenance_work_mem = '256MB'")  # the GIN index of 1,000,000 documents: minutes less
    op.execute(INDEX)
    op.execute("DROP INDEX IF EXISTS ix_articles_search")  # the searches read the new one


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("SET LOCAL maintenance_work_mem = '256MB'")
    op.execute(ARTICLES_INDEX)
    op.execute("DROP TRIGGER IF EXISTS article_search_update ON articles")
    op.execute("DROP TRIGGER IF EXISTS article_search_insert ON articles")
    op.execute("DROP FUNCTION IF EXISTS article_search_sync()")
    op.execute("DROP TABLE IF EXISTS article_search")
