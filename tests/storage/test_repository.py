"""The write path on both backends: upserts by canonical URL, authors, revisions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from crawler.items import ArticleItem, Author
from crawler.sources import Source as SourceConfig
from storage.models import Article, ArticleAuthor, ArticleRevision
from storage.models import Author as AuthorRow
from storage.repository import sync_sources, upsert_article, upsert_articles

FETCHED = datetime(2026, 6, 26, 8, 0, tzinfo=UTC)
SOURCE = SourceConfig(name="caliber_az", homepage="https://caliber.az/en/", languages=("en",), timezone="Asia/Baku")


def make_item(slug: str = "nato", **changes) -> ArticleItem:
    item = ArticleItem(
        url=f"https://caliber.az/en/post/{slug}?utm_source=x",
        canonical_url=f"https://caliber.az/en/post/{slug}",
        headline="NATO — Azerbaijan: synergy",
        description="Expert opinions",
        article_body="First paragraph.\nSecond paragraph with more words.",
        authors=[Author("Vugar Khalilov"), Author("Caliber.Az", "organization")],
        byline_raw="Vugar Khalilov, Caliber.Az",
        date_published=datetime(2026, 6, 25, 13, 24, tzinfo=UTC),
        date_published_raw="25.06.2026 17:24",
        in_language="en",
        keywords=["NATO", "Azerbaijan"],
        source="caliber_az",
        fetched_at=FETCHED,
    )
    return replace(item, **changes)


def count(session, column) -> int:
    return session.scalar(select(func.count()).select_from(column))


def test_insert_then_unchanged_then_updated_with_one_revision(session):
    sync_sources(session, [SOURCE])
    first = upsert_article(session, make_item())
    assert first.status == "inserted"
    again = upsert_article(session, make_item())
    assert again.status == "unchanged"
    assert again.article_id == first.article_id
    assert count(session, ArticleRevision) == 0
    changed = upsert_article(session, make_item(article_body="First paragraph.\nA corrected second paragraph."))
    assert changed.status == "updated"
    session.commit()
    revision = session.scalars(select(ArticleRevision)).one()
    assert revision.article_body == "First paragraph.\nSecond paragraph with more words."
    article = session.get(Article, first.article_id)
    assert article.article_body.endswith("corrected second paragraph.")
    assert article.word_count == 6
    assert article.source.name == "caliber_az"


def test_timestamps_come_back_aware_utc(session):
    upsert_article(session, make_item())
    session.commit()
    article = session.scalars(select(Article)).one()
    assert article.date_published == datetime(2026, 6, 25, 13, 24, tzinfo=UTC)
    assert article.date_published.utcoffset().total_seconds() == 0
    assert article.date_published_raw == "25.06.2026 17:24"


def test_authors_are_one_row_per_spelling_and_kind_and_keep_their_order(session):
    upsert_articles(
        session,
        [
            make_item("a"),
            make_item("b", authors=[Author("Caliber.Az", "organization"), Author("VUGAR  khalilov")]),
        ],
    )
    session.commit()
    assert count(session, AuthorRow) == 2
    rows = session.execute(
        select(Article.canonical_url, AuthorRow.name, ArticleAuthor.position)
        .join(ArticleAuthor, ArticleAuthor.article_id == Article.id)
        .join(AuthorRow, AuthorRow.id == ArticleAuthor.author_id)
        .order_by(Article.canonical_url, ArticleAuthor.position)
    ).all()
    assert [(url.rsplit("/", 1)[1], name, pos) for url, name, pos in rows] == [
        ("a", "Vugar Khalilov", 1),
        ("a", "Caliber.Az", 2),
        ("b", "Caliber.Az", 1),
        ("b", "Vugar Khalilov", 2),
    ]


def test_one_canonical_url_is_one_row_even_within_a_batch(session):
    results = upsert_articles(session, [make_item(), make_item(headline="Newer headline")])
    session.commit()
    assert len(results) == 1
    assert count(session, Article) == 1
    assert session.scalars(select(Article.headline)).one() == "Newer headline"


def test_naive_datetimes_are_refused(session):
    with pytest.raises(Exception, match="naive datetime"):
        upsert_article(session, make_item(date_published=datetime(2026, 6, 25, 13, 24)))
        session.flush()
