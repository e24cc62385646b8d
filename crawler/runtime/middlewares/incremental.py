"""Incremental crawling: article URLs the store already holds are not fetched again.

A spider middleware looks at everything a response yields (a sitemap's thousand
URLs, an article's related links) and asks the store about all of its article
requests in one query per :data:`BATCH` URLs, so known articles never reach the
scheduler. With ``MEDIAMON_REFRESH_DAYS`` set, known articles published within
that many days are fetched again, so that edits are caught (and become revisions).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from sqlalchemy import Connection, Engine, bindparam, select
from sqlalchemy.exc import SQLAlchemyError

from crawler.normalize.urls import url_hash
from crawler.runtime.middlewares.batches import filter_requests_in_batches
from storage.db import make_engine
from storage.models import Article

#: URL hashes asked about in one query.
BATCH = 500
#: The stored ones among a batch of URL hashes; compiled once, run on one autocommit connection.
_KNOWN = select(Article.url_hash, Article.date_published).where(
    Article.url_hash.in_(bindparam("url_hashes", expanding=True))
)


def _is_article_request(request: Request) -> bool:
    return bool(request.meta.get("article"))


class KnownArticlesMiddleware:
    """Drop the article requests of a response's output whose articles are already stored.

    The lookups share one autocommit connection (no transaction is held open
    between them); when the database is away the requests go on (the store
    pipeline spools what it cannot write) and the connection is opened again at
    the next response.
    """

    def __init__(self, database_url: str, refresh_days: float = 0) -> None:
        self._url = database_url
        self._refresh_after = datetime.now(UTC) - timedelta(days=refresh_days) if refresh_days > 0 else None
        self._engine: Engine | None = None
        self._connection: Connection | None = None
        self.crawler: Crawler | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> KnownArticlesMiddleware:
        if crawler.settings.getbool("MEDIAMON_REFETCH_KNOWN"):
            raise NotConfigured("MEDIAMON_REFETCH_KNOWN is set: known articles are fetched again")
        middleware = cls(crawler.settings["MEDIAMON_DATABASE_URL"], crawler.settings.getfloat("MEDIAMON_REFRESH_DAYS"))
        middleware.crawler = crawler
        crawler.signals.connect(middleware.close, signal=signals.spider_closed)
        return middleware

    async def process_spider_output(
        self, response: Response | None, result: AsyncIterator[Any], spider: Any = None
    ) -> AsyncIterator[Any]:
        async for output in filter_requests_in_batches(result, _is_article_request, self.unknown, BATCH):
            yield output

    def unknown(self, requests: Sequence[Request]) -> list[Request]:
        """The requests whose articles are not stored (or are recent enough to be fetched again)."""
        if not requests:
            return []
        hashes = [url_hash(request.url) for request in requests]
        try:
            known = dict(self._connect().execute(_KNOWN, {"url_hashes": list(set(hashes))}).all())
        except SQLAlchemyError:  # database away: fetch them; the store pipeline will spool them
            self._drop_connection()
            return list(requests)
        kept = []
        for request, key in zip(requests, hashes, strict=True):
            if key not in known:
                kept.append(request)
                continue
            published = known[key]
            if self._refresh_after is not None and published is not None and published >= self._refresh_after:
                self._inc("incremental/refetched_recent")
                kept.append(request)
            else:
                self._inc("incremental/skipped_known")
        return kept

    def close(self) -> None:
        """Release the connection and the engine's pool (spider closed)."""
        self._drop_connection()
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def _connect(self) -> Connection:
        if self._connection is None:
            if self._engine is None:
                self._engine = make_engine(self._url)
            self._connection = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        return self._connection

    def _drop_connection(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(SQLAlchemyError):
                self._connection.close()
            self._connection = None

    def _inc(self, key: str) -> None:
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)
