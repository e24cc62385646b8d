"""A search listing's plans (storage.searchwalk, storage.sqlitesearch): walking newest first, looking matches up.

Whichever the database runs, a page is the same slice of the whole listing (newest first, ties by id),
on both backends, with and without an offset and with collapsed duplicates.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from analyst_data import ARTICLES

from storage import searchplan, searchwalk
from storage.db import make_engine
from storage.queries import ArticleFilters, list_articles
from storage.search import lexemes

HEADLINE_WORDS = [lexemes(a.headline or "") for a in ARTICLES if a.headline]
QUERIES = [
    HEADLINE_WORDS[0][0],
    f"{HEADLINE_WORDS[1][0]} OR {HEADLINE_WORDS[2][0]}",
    f'"{HEADLINE_WORDS[0][0]} {HEADLINE_WORDS[0][1]}"',
    f"-{HEADLINE_WORDS[0][0]}",
    f"{HEADLINE_WORDS[3][0][:3]}*",
]


@pytest.mark.parametrize(
    ("walk_from", "walk_budget", "walk_cost"),
    [(1, 1, 0), (1_000_000, 1, 10**9), (1_000_000, 1_000_000, 10**9)],
    ids=["walk", "lookup", "short-walk"],
)
def test_each_plan_pages_the_whole_listing(archive_url, monkeypatch, walk_from, walk_budget, walk_cost):
    """On PostgreSQL (storage.searchwalk) a short walk of ``WALK_BUDGET`` articles per row comes first, then the
    walk goes on (``WALK_COST`` 0) or the lookup lists the page; on SQLite ``WALK_FROM`` chooses."""
    monkeypatch.setattr(searchplan, "WALK_FROM", walk_from)
    monkeypatch.setattr(searchwalk, "WALK_BUDGET", walk_budget)
    monkeypatch.setattr(searchwalk, "WALK_COST", walk_cost)
    engine = make_engine(archive_url)
    dialect = engine.dialect.name
    found_any = False
    try:
        with engine.connect() as connection:
            for query in QUERIES:
                for collapse in (False, True):
                    filters = ArticleFilters(search=query)
                    whole = [
                        r.article_id
                        for r in connection.execute(
                            list_articles(filters, dialect, limit=None, collapse_duplicates=collapse)
                        )
                    ]
                    found_any = found_any or len(whole) > 2
                    for limit, offset in ((2, 0), (2, 1), (50, 0)):
                        page = list_articles(filters, dialect, limit=limit, offset=offset, collapse_duplicates=collapse)
                        ids = [r.article_id for r in connection.execute(page)]
                        assert ids == whole[offset : offset + limit], (query, collapse, limit, offset)
    finally:
        engine.dispose()
    assert found_any


FILTERS = [
    {"languages": ("en",)},
    {"sources": ("caliber_az",)},
    {"author": "khalilov"},
    {"since": datetime(2026, 6, 23, tzinfo=UTC), "before": datetime(2026, 7, 1, tzinfo=UTC)},
]


@pytest.mark.parametrize(
    ("walk_from", "walk_budget", "walk_cost"),
    [(1, 1, 0), (1_000_000, 1, 10**9), (1_000_000, 1_000_000, 10**9)],
    ids=["walk", "lookup", "short-walk"],
)
def test_each_plan_keeps_the_filters_and_the_cursor(archive_url, monkeypatch, walk_from, walk_budget, walk_cost):
    """The lookup applies the filters to ``article_search`` itself (storage.filters.filter_conditions): the same
    articles as the view's filters, and after an "Older" cursor (undated articles last) the same order."""
    monkeypatch.setattr(searchplan, "WALK_FROM", walk_from)
    monkeypatch.setattr(searchwalk, "WALK_BUDGET", walk_budget)
    monkeypatch.setattr(searchwalk, "WALK_COST", walk_cost)
    engine = make_engine(archive_url)
    dialect = engine.dialect.name
    sizes: list[int] = []
    try:
        with engine.connect() as connection:
            for query in (QUERIES[3], QUERIES[1]):
                everything = ArticleFilters(search=query)
                listed = list(connection.execute(list_articles(everything, dialect, limit=None)))
                cursors = [(row.date_published, row.article_id) for row in listed[:3]]
                for filters in [ArticleFilters(search=query, **extra) for extra in FILTERS] + [
                    replace(everything, after=cursor) for cursor in cursors
                ]:
                    whole = [r.article_id for r in connection.execute(list_articles(filters, dialect, limit=None))]
                    sizes.append(len(whole))
                    for limit, offset in ((1, 0), (2, 1), (50, 0)):
                        page = list_articles(filters, dialect, limit=limit, offset=offset)
                        ids = [r.article_id for r in connection.execute(page)]
                        assert ids == whole[offset : offset + limit], (query, filters, limit, offset)
    finally:
        engine.dispose()
    assert max(sizes) >= 3 and sum(1 for size in sizes if size >= 2) >= 4, sizes


@pytest.mark.parametrize("author_walk_cost", [0, 10**9], ids=["walk", "lookup"])
def test_each_author_plan_pages_the_whole_listing(archive_url, monkeypatch, author_walk_cost):
    """PostgreSQL lists an author filter by walking newest first or by fetching the authors' articles
    (storage.searchwalk.author_ids): the same pages either way, with other filters too."""
    monkeypatch.setattr(searchwalk, "AUTHOR_WALK_COST", author_walk_cost)
    engine = make_engine(archive_url)
    dialect = engine.dialect.name
    sizes: list[int] = []
    try:
        with engine.connect() as connection:
            for author, extra in (("khalilov", {}), ("ə", {}), ("Leyla", {"languages": ("az",)}), ("петров", {})):
                for collapse in (False, True):
                    filters = ArticleFilters(author=author, **extra)
                    whole = [
                        r.article_id
                        for r in connection.execute(
                            list_articles(filters, dialect, limit=None, collapse_duplicates=collapse)
                        )
                    ]
                    sizes.append(len(whole))
                    for limit, offset in ((1, 0), (1, 1), (50, 0)):
                        page = list_articles(filters, dialect, limit=limit, offset=offset, collapse_duplicates=collapse)
                        ids = [r.article_id for r in connection.execute(page)]
                        assert ids == whole[offset : offset + limit], (author, collapse, limit, offset)
    finally:
        engine.dispose()
    assert max(sizes) >= 2, sizes
