"""Item pipelines: validate (drop with a named reason), then store through the repository.

The store pipeline writes in batches, on a writer thread of its own, so that the
crawl goes on while the database works (at most :data:`MAX_PENDING_BATCHES` batches
ahead). When the database cannot take a batch the items go to the run's spool
(fsynced JSON lines) and a ``storage_error`` event is recorded; the crawl goes on,
and the spool is replayed at the next start.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from twisted.internet import task

from crawler.items import ArticleItem
from crawler.runtime.events import record_event
from crawler.runtime.spool import Spool, replay
from crawler.sources import Source
from storage.captures import record_captures
from storage.db import make_engine, make_sessionmaker, masked_url
from storage.repository import UpsertResult, sync_sources, upsert_articles
from storage.stories import link_duplicates

#: Batches handed to the writer thread and not yet written; one more and the crawl waits for the oldest.
MAX_PENDING_BATCHES = 2


def _spider_source(crawler: Crawler) -> Source | None:
    return getattr(crawler.spider, "source", None)


def drop_reason(item: ArticleItem, source: Source | None, min_body_chars: int) -> str | None:
    """Why an item is not worth storing (``None``: it is); also used by WARC imports and re-extraction."""
    if not (item.headline or "").strip():
        return "missing_headline"
    if len((item.article_body or "").strip()) < min_body_chars:
        return "missing_body"
    if source is not None and not source.allows(item.url):
        return "offsite"
    return None


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
        reason = drop_reason(item, source, self.min_body_chars)
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
        self._writer: ThreadPoolExecutor | None = None
        self._pending: deque[tuple[list[ArticleItem], Future[list[UpsertResult]]]] = deque()

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
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mediamon-store")
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
        self.wait_for_writes()
        if self._writer is not None:
            self._writer.shutdown(wait=True)
        self._link_duplicates()
        if self._spool is not None:
            self._spool.close()
        if self._engine is not None:
            self._engine.dispose()

    def flush(self) -> None:
        """Hand the buffered items to the writer thread (or write them here when it is not running)."""
        batch, self._buffer = self._buffer, []
        self._last_flush = time.monotonic()
        if batch and self._writer is not None:
            self._pending.append((batch, self._writer.submit(self._upsert, batch)))
        elif batch:
            self._pending.append((batch, _run_now(self._upsert, batch)))
        self._collect(wait_all=False)

    def wait_for_writes(self) -> None:
        """Block until every batch handed to the writer is written (or spooled)."""
        self._collect(wait_all=True)

    def _collect(self, *, wait_all: bool) -> None:
        """Account for finished batches, oldest first: stats, new ids, or the spool on any error."""
        while self._pending:
            batch, future = self._pending[0]
            if not future.done():
                if not wait_all and len(self._pending) <= MAX_PENDING_BATCHES:
                    return
                wait_for([future])
            self._pending.popleft()
            error = future.exception()
            if error is None:
                self._count(future.result())
                continue
            assert self._spool is not None
            self._spool.append(batch)
            self.crawler.stats.inc_value("store/spooled", len(batch))
            self._storage_error(error, count=len(batch))

    def _upsert(self, batch: Sequence[ArticleItem]) -> list[UpsertResult]:
        """One batch in one transaction (runs on the writer thread: it touches nothing but the database)."""
        assert self._sessions is not None
        with self._sessions.begin() as session:
            results = upsert_articles(session, batch)
            record_captures(session, batch, results)  # where each article's response is archived (issue 23)
            return results

    def _write(self, batch: Sequence[ArticleItem]) -> None:
        """Write a batch here and now (spool replay at start)."""
        self._count(self._upsert(batch))

    def _count(self, results: Sequence[UpsertResult]) -> None:
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

    def _storage_error(self, exc: BaseException, count: int = 0) -> None:
        what = f"{count} item(s) spooled to {self._spool.path if self._spool else '?'}" if count else "database error"
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0] if str(exc) else type(exc).__name__
        detail = detail.replace(self.database_url, masked_url(self.database_url))
        record_event(self.crawler, "storage_error", f"{what}: {type(exc).__name__}: {detail}", level="error")


def _run_now(function: Any, *args: Any) -> Future[Any]:
    """``function(*args)`` run here, as a finished future (its result or its exception)."""
    future: Future[Any] = Future()
    try:
        future.set_result(function(*args))
    except Exception as exc:  # noqa: BLE001 - handed over like the writer thread's errors
        future.set_exception(exc)
    return future
