"""A search listing holds two plans (storage.searchplan): walking newest first and looking the matches up.

Whichever the database runs, a page is the same slice of the whole listing (newest first, ties by id),
on both backends, with and without an offset and with collapsed duplicates.
"""

from __future__ import annotations

import pytest
from analyst_data import ARTICLES

from storage import searchplan
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


@pytest.mark.parametrize("walk_from", [1, 1_000_000], ids=["walk", "lookup"])
def test_each_plan_pages_the_whole_listing(archive_url, monkeypatch, walk_from):
    monkeypatch.setattr(searchplan, "WALK_FROM", walk_from)
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
