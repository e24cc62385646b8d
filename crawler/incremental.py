"""Incremental crawling: article URLs the store already holds are not fetched again.

With ``MEDIAMON_REFRESH_DAYS`` set, known articles published within that many
days are fetched again, so that edits are caught (and become revisions).
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from sqlalchemy import Connection, Engine, bindparam, select
from sqlalchemy.exc import SQLAlchemyError

from crawler.normalize.urls import url_hash
from storage.db import make_engine
from storage.models import Article

#: One indexed lookup by URL hash; compiled once, run on one autocommit connection.
_KNOWN = select(Article.date_published).where(Article.url_hash == bindparam("url_hash"))


class KnownArticlesMiddleware:
    """Drop requests for articles already stored (one indexed lookup per article request).

    The lookups share one autocommit connection (no transaction is held open
    between them); when the database is away the request is fetched anyway, the
    store pipeline spools what it cannot write, and the connection is opened again
    at the next request.
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

    def process_request(self, request: Request, spider: Spider | None = None) -> Any:
        if not request.meta.get("article"):
            return None
        try:
            row = self._connect().execute(_KNOWN, {"url_hash": url_hash(request.url)}).first()
        except SQLAlchemyError:  # database away: fetch it; the store pipeline will spool it
            self._drop_connection()
            return None
        if row is None:
            return None
        published = row[0]
        if self._refresh_after is not None and published is not None and published >= self._refresh_after:
            self._inc("incremental/refetched_recent")
            return None
        self._inc("incremental/skipped_known")
        raise IgnoreRequest("article already stored")

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
