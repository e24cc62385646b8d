"""Incremental crawling: article URLs the store already holds are not fetched again.

With ``MEDIAMON_REFRESH_DAYS`` set, known articles published within that many
days are fetched again, so that edits are caught (and become revisions).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from sqlalchemy import Engine

from crawler.normalize.urls import url_hash
from storage.db import make_engine, make_sessionmaker
from storage.repository import known_articles


class KnownArticlesMiddleware:
    """Drop requests for articles already stored (one indexed lookup per article request)."""

    def __init__(self, database_url: str, refresh_days: float = 0) -> None:
        self._url = database_url
        self._refresh_after = datetime.now(UTC) - timedelta(days=refresh_days) if refresh_days > 0 else None
        self._engine: Engine | None = None
        self.crawler: Crawler | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> KnownArticlesMiddleware:
        if crawler.settings.getbool("MEDIAMON_REFETCH_KNOWN"):
            raise NotConfigured("MEDIAMON_REFETCH_KNOWN is set: known articles are fetched again")
        middleware = cls(crawler.settings["MEDIAMON_DATABASE_URL"], crawler.settings.getfloat("MEDIAMON_REFRESH_DAYS"))
        middleware.crawler = crawler
        return middleware

    def process_request(self, request: Request, spider: Spider | None = None) -> Any:
        if not request.meta.get("article"):
            return None
        if self._engine is None:
            self._engine = make_engine(self._url)
        try:
            with make_sessionmaker(self._engine)() as session:
                known = known_articles(session, [url_hash(request.url)])
        except Exception:  # noqa: BLE001 - database away: fetch it; the store pipeline will spool it
            return None
        if known:
            published = next(iter(known.values()))
            if self._refresh_after is not None and published is not None and published >= self._refresh_after:
                self._inc("incremental/refetched_recent")
                return None
            self._inc("incremental/skipped_known")
            raise IgnoreRequest("article already stored")
        return None

    def _inc(self, key: str) -> None:
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)
