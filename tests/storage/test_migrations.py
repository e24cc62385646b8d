"""Migrations are the only way the schema changes: up, down, up again, and no drift from the models."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from storage.db import make_engine
from storage.migrate import downgrade, head_revision, upgrade
from storage.models import Base
from storage.schema import HEAD_REVISION, SchemaOutOfDate, current_revision, require_current
from storage.search import include_name

TABLES = {
    "sources",
    "articles",
    "authors",
    "article_authors",
    "article_revisions",
    "crawl_runs",
    "crawl_events",
    "article_captures",
}


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(db_url):
    upgrade(db_url)
    assert _tables(db_url) >= TABLES
    downgrade(db_url, "base")
    assert _tables(db_url) == set()
    upgrade(db_url)
    assert _tables(db_url) >= TABLES
    engine = make_engine(db_url)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_the_head_revision_the_crawl_checks_is_alembics_head():
    """A new migration must move ``storage.schema.HEAD_REVISION`` too, or crawls refuse the upgraded database."""
    assert head_revision() == HEAD_REVISION


def _alembic_current(engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_the_current_revision_reads_as_alembic_reads_it(db_url):
    engine = make_engine(db_url)
    try:
        assert current_revision(engine) is None  # a new database: no alembic_version table
        for revision in ("0003", "head", "base", "head"):
            (downgrade if revision == "base" else upgrade)(db_url, revision)
            assert current_revision(engine) == _alembic_current(engine)
        assert current_revision(engine) == HEAD_REVISION
        require_current(engine)
        downgrade(db_url, "0006")
        with pytest.raises(SchemaOutOfDate, match=f"is at revision 0006, this mediamon needs {HEAD_REVISION}"):
            require_current(engine)
    finally:
        engine.dispose()


def test_models_and_migrations_do_not_drift(migrated_url):
    engine = make_engine(migrated_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": include_name})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == []


def test_constraint_names_follow_the_convention(migrated_url):
    engine = make_engine(migrated_url)
    inspector = inspect(engine)
    assert inspector.get_pk_constraint("articles")["name"] in ("pk_articles", None)  # SQLite does not name PKs
    unique_names = {u["name"] for u in inspector.get_unique_constraints("authors")}
    assert "uq_authors_name_key_kind" in unique_names
    fk_names = {fk["name"] for fk in inspector.get_foreign_keys("article_authors")}
    assert "fk_article_authors_article_id_articles" in fk_names
    engine.dispose()


def _compression(url: str) -> dict[str, str]:
    """The compression method set on each long-text column (``attcompression``: 'l' LZ4, 'p' pglz, '' default)."""
    from sqlalchemy import text

    engine = make_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT attrelid::regclass::text || '.' || attname, attcompression FROM pg_attribute"
                " WHERE attrelid IN ('articles'::regclass, 'article_revisions'::regclass)"
                " AND attname IN ('article_body', 'search_document')"
            )
        ).all()
    engine.dispose()
    return dict(rows)


def test_postgresql_stores_article_texts_with_lz4(pg_url):
    upgrade(pg_url)
    long_texts = {"articles.article_body", "articles.search_document", "article_revisions.article_body"}
    assert _compression(pg_url) == dict.fromkeys(long_texts, "l")
    downgrade(pg_url, "0006")
    assert _compression(pg_url) == dict.fromkeys(long_texts, "")  # the server's default again
    upgrade(pg_url)
    assert _compression(pg_url) == dict.fromkeys(long_texts, "l")


def test_article_captures_come_and_go_with_migration_0012(db_url):
    upgrade(db_url, "0012")
    assert "article_captures" in _tables(db_url)
    downgrade(db_url, "0011")
    assert "article_captures" not in _tables(db_url)
    assert "articles" in _tables(db_url)
    upgrade(db_url)
    assert "article_captures" in _tables(db_url)
