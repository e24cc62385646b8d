"""An archive for the web tests: editions, a syndicated copy, a revision, a hostile headline, runs and events."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from crawler.items import ArticleItem, Author
from crawler.sources import Source as SourceConfig
from storage.db import make_engine, make_sessionmaker
from storage.ledger import Event, add_events, finish_run, start_run
from storage.models import Article, CrawlRun
from storage.repository import sync_sources, upsert_articles

NOW = datetime.now(UTC).replace(microsecond=0)
SOURCES = [
    SourceConfig(name="caliber_az", homepage="https://caliber.az/", languages=("en", "az"), timezone="Asia/Baku"),
    SourceConfig(name="lenta_ru", homepage="https://lenta.ru/", languages=("ru",), timezone="Europe/Moscow"),
    SourceConfig(name="wire_news", homepage="https://wire.example/", languages=("en",), timezone="UTC"),
]
HOSTILE = '<script>alert("x")</script> Parliament <img src=x onerror=alert(1)>'
BODY = (
    "The new park in Baku opened on Monday with thousands of visitors walking along the shore. "
    "City officials said the park covers forty hectares and includes gardens, fountains and a library. "
    "Residents welcomed the green space after years of construction in the centre of the capital."
)


def _article(slug: str, source: str, **fields) -> ArticleItem:
    homepage = next(s.homepage for s in SOURCES if s.name == source)
    url = fields.pop("url", f"{homepage}{slug}")
    return ArticleItem(url=url, canonical_url=url, source=source, fetched_at=NOW - timedelta(hours=2), **fields)


EN = "https://caliber.az/en/park"
AZ = "https://caliber.az/az/park"
ARTICLES = [
    _article(
        "en/park",
        "caliber_az",
        url=EN,
        headline="New park opens in Baku",
        description="A green space for the capital",
        article_body=BODY,
        authors=[Author("Vugar Khalilov"), Author("Caliber.Az", "organization")],
        date_published=NOW - timedelta(days=1),
        in_language="en",
        section="Society",
        translations={"az": AZ},
    ),
    _article(
        "az/park",
        "caliber_az",
        url=AZ,
        headline="Bakıda yeni park açıldı",
        article_body="Paytaxtın mərkəzində yeni park açıldı. Sakinlər yaşıl məkanı alqışladılar.",
        authors=[Author("Leyla Əliyeva")],
        date_published=NOW - timedelta(days=1, hours=1),
        in_language="az",
        translations={"en": EN},
    ),
    _article(
        "news/park",
        "lenta_ru",
        headline="В Москве открыли новый парк",
        article_body="Мэр Москвы открыл парк. Горожане довольны.",
        authors=[Author("Иван Петров")],
        date_published=NOW - timedelta(days=2),
        in_language="ru",
    ),
    _article(
        "copy/park",
        "wire_news",
        headline="Baku opens a new park",
        article_body=BODY,
        date_published=NOW - timedelta(hours=20),
        in_language="en",
    ),
    _article(
        "hostile",
        "wire_news",
        url="javascript:alert(1)",
        headline=HOSTILE,
        description='Lead with </p><b onclick="x()">bold</b>',
        article_body="Parliament met today.\n<iframe src=//evil.invalid></iframe>",
        authors=[Author('<b>Mallory</b> "the" Author')],
        date_published=NOW - timedelta(days=3),
        in_language="en",
    ),
]


def store(url: str, articles: list[ArticleItem] = ARTICLES) -> dict[str, int]:
    """Store the articles, a revision of the first one, a copy link and two sources' runs; return some ids."""
    engine = make_engine(url)
    ids: dict[str, int] = {}
    with make_sessionmaker(engine).begin() as session:
        sync_sources(session, SOURCES)
        for item in articles:
            ids[item.url] = upsert_articles(session, [item])[0].article_id
        changed = replace(articles[0], article_body=BODY + " A café opened later.", fetched_at=NOW - timedelta(hours=1))
        upsert_articles(session, [changed])
        session.execute(
            update(Article).where(Article.id == ids["https://wire.example/copy/park"]).values(duplicate_of_id=ids[EN])
        )
        good = start_run(session, source="caliber_az", host="box", pid=1, log_path="/var/log/mediamon/caliber_az.log")
        finish_run(
            session,
            good,
            status="finished",
            finish_reason="finished",
            counts={"pages_fetched": 12, "articles_new": 2},
            stats={"item_scraped_count": 4, "extract/missing_author": 1, "downloader/request_count": 12},
        )
        bad = start_run(session, source="lenta_ru", host="box", pid=2, log_path="/var/log/mediamon/lenta_<ru>.log")
        add_events(
            session,
            bad,
            [
                Event("http_error", "HTTP 503 from <b>lenta.ru</b>", level="error", url="https://lenta.ru/news/1"),
                Event("http_error", "HTTP 503 again", level="error", url="https://lenta.ru/news/2"),
                Event("missing_date", "no date found", url="https://lenta.ru/news/3"),
            ],
        )
        finish_run(
            session,
            bad,
            status="failed",
            finish_reason="site unreachable: connection refused",
            counts={"pages_fetched": 3, "errors": 2},
            stats={"downloader/response_status_count/503": 2},
        )
        session.execute(update(CrawlRun).where(CrawlRun.id == bad).values(started_at=NOW - timedelta(minutes=30)))
        ids["good_run"], ids["bad_run"] = good, bad
    engine.dispose()
    return ids
