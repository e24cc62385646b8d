"""Trend counts against hand-counted articles of analyst_data.ARTICLES, on SQLite and PostgreSQL.

Dated articles: caliber_az 2026-06-22 (Mon, az), 06-24 (az, "park"), 06-25 (en, NATO);
lenta_ru 06-23 21:30 UTC (ru); london_news 01-15 and 07-15 (en, "London"); one undated.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from storage.db import make_engine
from storage.queries import ArticleFilters
from storage.trends import trend


def table(rows):
    return [(r.period.isoformat(), r.query, r.group, r.articles) for r in rows]


def test_month_over_the_datas_own_range_with_zeros(connection):
    rows = trend(connection, ["London"], ArticleFilters(), interval="month")
    assert table(rows) == [
        ("2026-01-01", "London", "", 1),
        *[(f"2026-0{m}-01", "London", "", 0) for m in range(2, 7)],
        ("2026-07-01", "London", "", 1),
    ]


def test_share_of_all_articles_of_the_month(connection):
    rows = trend(connection, ["London"], ArticleFilters(), interval="month", share=True)
    by_month = {r.period: (r.articles, r.all_articles, r.share) for r in rows}
    assert by_month[date(2026, 1, 1)] == (1, 1, 1.0)
    assert by_month[date(2026, 3, 1)] == (0, 0, 0.0)
    assert by_month[date(2026, 6, 1)] == (0, 4, 0.0)
    assert by_month[date(2026, 7, 1)] == (1, 1, 1.0)


def test_day_by_source_inside_a_given_range(connection):
    filters = ArticleFilters(since=datetime(2026, 6, 22, tzinfo=UTC), before=datetime(2026, 6, 26, tzinfo=UTC))
    rows = trend(connection, [None], filters, interval="day", by="source")
    counts = {(p, g): n for p, _q, g, n in table(rows)}
    assert counts == {
        ("2026-06-22", "caliber_az"): 1, ("2026-06-22", "lenta_ru"): 0,
        ("2026-06-23", "caliber_az"): 0, ("2026-06-23", "lenta_ru"): 1,
        ("2026-06-24", "caliber_az"): 1, ("2026-06-24", "lenta_ru"): 0,
        ("2026-06-25", "caliber_az"): 1, ("2026-06-25", "lenta_ru"): 0,
    }  # fmt: skip


def test_week_starts_on_monday_and_two_queries_are_counted_apart(connection):
    filters = ArticleFilters(since=datetime(2026, 6, 15, tzinfo=UTC), before=datetime(2026, 7, 6, tzinfo=UTC))
    rows = trend(connection, ["NATO OR park", "London"], filters, interval="week", share=True)
    assert [(p, q, n) for p, q, _g, n in table(rows)] == [
        ("2026-06-15", "NATO OR park", 0), ("2026-06-15", "London", 0),
        ("2026-06-22", "NATO OR park", 2), ("2026-06-22", "London", 0),
        ("2026-06-29", "NATO OR park", 0), ("2026-06-29", "London", 0),
    ]  # fmt: skip
    assert rows[2].all_articles == 4 and rows[2].share == 0.5


def test_share_by_language_divides_by_the_languages_own_articles(connection):
    rows = trend(connection, ["park"], ArticleFilters(), interval="month", by="language", share=True)
    june = {r.group: (r.articles, r.all_articles, r.share) for r in rows if r.period == date(2026, 6, 1)}
    assert june == {"az": (1, 2, 0.5), "en": (0, 1, 0.0), "ru": (0, 1, 0.0)}


def test_an_empty_archive_has_no_rows(migrated_url):
    engine = make_engine(migrated_url)
    with engine.connect() as connection:
        assert trend(connection, ["anything"], ArticleFilters()) == []
    engine.dispose()
