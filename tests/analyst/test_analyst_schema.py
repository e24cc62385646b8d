"""Migration 0003: the article_index view, the search index kept in sync, downgrade, no drift."""

from __future__ import annotations

import importlib.util
import zoneinfo
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from analyst_data import ARTICLES, store
from sqlalchemy import delete, inspect, select, text, update

from storage.db import make_engine, make_sessionmaker
from storage.migrate import downgrade, upgrade
from storage.models import Article, Base
from storage.queries import ArticleFilters, article_index, list_articles
from storage.search import include_name

MIGRATION = Path(__file__).parents[2] / "migrations" / "versions" / "20261125_0003_analyst_views_and_search.py"


def found(url: str, words: str) -> list[int]:
    engine = make_engine(url)
    with engine.connect() as connection:
        query = list_articles(ArticleFilters(search=words), engine.dialect.name, limit=None)
        rows = [row.article_id for row in connection.execute(query)]
    engine.dispose()
    return rows


def test_view_columns_and_values(archive_url):
    engine = make_engine(archive_url)
    with engine.connect() as connection:
        assert [c["name"] for c in inspect(connection).get_columns("article_index")] == [
            "article_id", "source", "headline", "date_published", "date_published_local",
            "authors", "language", "section", "url", "word_count",
            "tags", "image_url", "date_modified", "first_seen", "story_key", "duplicate_of",
        ]  # fmt: skip
        row = connection.execute(select(article_index).where(article_index.c.article_id == 2)).mappings().one()
    engine.dispose()
    assert dict(row) == {
        "article_id": 2,
        "source": "caliber_az",
        "headline": "Bakıda yeni park açıldı",
        "date_published": datetime(2026, 6, 24, 8, 0, tzinfo=UTC),
        "date_published_local": datetime(2026, 6, 24, 12, 0),
        "authors": "Leyla Əliyeva, Vugar Khalilov",
        "language": "az",
        "section": "Cəmiyyət",
        "url": "https://caliber.az/az/park",
        "word_count": 11,
        "tags": None,
        "image_url": None,
        "date_modified": None,
        "first_seen": datetime(2026, 7, 20, 8, 0, tzinfo=UTC),
        "story_key": None,
        "duplicate_of": None,
    }


@pytest.mark.parametrize(
    ("moment", "zone"),
    [
        (datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC), "Europe/London"),  # the second before BST
        (datetime(2026, 3, 29, 1, 0, 0, tzinfo=UTC), "Europe/London"),
        (datetime(2026, 10, 25, 0, 59, 59, tzinfo=UTC), "Europe/London"),
        (datetime(2026, 10, 25, 1, 0, 0, tzinfo=UTC), "Europe/London"),
        (datetime(2011, 6, 1, 12, 0, tzinfo=UTC), "Europe/Moscow"),  # UTC+4 then
        (datetime(2013, 7, 1, 12, 0, tzinfo=UTC), "Asia/Baku"),  # Baku still had summer time
        (datetime(2026, 7, 1, 12, 0, tzinfo=UTC), "Asia/Baku"),
        (datetime(2026, 7, 1, 12, 0, tzinfo=UTC), "America/New_York"),
    ],
)
def test_local_time_follows_the_zone_rules(migrated_url, moment, zone):
    from analyst_data import SOURCES, article

    from crawler.sources import Source as SourceConfig

    sources = [SourceConfig(name="zoned", homepage="https://zoned.example/", languages=("en",), timezone=zone)]
    engine = make_engine(migrated_url)
    item = replace(article("x", "caliber_az", headline="x", date_published=moment), source="zoned")
    from storage.repository import sync_sources, upsert_articles

    with make_sessionmaker(engine).begin() as session:
        sync_sources(session, [*SOURCES, *sources])
        upsert_articles(session, [item])
    with engine.connect() as connection:
        local = connection.scalar(select(article_index.c.date_published_local))
    engine.dispose()
    assert local == moment.astimezone(zoneinfo.ZoneInfo(zone)).replace(tzinfo=None)


def test_search_follows_the_store_and_drops_articles_changed_by_hand(archive_url):
    """The store indexes what it writes; SQL has no analyzer of ours, so an article whose text is changed
    or deleted by other means leaves the index on both backends, until the store writes it again."""
    assert found(archive_url, "Москве") == [4]
    engine = make_engine(archive_url)
    with make_sessionmaker(engine).begin() as session:
        session.execute(update(Article).where(Article.id == 4).values(headline="В Казани открыли парк"))
        session.execute(update(Article).where(Article.id == 1).values(word_count=99))  # not indexed: stays
    assert found(archive_url, "Москве") == found(archive_url, "Казани") == []
    assert found(archive_url, "NATO") == [1]
    store(archive_url, [replace(ARTICLES[3], headline="В Казани открыли парк")])
    assert found(archive_url, "Казани") == [4]
    with make_sessionmaker(engine).begin() as session:
        session.execute(delete(Article).where(Article.id == 4))
    assert found(archive_url, "Казани") == []
    if engine.dialect.name == "sqlite":
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"))
            assert connection.scalar(text("SELECT count(*) FROM articles_fts WHERE rowid = 4")) == 0
    engine.dispose()
    store(archive_url, [replace(ARTICLES[0], canonical_url="https://caliber.az/en/nato-2", headline="Синергия")])
    assert len(found(archive_url, "синергия")) == 1


def test_the_dotted_capital_i_is_found_as_i(archive_url):
    assert found(archive_url, "ilham") == found(archive_url, "İLHAM") == found(archive_url, "İlham") == [2]
    store(archive_url, [replace(ARTICLES[1], article_body="İmişli rayonunda yeni park.")])
    assert found(archive_url, "ilham") == []
    assert found(archive_url, "imişli") == found(archive_url, "İMİŞLİ") == [2]


def test_upgrade_indexes_articles_that_exist_and_downgrade_removes_the_objects(db_url):
    upgrade(db_url)
    store(db_url, ARTICLES)  # the store writes at the head revision only
    downgrade(db_url, "0002")
    upgrade(db_url)
    assert found(db_url, "Azərbaycan") == [2, 3]
    downgrade(db_url, "0002")
    engine = make_engine(db_url)
    inspector = inspect(engine)
    assert "article_index" not in inspector.get_view_names()
    assert not {"articles_fts", "timezone_offsets"} & set(inspector.get_table_names())
    indexes = {i["name"] for i in inspector.get_indexes("articles")}
    assert not {"ix_articles_search", "ix_articles_in_language_date_published"} & indexes
    engine.dispose()
    upgrade(db_url)
    assert found(db_url, "şəhər") == [2, 3]


def test_no_drift_apart_from_the_search_objects(migrated_url):
    engine = make_engine(migrated_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": include_name})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == []


def test_filtered_listing_uses_the_indexes_on_sqlite(archive_url):
    if not archive_url.startswith("sqlite"):
        pytest.skip("SQLite query plan")
    engine = make_engine(archive_url)
    filters = ArticleFilters(sources=("caliber_az",), since=datetime(2026, 6, 1, tzinfo=UTC), languages=("az",))
    query = list_articles(filters, "sqlite")
    sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.connect() as connection:
        plan = " | ".join(str(row[-1]) for row in connection.execute(text("EXPLAIN QUERY PLAN " + sql)))
    engine.dispose()
    assert "USING INDEX" in plan and "SCAN a" not in plan, plan


def test_timezone_offsets_match_sampling():
    spec = importlib.util.spec_from_file_location("migration_0003", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    start, end = int(module.OFFSETS_FROM.timestamp()), int(module.OFFSETS_UNTIL.timestamp())
    for name in ("Europe/London", "Europe/Moscow", "Asia/Baku", "Africa/Casablanca", "Australia/Lord_Howe"):
        exact = list(module._changes(name, start, end))[1:]
        assert exact == list(module._sampled_changes(zoneinfo.ZoneInfo(name), start, end)), name
