"""SQLite's FTS5 rows keyed by publication second and id (migration 0015): pages in exact listing order,
rows that follow an article's date, watches that find new articles of any date, and the downgrade."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from analyst_data import ARTICLES, article, store
from sqlalchemy import text, update

import storage.watches
from storage.db import make_engine, make_sessionmaker
from storage.migrate import downgrade, upgrade
from storage.models import Article
from storage.queries import ArticleFilters, list_articles
from storage.query.keys import ID_MASK, RECENT_TABLE
from storage.trends import trend
from storage.watches import add_watch, claim, watches

BASE = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
#: Dates that the keys order other than by the second alone: microseconds inside one second, before
#: 1970, before and after the clamped range, and undated articles.
DATES = [
    BASE,
    BASE + timedelta(microseconds=900_000),
    BASE + timedelta(microseconds=100_000),
    BASE,
    datetime(1969, 12, 31, 23, 59, 59, 500_000, tzinfo=UTC),
    datetime(1955, 5, 5, tzinfo=UTC),
    datetime(1800, 1, 1, tzinfo=UTC),
    datetime(1700, 1, 1, tzinfo=UTC),
    datetime(2200, 1, 1, tzinfo=UTC),
    datetime(2150, 1, 1, tzinfo=UTC),
    None,
    None,
    BASE - timedelta(days=1),
]


def items(word: str = "keyword") -> list:
    return [
        article(f"{word}/{i}", "london_news", headline=f"{word} number {i}", article_body="Body.", date_published=d)
        for i, d in enumerate(DATES)
    ]


def ids(url: str, filters: ArticleFilters, **kwargs) -> list[int]:
    engine = make_engine(url)
    with engine.connect() as connection:
        found = [r.article_id for r in connection.execute(list_articles(filters, "sqlite", **kwargs))]
    engine.dispose()
    return found


@pytest.fixture
def sqlite_archive(request, sqlite_url) -> str:
    upgrade(sqlite_url)
    store(sqlite_url, items())
    return sqlite_url


def test_pages_are_slices_of_the_exact_listing(sqlite_archive):
    filters = ArticleFilters(search="keyword")
    whole = ids(sqlite_archive, filters, limit=None)
    assert len(whole) == len(DATES)
    dated = sorted((d, i + 1) for i, d in enumerate(DATES) if d is not None)
    undated = [i + 1 for i, d in enumerate(DATES) if d is None]
    assert whole == [i for _d, i in reversed(dated)] + sorted(undated, reverse=True)
    for limit in (1, 2, 3, 5, 50):
        for offset in range(len(DATES)):
            assert ids(sqlite_archive, filters, limit=limit, offset=offset) == whole[offset : offset + limit]
    for position, article_id in enumerate(whole[:-1]):
        published = DATES[article_id - 1]
        after = ArticleFilters(search="keyword", after=(published, article_id))
        assert ids(sqlite_archive, after, limit=2) == whole[position + 1 : position + 3]
    since = ArticleFilters(search="keyword", since=BASE, before=BASE + timedelta(seconds=1))
    assert ids(sqlite_archive, since, limit=2) == [w for w in whole if DATES[w - 1] in DATES[:4]][:2]


def test_a_new_date_moves_the_row_and_a_new_text_leaves_the_index(sqlite_archive):
    engine = make_engine(sqlite_archive)
    with make_sessionmaker(engine).begin() as session:
        session.execute(update(Article).where(Article.id == 11).values(date_published=datetime(2030, 1, 1, tzinfo=UTC)))
        session.execute(update(Article).where(Article.id == 1).values(date_published=None))
        session.execute(update(Article).where(Article.id == 2).values(headline="another title"))
    with engine.connect() as connection:
        keys = connection.execute(text("SELECT rowid FROM articles_fts")).scalars().all()
    engine.dispose()
    assert sorted(k & ID_MASK for k in keys) == [i for i in range(1, len(DATES) + 1) if i != 2]
    whole = ids(sqlite_archive, ArticleFilters(search="keyword"), limit=None)
    assert whole == [9, 10, 11, 3, 4, 13, 5, 6, 7, 8, 12, 1]
    assert ids(sqlite_archive, ArticleFilters(search="keyword"), limit=3) == whole[:3]
    assert ids(sqlite_archive, ArticleFilters(search="keyword"), limit=2, offset=len(whole) - 2) == whole[-2:]
    store(sqlite_archive, [replace(items()[1], date_published=BASE - timedelta(days=400))])  # the store re-indexes
    assert 2 in ids(sqlite_archive, ArticleFilters(search="keyword"), limit=None)


def test_trends_count_by_the_dates_of_the_keys(sqlite_archive):
    engine = make_engine(sqlite_archive)
    with engine.connect() as connection:
        year = ArticleFilters(since=datetime(2025, 1, 1, tzinfo=UTC), before=datetime(2026, 1, 1, tzinfo=UTC))
        rows = trend(connection, ["keyword"], year, interval="month")
    engine.dispose()
    assert {r.period.month: r.articles for r in rows if r.articles} == {2: 1, 3: 4}


def test_watches_report_new_articles_of_any_date(sqlite_archive, monkeypatch):
    monkeypatch.setattr(storage.watches, "RECENT_ROWS", 0)  # emptied as soon as every cursor is past it
    engine = make_engine(sqlite_archive)
    with engine.begin() as connection:
        add_watch(connection, "new", "keyword", [], None, backfill=False)
        add_watch(connection, "all", "keyword", [], None, backfill=True)
    old = [replace(a, canonical_url=a.canonical_url + "/again", url=a.url + "/again") for a in items()[:3]]
    old[0] = replace(old[0], date_published=datetime(1999, 1, 1, tzinfo=UTC))
    store(sqlite_archive, [*old, *items("otherword")[:2]])
    with engine.begin() as connection:
        chosen = watches(connection)
        claim(connection, chosen, "test:1:1")
        reported = connection.execute(text("SELECT watch_id, article_id FROM watch_reports")).all()
        assert connection.scalar(text(f"SELECT count(*) FROM {RECENT_TABLE}")) == 0  # every cursor is past it
    by_watch = {w.name: sorted(a for i, a in reported if i == w.id) for w in chosen}
    new = list(range(len(DATES) + 1, len(DATES) + 4))
    assert by_watch == {"new": new, "all": [*range(1, len(DATES) + 1), *new]}
    store(sqlite_archive, [replace(ARTICLES[4], headline="keyword again", date_published=None)])
    with engine.begin() as connection:
        claim(connection, watches(connection), "test:1:1")
        assert connection.scalar(text("SELECT count(*) FROM watch_reports")) == len(DATES) + 2 * len(new) + 2
    engine.dispose()


def test_the_downgrade_keys_rows_by_id_again(sqlite_archive):
    downgrade(sqlite_archive, "0014")
    engine = make_engine(sqlite_archive)
    with engine.connect() as connection:
        keys = connection.execute(text("SELECT rowid FROM articles_fts ORDER BY rowid")).scalars().all()
        tables = connection.execute(text("SELECT name FROM sqlite_master WHERE name = :n"), {"n": RECENT_TABLE}).all()
    engine.dispose()
    assert keys == list(range(1, len(DATES) + 1)) and not tables
    upgrade(sqlite_archive)
    assert len(ids(sqlite_archive, ArticleFilters(search="keyword"), limit=None)) == len(DATES)
