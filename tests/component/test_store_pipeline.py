"""The store pipeline on real databases: batches, and a spool when the database is away."""

from __future__ import annotations

import socket
from datetime import UTC, datetime

import pytest
from scrapy.utils.test import get_crawler
from sqlalchemy import func, select

from crawler.items import ArticleItem, Author
from crawler.runtime.pipelines import StorePipeline, ValidatePipeline
from crawler.runtime.spiders.news import NewsSpider
from crawler.runtime.spool import read_spool, spool_files
from crawler.sources import Source
from storage.db import make_engine, make_sessionmaker
from storage.models import Article

SOURCE = Source(
    name="caliber_az",
    homepage="https://caliber.az/en/",
    languages=("en",),
    timezone="Asia/Baku",
    allowed_domains=("caliber.az",),
)


def item(n: int) -> ArticleItem:
    return ArticleItem(
        url=f"https://caliber.az/en/post/story-{n}",
        canonical_url=f"https://caliber.az/en/post/story-{n}",
        headline=f"Story {n}",
        article_body=f"Body of story {n}. " * 10,
        authors=[Author("Caliber.Az", "organization")],
        date_published=datetime(2026, 6, 25, 13, 24, tzinfo=UTC),
        date_published_raw="25.06.2026 17:24",
        source="caliber_az",
        fetched_at=datetime(2026, 6, 26, tzinfo=UTC),
    )


def make_pipeline(url: str, data_dir, batch_size: int = 3):
    crawler = get_crawler(
        NewsSpider,
        {"MEDIAMON_DATABASE_URL": url, "MEDIAMON_DATA_DIR": str(data_dir), "MEDIAMON_STORE_BATCH_SIZE": batch_size},
    )
    crawler.spider = NewsSpider.from_crawler(crawler, source=SOURCE)
    crawler.stats.open_spider()
    return crawler, StorePipeline.from_crawler(crawler)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_items_are_stored_in_batches_and_counted(migrated_url, tmp_path):
    crawler, pipeline = make_pipeline(migrated_url, tmp_path)
    pipeline.open_spider()
    for n in range(7):
        pipeline.process_item(item(n))
    pipeline.wait_for_writes()  # batches are written on the pipeline's writer thread
    engine = make_engine(migrated_url)
    with make_sessionmaker(engine)() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 6  # two full batches written
    pipeline.close_spider()
    with make_sessionmaker(engine)() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 7
    engine.dispose()
    assert crawler.stats.get_value("store/inserted") == 7


def test_database_away_spools_every_item_then_replay_stores_them_once(sqlite_url, tmp_path):
    url = f"postgresql+psycopg://postgres:secret@127.0.0.1:{_closed_port()}/nowhere"
    crawler, pipeline = make_pipeline(url, tmp_path)
    pipeline.open_spider()
    for n in range(5):
        pipeline.process_item(item(n))
    pipeline.close_spider()
    files = spool_files(tmp_path / "spool")
    assert len(files) == 1
    assert [i.headline for i in read_spool(files[0])] == [f"Story {n}" for n in range(5)]
    assert crawler.stats.get_value("store/spooled") == 5
    assert crawler.stats.get_value("events/storage_error") >= 1

    from storage.migrate import upgrade

    upgrade(sqlite_url)
    crawler, pipeline = make_pipeline(sqlite_url, tmp_path)
    pipeline.open_spider()  # replays the spool first
    pipeline.process_item(item(4))  # already replayed: unchanged
    pipeline.close_spider()
    assert spool_files(tmp_path / "spool") == []
    assert crawler.stats.get_value("store/replayed") == 5
    engine = make_engine(sqlite_url)
    with make_sessionmaker(engine)() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 5
    engine.dispose()


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"headline": ""}, "missing_headline"),
        ({"article_body": "short"}, "missing_body"),
        ({"url": "https://elsewhere.example/x"}, "offsite"),
    ],
)
def test_validate_drops_with_a_named_reason(changes, reason, tmp_path):
    from dataclasses import replace

    from scrapy.exceptions import DropItem

    crawler, _ = make_pipeline("sqlite://", tmp_path)
    validate = ValidatePipeline.from_crawler(crawler)
    with pytest.raises(DropItem, match=reason):
        validate.process_item(replace(item(1), **changes))
    assert crawler.stats.get_value(f"validate/dropped/{reason}") == 1


def test_validate_counts_an_unreadable_date_and_keeps_the_item(tmp_path):
    from dataclasses import replace

    crawler, _ = make_pipeline("sqlite://", tmp_path)
    validate = ValidatePipeline.from_crawler(crawler)
    kept = validate.process_item(replace(item(1), date_published=None, date_published_raw="когда-то давно"))
    assert kept.date_published_raw == "когда-то давно"
    assert crawler.stats.get_value("normalize/date_unreadable") == 1
    assert crawler.stats.get_value("events/date_unreadable") == 1
