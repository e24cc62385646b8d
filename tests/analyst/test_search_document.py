"""The stored search documents: PostgreSQL's tsvector (migration 0010; 0006's, which the downgrade restores)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from analyst_data import ARTICLES, store
from sqlalchemy import inspect, text

from storage.db import make_engine
from storage.migrate import downgrade, upgrade
from storage.queries import ArticleFilters, list_articles
from storage.search import distinct_lexemes, lexemes, matching_article_ids, postgresql_document, postgresql_query


def found(url: str, words: str) -> list[int]:
    engine = make_engine(url)
    with engine.connect() as connection:
        rows = [r.article_id for r in connection.execute(list_articles(ArticleFilters(search=words), "postgresql"))]
    engine.dispose()
    return rows


def documents(url: str) -> dict[int, set[str]]:
    engine = make_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, tsvector_to_array(search_document) FROM articles ORDER BY id"))
        stored = {row[0]: set(row[1] or ()) for row in rows}
    engine.dispose()
    return stored


def test_the_document_holds_each_word_once_in_lower_case():
    document = postgresql_document("İlham Əliyev", None, "ƏLİYEV met O'Brien; snake_case 3.14 İLHAM")
    expected = "'ilham' 'əliyev' 'met' 'o' 'brien' 'snake' 'case' '3' '14'"
    assert sorted(document.split()) == sorted(expected.split(" "))
    assert distinct_lexemes("a—b «c», d_e ²½ 東京 x\u0301y") == set(lexemes("a—b «c», d_e ²½ 東京 x\u0301y"))
    assert postgresql_document(None, "") == ""
    assert postgresql_query(["İSTANBUL", "Bakı", "istanbul"]) == "'istanbul' & 'bakı'"


def test_the_document_stays_within_postgresql_limits():
    long_word = "x" * 3000
    many = " ".join(f"w{n:09d}" for n in range(150_000))  # 1.5 MB of distinct words
    document = postgresql_document("Headline", long_word, many)
    assert long_word not in document
    assert document.startswith("'headline' 'w000000000'")
    assert len(document.encode()) < 1_048_575


@pytest.mark.postgres
def test_search_reads_the_stored_words_through_the_gin_index(pg_url):
    upgrade(pg_url)
    long_body = "Qarabağ " + "x" * 3000 + " " + " ".join(f"söz{n}" for n in range(120_000))
    store(pg_url, [*ARTICLES, replace(ARTICLES[0], canonical_url="https://caliber.az/en/long", article_body=long_body)])

    stored = documents(pg_url)
    exact = {*lexemes("Bakıda yeni park açıldı Paytaxtın mərkəzində"), *lexemes(ARTICLES[1].article_body)}
    assert {lexeme for lexeme in stored[2] if lexeme[0].isalnum()} == exact
    assert {"ilham", "əliyev", "~bak", "~şəhər", "@leyla", "@khalilov", "$caliber", "$az", "%az"} <= stored[2]
    assert found(pg_url, "ilham") == found(pg_url, "İLHAM") == [2]
    assert found(pg_url, "söz119999") == [] and found(pg_url, "Qarabağ söz1") == [8]  # capped, not refused
    engine = make_engine(pg_url)
    with engine.connect() as connection:
        connection.execute(text("SET enable_seqscan = off"))  # a table this small would be read whole
        query = matching_article_ids("postgresql", "park").compile(engine, compile_kwargs={"literal_binds": True})
        plan = "\n".join(row[0] for row in connection.execute(text(f"EXPLAIN {query}")))
    engine.dispose()
    assert "ix_article_search_document" in plan, plan


@pytest.mark.postgres
def test_a_common_word_is_looked_up_in_the_index_not_by_reading_every_document(pg_url):
    """Statistics on the documents would make the planner scan them all for a word in a third of the articles."""
    from datetime import UTC, datetime

    from sqlalchemy import insert

    from storage.repository import add_search_documents, articles_table

    upgrade(pg_url)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    rows = [
        {
            "url_hash": f"{n:032x}", "url": f"https://x.test/{n}", "canonical_url": f"https://x.test/{n}",
            "headline": f"Story {n}", "description": None, "keywords": [], "word_count": 60, "content_hash": "c",
            "article_body": " ".join(f"w{n}x{k}" for k in range(60)) + (" şəhər" if n % 3 == 0 else ""),
            "first_seen_at": now, "fetched_at": now, "updated_at": now,
        }
        for n in range(3000)
    ]  # fmt: skip
    add_search_documents(rows, "postgresql")
    engine = make_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(insert(articles_table("postgresql")), rows)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE articles, article_search"))  # what autovacuum does after a crawl
        query = matching_article_ids("postgresql", "şəhər").compile(engine, compile_kwargs={"literal_binds": True})
        plan = "\n".join(row[0] for row in connection.execute(text(f"EXPLAIN {query}")))
        hits = len(connection.execute(text(str(query))).all())
    engine.dispose()
    assert hits == 1000
    assert "Bitmap Index Scan on ix_article_search_document" in plan, plan


@pytest.mark.postgres
def test_the_downgrade_of_0010_restores_the_words_and_the_trigger_of_0006(pg_url):
    upgrade(pg_url)
    store(pg_url, ARTICLES)
    downgrade(pg_url, "0009")
    legacy = {
        n: {*lexemes(a.headline or ""), *lexemes(a.description or ""), *lexemes(a.article_body or "")}
        for n, a in enumerate(ARTICLES, start=1)
    }
    assert documents(pg_url) == legacy
    engine = make_engine(pg_url)
    with engine.begin() as connection:  # 0006's trigger computes the words of a row written by hand
        connection.execute(text("UPDATE articles SET article_body = 'Diplomats met in Ganja.' WHERE id = 1"))
    engine.dispose()
    assert documents(pg_url)[1] == set(lexemes("NATO and Azerbaijan: synergy Expert opinions on defence")) | {
        "diplomats", "met", "in", "ganja"
    }  # fmt: skip
    upgrade(pg_url)
    assert "~ganj" in documents(pg_url)[1] or "~ganja" in documents(pg_url)[1]
    assert found(pg_url, "Ganja diplomat") == [1]
    assert found(pg_url, "şəhər") == [2, 3]  # stems: "şəhərlərdə" of article 3 too


@pytest.mark.postgres
def test_upgrade_fills_the_documents_of_stored_articles_and_downgrade_restores_the_expression_index(pg_url):
    upgrade(pg_url)
    store(pg_url, ARTICLES)
    downgrade(pg_url, "0005")
    engine = make_engine(pg_url)
    assert "search_document" not in {c["name"] for c in inspect(engine).get_columns("articles")}
    with engine.connect() as connection:
        definition = connection.scalar(text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_articles_search'"))
    engine.dispose()
    assert "to_tsvector" in definition
    upgrade(pg_url)
    stored = documents(pg_url)
    for n, a in enumerate(ARTICLES, start=1):
        exact = {*lexemes(a.headline or ""), *lexemes(a.description or ""), *lexemes(a.article_body or "")}
        assert {lexeme for lexeme in stored[n] if lexeme[0].isalnum()} == exact
    assert found(pg_url, "şəhər") == [2, 3]
    assert found(pg_url, "author:Əliyeva") == [2, 3]
