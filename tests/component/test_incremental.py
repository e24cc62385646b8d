"""Known articles are dropped from a response's output in batches, before they are scheduled."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from scrapy import Request
from scrapy.utils.test import get_crawler
from sqlalchemy import event

from crawler.items import ArticleItem
from crawler.runtime.middlewares.batches import FIRST_BATCH
from crawler.runtime.middlewares.incremental import BATCH, KnownArticlesMiddleware
from crawler.runtime.spiders.news import NewsSpider
from storage.db import make_engine, make_sessionmaker
from storage.repository import upsert_articles

NOW = datetime.now(UTC)


def _store(url: str, paths_and_dates: list[tuple[str, datetime]]) -> None:
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        items = [
            ArticleItem(
                url=f"https://example.com{path}",
                canonical_url=f"https://example.com{path}",
                headline=path,
                article_body="text " * 50,
                date_published=published,
                source=None,
                fetched_at=NOW,
            )
            for path, published in paths_and_dates
        ]
        upsert_articles(session, items)
        session.commit()
    engine.dispose()


def _run(middleware: KnownArticlesMiddleware, outputs: list[object]) -> list[object]:
    async def source():
        for output in outputs:
            yield output

    async def collect():
        return [o async for o in middleware.process_spider_output(None, source())]

    return asyncio.run(collect())


def _middleware(url: str, refresh_days: float = 0):
    settings = {"MEDIAMON_DATABASE_URL": url, "MEDIAMON_REFRESH_DAYS": refresh_days}
    crawler = get_crawler(NewsSpider, settings)
    crawler.stats.open_spider()
    return crawler, KnownArticlesMiddleware.from_crawler(crawler)


def test_known_articles_are_dropped_with_one_query_per_batch(migrated_url):
    _store(migrated_url, [(f"/news/{n}", NOW - timedelta(days=30)) for n in (3, 700, 1100)])
    crawler, middleware = _middleware(migrated_url)
    outputs: list[object] = [Request(f"https://example.com/news/{n}", meta={"article": True}) for n in range(1200)]
    outputs += [Request("https://example.com/sitemap.xml"), {"an": "item"}]
    queries = []
    middleware._connect()
    event.listen(middleware._engine, "before_cursor_execute", lambda *args: queries.append(args[2]))
    try:
        result = _run(middleware, outputs)
    finally:
        middleware.close()
    urls = [o.url for o in result if isinstance(o, Request)]
    assert len(urls) == 1200 - 3 + 1
    known = {f"https://example.com/news/{n}" for n in (3, 700, 1100)}
    assert not known & set(urls)
    assert {"an": "item"} in result  # other output passes untouched
    # 1,200 URLs: a few queries, not 1,200; batches of FIRST_BATCH, then twice as many each time, up to BATCH
    sizes, left = [], 1200
    while left > 0:
        sizes.append(min(left, BATCH, FIRST_BATCH * 2 ** len(sizes)))
        left -= sizes[-1]
    assert len(queries) == len(sizes) == 6
    assert crawler.stats.get_value("incremental/skipped_known") == 3


def test_recent_known_articles_are_fetched_again_with_refresh_days(migrated_url):
    _store(migrated_url, [("/news/old", NOW - timedelta(days=30)), ("/news/recent", NOW - timedelta(days=1))])
    crawler, middleware = _middleware(migrated_url, refresh_days=7)
    outputs = [Request(f"https://example.com/news/{p}", meta={"article": True}) for p in ("old", "recent", "new")]
    try:
        urls = [o.url for o in _run(middleware, outputs)]
    finally:
        middleware.close()
    assert urls == ["https://example.com/news/recent", "https://example.com/news/new"]
    assert crawler.stats.get_value("incremental/refetched_recent") == 1


def test_database_away_lets_every_request_through():
    _, middleware = _middleware("postgresql+psycopg://postgres@127.0.0.1:9/nowhere")
    outputs = [Request(f"https://example.com/news/{n}", meta={"article": True}) for n in range(3)]
    try:
        assert len(_run(middleware, outputs)) == 3
    finally:
        middleware.close()
