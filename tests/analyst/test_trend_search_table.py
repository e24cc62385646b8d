"""PostgreSQL's narrow search table ``article_search`` (migration 0016), which trends of a search count on:
kept equal to the articles' documents, dates, sources and languages whatever writes them; and trends of a
search with every filter counted alike on both backends."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from analyst_data import ARTICLES, store
from sqlalchemy import text

from storage.db import make_engine
from storage.migrate import downgrade, upgrade
from storage.queries import ArticleFilters
from storage.trends import trend

ARTICLE_ROWS = """
SELECT id, date_published, source_id, in_language, search_document::text FROM articles
WHERE search_document IS NOT NULL ORDER BY id
"""
SEARCH_ROWS = """
SELECT article_id, date_published, source_id, in_language, search_document::text FROM article_search
ORDER BY article_id
"""


def _rows(url: str, sql: str) -> list[tuple]:
    engine = make_engine(url)
    with engine.connect() as connection:
        rows = [tuple(row) for row in connection.execute(text(sql))]
    engine.dispose()
    return rows


def _execute(url: str, sql: str) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text(sql))
    engine.dispose()


def _in_step(url: str) -> list[tuple]:
    rows = _rows(url, ARTICLE_ROWS)
    assert _rows(url, SEARCH_ROWS) == rows
    return rows


@pytest.fixture
def pg_archive(pg_url) -> str:
    upgrade(pg_url)
    store(pg_url, ARTICLES)
    return pg_url


def test_the_store_writes_a_row_for_each_article_with_a_document(pg_archive):
    assert len(_in_step(pg_archive)) == len(ARTICLES)


def test_a_new_edition_by_the_store_and_changes_by_hand_follow(pg_archive):
    changed = dataclasses.replace(
        ARTICLES[0], headline="NATO summit moved", date_published=datetime(2026, 8, 1, tzinfo=UTC)
    )
    store(pg_archive, [changed])
    assert "'summit'" in _in_step(pg_archive)[0][4]
    _execute(pg_archive, "UPDATE articles SET date_published = '2025-01-02T03:00:00Z' WHERE id = 2")
    assert _in_step(pg_archive)[1][1] == datetime(2025, 1, 2, 3, tzinfo=UTC)
    _execute(pg_archive, "UPDATE articles SET in_language = 'tr' WHERE id = 3")  # its document is stale: it leaves
    _execute(pg_archive, "UPDATE articles SET headline = 'By hand' WHERE id = 4")  # emptied by 0010's trigger
    assert not {3, 4} & {r[0] for r in _in_step(pg_archive)}
    _execute(pg_archive, "DELETE FROM articles WHERE id = 1")
    assert 1 not in [r[0] for r in _in_step(pg_archive)]


def test_the_migration_fills_the_table_and_the_downgrade_removes_it(pg_url):
    upgrade(pg_url, "0014")
    store(pg_url, ARTICLES)
    upgrade(pg_url)
    assert len(_in_step(pg_url)) == len(ARTICLES)
    downgrade(pg_url, "0014")
    assert _rows(pg_url, "SELECT to_regclass('article_search'), to_regproc('article_search_sync')") == [(None, None)]
    store(pg_url, [dataclasses.replace(ARTICLES[0], headline="Stored at 0014")])  # no trigger left behind
    upgrade(pg_url)
    assert "'0014'" in _in_step(pg_url)[0][4]


QUERY = "NATO OR park"


def _counts(rows) -> dict[tuple[str, str], int]:
    return {(r.period.isoformat(), r.group): r.articles for r in rows if r.articles}


def test_a_search_with_every_filter_and_by_source(connection):
    june = ArticleFilters(since=datetime(2026, 6, 1, tzinfo=UTC), before=datetime(2026, 7, 1, tzinfo=UTC))
    caliber = dataclasses.replace(june, sources=("caliber_az",))
    assert _counts(trend(connection, [QUERY], june, by="source")) == {
        ("2026-06-24", "caliber_az"): 1,
        ("2026-06-25", "caliber_az"): 1,
    }
    assert _counts(trend(connection, [QUERY], dataclasses.replace(caliber, languages=("az",)))) == {
        ("2026-06-24", ""): 1
    }
    assert _counts(trend(connection, [QUERY], dataclasses.replace(caliber, author="leyla"), by="language")) == {
        ("2026-06-24", "az"): 1
    }
    assert _counts(trend(connection, [QUERY], dataclasses.replace(june, sources=("lenta_ru",)))) == {}
