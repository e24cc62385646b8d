"""Search finds the same articles on SQLite and PostgreSQL, whatever words are asked for.

Words are drawn from the stored articles themselves, in several casings (the Turkish and
Azerbaijani İ and ı included), so that every draw has a chance of matching something.
"""

from __future__ import annotations

import pytest
from analyst_data import ARTICLES, article, store
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.db import make_engine
from storage.migrate import upgrade
from storage.queries import ArticleFilters, list_articles
from storage.search import lexemes

EXTRA = [
    article(
        "en/minister",
        "caliber_az",
        headline="Prime minister visits İstanbul",
        article_body="The PRIME MINISTER met officials in IRAQ and in Iğdır. Islak yollar, ılıq hava.",
        in_language="en",
    ),
    article(
        "az/birlik",
        "caliber_az",
        headline="BİRLİK və İNAM",
        article_body="İlham Əliyev Bakıda. Dövlət başçısı İslam dünyası ilə görüşdü.",
        in_language="az",
    ),
]
STORED = [*ARTICLES, *EXTRA]
WORDS = sorted(
    {w for a in STORED for text in (a.headline, a.description, a.article_body) if text for w in lexemes(text)}
    | {"İlham", "ILHAM", "İLHAM", "ilham", "Bakı", "BAKI", "bakı", "İSLAM", "islam", "ısLAK", "IĞDIR", "iğdır"}
)


def _turkish_upper(word: str) -> str:
    return word.replace("i", "İ").replace("ı", "I").upper()


CASINGS = [str.lower, str.upper, str.title, _turkish_upper, lambda w: w]
OPERATORS = ("AND", "OR", "NOT")  # the query language's (tests/analyst/test_query_language.py)
word = st.builds(lambda w, case: case(w), st.sampled_from(WORDS), st.sampled_from(CASINGS)).filter(
    lambda w: w not in OPERATORS
)


def _search(url: str, text: str, dialect: str) -> list[int]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return [r.article_id for r in connection.execute(list_articles(ArticleFilters(search=text), dialect))]
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_the_same_words_find_the_same_articles_on_both_backends(sqlite_url, pg_url):
    for url in (sqlite_url, pg_url):
        upgrade(url)
        store(url, STORED)

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(word, min_size=1, max_size=4))
    def same_ids(words: list[str]) -> None:
        text = " ".join(words)
        assert _search(sqlite_url, text, "sqlite") == _search(pg_url, text, "postgresql"), text

    same_ids()
    # Examples that failed before (a parenthesized İ group next to another word on SQLite < 3.43).
    assert _search(sqlite_url, "prime minister", "sqlite") == _search(pg_url, "prime minister", "postgresql") == [8]
    assert _search(sqlite_url, "İLHAM bakıda", "sqlite") == _search(pg_url, "ilham Bakıda", "postgresql") == [2, 9]
