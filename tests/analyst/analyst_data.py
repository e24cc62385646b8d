"""A small archive in three languages, stored through the repository (shared by the analyst tests)."""

from __future__ import annotations

from datetime import UTC, datetime

from crawler.items import ArticleItem, Author
from crawler.sources import Source as SourceConfig
from storage.db import make_engine, make_sessionmaker
from storage.repository import sync_sources, upsert_articles

FETCHED = datetime(2026, 7, 20, 8, 0, tzinfo=UTC)
#: The view's columns after word_count for ARTICLES, as JSON: none has tags, an image, a modified date,
#: other editions or copies; all were first seen at FETCHED.
MORE_COLUMNS = {
    "tags": None,
    "image_url": None,
    "date_modified": None,
    "first_seen": "2026-07-20T08:00:00+00:00",
    "story_key": None,
    "duplicate_of": None,
}
SOURCES = [
    SourceConfig(name="caliber_az", homepage="https://caliber.az/", languages=("en", "az"), timezone="Asia/Baku"),
    SourceConfig(name="lenta_ru", homepage="https://lenta.ru/", languages=("ru",), timezone="Europe/Moscow"),
    SourceConfig(
        name="london_news", homepage="https://news.example.co.uk/", languages=("en",), timezone="Europe/London"
    ),
]


def article(slug: str, source: str, **fields) -> ArticleItem:
    homepage = next(s.homepage for s in SOURCES if s.name == source)
    return ArticleItem(
        url=f"{homepage}{slug}", canonical_url=f"{homepage}{slug}", source=source, fetched_at=FETCHED, **fields
    )


ARTICLES = [
    article(
        "en/nato",
        "caliber_az",
        headline="NATO and Azerbaijan: synergy",
        description="Expert opinions on defence",
        article_body="Officials from NATO met in Baku. The talks went well.",
        authors=[Author("Vugar Khalilov"), Author("Caliber.Az", "organization")],
        date_published=datetime(2026, 6, 25, 13, 24, tzinfo=UTC),
        in_language="en",
        section="Politics",
    ),
    article(
        "az/park",
        "caliber_az",
        headline="Bakıda yeni park açıldı",
        description="Paytaxtın mərkəzində",
        article_body="Azərbaycan paytaxtında, şəhər mərkəzində yeni park açıldı. İlham Əliyev iştirak etdi.",
        authors=[Author("Leyla Əliyeva"), Author("Vugar Khalilov")],
        date_published=datetime(2026, 6, 24, 8, 0, tzinfo=UTC),
        in_language="az",
        section="Cəmiyyət",
    ),
    article(
        "az/iqtisadiyyat",
        "caliber_az",
        headline="Azərbaycanda iqtisadi artım",
        description="Şəhərlərdə tikinti",
        article_body="Azərbaycanın iqtisadiyyatı böyüyür; şəhərlərdə yeni evlər tikilir.",
        authors=[Author("Leyla Əliyeva")],
        date_published=datetime(2026, 6, 22, 6, 0, tzinfo=UTC),
        in_language="az",
    ),
    article(
        "news/park",
        "lenta_ru",
        headline="В Москве открыли новый парк",
        description="Горожане довольны",
        article_body="Мэр Москвы открыл парк. Азербайджан прислал делегацию.",
        authors=[Author("Иван Петров")],
        date_published=datetime(2026, 6, 23, 21, 30, tzinfo=UTC),
        in_language="ru",
        section="Россия",
    ),
    article(
        "winter",
        "london_news",
        headline="Winter in London",
        article_body="Cold and grey.",
        date_published=datetime(2026, 1, 15, 12, 0, tzinfo=UTC),
        in_language="en",
    ),
    article(
        "summer",
        "london_news",
        headline="Summer in London",
        article_body="Warm and sunny.",
        date_published=datetime(2026, 7, 15, 12, 0, tzinfo=UTC),
        in_language="en",
    ),
    article("undated", "london_news", headline="An undated note", article_body="No date here.", in_language="en"),
]


def store(url: str, items: list[ArticleItem]) -> None:
    engine = make_engine(url)
    with make_sessionmaker(engine).begin() as session:
        sync_sources(session, SOURCES)
        for item in items:  # one at a time: ids follow the list (a batch is stored in key order)
            upsert_articles(session, [item])
    engine.dispose()
