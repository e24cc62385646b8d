"""Item pipelines: validate (drop with a named reason), then store through the repository.

The store pipeline writes in batches. When the database cannot take a batch the
items go to the run's spool (fsynced JSON lines) and a ``storage_error`` event is
recorded; the crawl goes on, and the spool is replayed at the next start.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from twisted.internet import task

from crawler.events import record_event
from crawler.items import ArticleItem
from crawler.sources import Source
from crawler.spool import Spool, replay
from storage.db import make_engine, make_sessionmaker, masked_url
from storage.repository import sync_sources, upsert_articles
from storage.stories import link_duplicates


def _spider_source(crawler: Crawler) -> Source | None:
    return getattr(crawler.spider, "source", None)


class ValidatePipeline:
    """Drop items that are not worth storing, with a reason counted as ``validate/dropped/<reason>``."""

    def __init__(self, crawler: Crawler, min_body_chars: int) -> None:
        self.crawler = crawler
        self.min_body_chars = min_body_chars

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler, crawler.settings.getint("MEDIAMON_MIN_BODY_CHARS", 80))

    def process_item(self, item: ArticleItem) -> ArticleItem:
        source = _spider_source(self.crawler)
        reason = None
        if not (item.headline or "").strip():
            reason = "missing_headline"
        elif len((item.article_body or "").strip()) < self.min_body_chars:
            reason = "missing_body"
        elif source is not None and not source.allows(item.url):
            reason = "offsite"
        if reason is not None:
            self.crawler.stats.inc_value(f"validate/dropped/{reason}")
            record_event(self.crawler, "dropped", f"dropped: {reason}", level="info", url=item.url)
            raise DropItem(f"{reason}: {item.url}")
        if source is not None and not source.allows(item.canonical_url):
            item.canonical_url = item.url  # a canonical link to another site is not trusted
        if item.date_published is None:
            if item.date_published_raw:
                self.crawler.stats.inc_value("normalize/date_unreadable")
                message = f"unreadable publication date {item.date_published_raw!r}"
                record_event(self.crawler, "date_unreadable", message, url=item.url)
            else:
                self.crawler.stats.inc_value("extract/missing_date")
        if not item.authors:
            self.crawler.stats.inc_value("extract/missing_author")
        return item


class StorePipeline:
    """Upsert items in batches; spool them when the database is away."""

    def __init__(
        self, crawler: Crawler, database_url: str, spool_dir: Path, batch_size: int, flush_seconds: float
    ) -> None:
        self.crawler = crawler
        self.database_url = database_url
        self.spool_dir = spool_dir
        self.batch_size = batch_size
        self.flush_seconds = flush_seconds
        self._buffer: list[ArticleItem] = []
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._spool: Spool | None = None
        self._timer: task.LoopingCall | None = None
        self._last_flush = time.monotonic()
        self._inserted_ids: list[int] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        settings = crawler.settings
        return cls(
            crawler,
            settings["MEDIAMON_DATABASE_URL"],
            Path(settings.get("MEDIAMON_DATA_DIR", "var")) / "spool",
            settings.getint("MEDIAMON_STORE_BATCH_SIZE", 50),
            settings.getfloat("MEDIAMON_STORE_FLUSH_SECONDS", 2.0),
        )

    def open_spider(self) -> None:
        self._engine = make_engine(self.database_url)
        self._sessions = make_sessionmaker(self._engine)
        source = _spider_source(self.crawler)
        self._spool = Spool(self.spool_dir, source.name if source else "items")
        try:
            with self._sessions.begin() as session:
                if source is not None:
                    sync_sources(session, [source])
            replayed = replay(self.spool_dir, self._write)
            if replayed:
                self.crawler.stats.inc_value("store/replayed", replayed)
        except SQLAlchemyError as exc:
            self._storage_error(exc)
        self._timer = task.LoopingCall(self._flush_if_due)
        self._timer.start(self.flush_seconds, now=False)

    def process_item(self, item: ArticleItem) -> ArticleItem:
        self._buffer.append(item)
        if len(self._buffer) >= self.batch_size:
            self.flush()
        return item

    def close_spider(self) -> None:
        if self._timer is not None and self._timer.running:
            self._timer.stop()
        self.flush()
        self._link_duplicates()
        if self._spool is not None:
            self._spool.close()
        if self._engine is not None:
            self._engine.dispose()

    def flush(self) -> None:
        """Write the buffered items; on a database error spool them instead."""
        batch, self._buffer = self._buffer, []
        self._last_flush = time.monotonic()
        if not batch:
            return
        try:
            self._write(batch)
        except SQLAlchemyError as exc:
            assert self._spool is not None
            self._spool.append(batch)
            self.crawler.stats.inc_value("store/spooled", len(batch))
            self._storage_error(exc, count=len(batch))

    def _write(self, batch: Sequence[ArticleItem]) -> None:
        assert self._sessions is not None
        with self._sessions.begin() as session:
            results = upsert_articles(session, batch)
        for result in results:
            self.crawler.stats.inc_value(f"store/{result.status}")
            if result.status == "inserted":
                self._inserted_ids.append(result.article_id)

    def _link_duplicates(self) -> None:
        """Link this run's new articles to earlier copies of the same text (syndication)."""
        if not self._inserted_ids or self._sessions is None:
            return
        try:
            with self._sessions.begin() as session:
                linked = link_duplicates(session, self._inserted_ids)
        except SQLAlchemyError as exc:
            self._storage_error(exc)
            return
        if linked:
            self.crawler.stats.inc_value("store/duplicates_linked", linked)

    def _flush_if_due(self) -> None:
        if self._buffer and time.monotonic() - self._last_flush >= self.flush_seconds:
            self.flush()

    def _storage_error(self, exc: SQLAlchemyError, count: int = 0) -> None:
        what = f"{count} item(s) spooled to {self._spool.path if self._spool else '?'}" if count else "database error"
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0] if str(exc) else type(exc).__name__
        detail = detail.replace(self.database_url, masked_url(self.database_url))
        record_event(self.crawler, "storage_error", f"{what}: {type(exc).__name__}: {detail}", level="error")
