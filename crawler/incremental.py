"""Incremental crawling: article URLs the store already holds are not fetched again."""

from __future__ import annotations

from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from sqlalchemy import Engine

from crawler.normalize.urls import url_hash
from storage.db import make_engine, make_sessionmaker
from storage.repository import known_url_hashes


class KnownArticlesMiddleware:
    """Drop requests for articles already stored (one indexed lookup per article request)."""

    def __init__(self, database_url: str) -> None:
        self._url = database_url
        self._engine: Engine | None = None
        self.crawler: Crawler | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> KnownArticlesMiddleware:
        if crawler.settings.getbool("MEDIAMON_REFETCH_KNOWN"):
            raise NotConfigured("MEDIAMON_REFETCH_KNOWN is set: known articles are fetched again")
        middleware = cls(crawler.settings["MEDIAMON_DATABASE_URL"])
        middleware.crawler = crawler
        return middleware

    def process_request(self, request: Request, spider: Spider | None = None) -> Any:
        if not request.meta.get("article"):
            return None
        if self._engine is None:
            self._engine = make_engine(self._url)
        try:
            with make_sessionmaker(self._engine)() as session:
                known = known_url_hashes(session, [url_hash(request.url)])
        except Exception:  # noqa: BLE001 - database away: fetch it; the store pipeline will spool it
            return None
        if known:
            if self.crawler is not None and self.crawler.stats is not None:
                self.crawler.stats.inc_value("incremental/skipped_known")
            raise IgnoreRequest("article already stored")
        return None
