"""Conditional requests for feeds and sitemaps: an unchanged one costs one 304 and is not parsed again.

The validators (ETag, Last-Modified) of each discovery URL are kept in the
database, so every worker and every later run shares them.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from sqlalchemy import Engine

from storage.db import make_engine, make_sessionmaker
from storage.repository import load_validators, save_validators


class ConditionalRequestsMiddleware:
    """Adds If-None-Match / If-Modified-Since to requests marked ``meta["conditional"]``."""

    def __init__(self, crawler: Crawler, database_url: str) -> None:
        self.crawler = crawler
        self._url = database_url
        self._engine: Engine | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestsMiddleware:
        if crawler.settings.getbool("MEDIAMON_REFETCH_KNOWN"):
            raise NotConfigured("a full refetch reads every feed and sitemap again")
        middleware = cls(crawler, crawler.settings["MEDIAMON_DATABASE_URL"])
        crawler.signals.connect(middleware.close, signal=signals.spider_closed)
        return middleware

    def close(self) -> None:
        """Release the engine's pool (spider closed)."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def _sessions(self) -> Any:
        if self._engine is None:
            self._engine = make_engine(self._url)
        return make_sessionmaker(self._engine)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if not request.meta.get("conditional") or b"If-None-Match" in request.headers:
            return None
        try:
            with self._sessions()() as session:
                validators = load_validators(session, request.url)
        except Exception:  # noqa: BLE001 - without the database, fetch unconditionally
            return None
        if validators is not None:
            etag, last_modified = validators
            if etag:
                request.headers[b"If-None-Match"] = etag
            if last_modified:
                request.headers[b"If-Modified-Since"] = last_modified
        return None

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        if not request.meta.get("conditional"):
            return response
        if response.status == 304:
            self.crawler.stats.inc_value("conditional/not_modified")
            raise IgnoreRequest(f"not modified: {request.url}")
        if response.status == 200:
            etag = response.headers.get(b"ETag")
            last_modified = response.headers.get(b"Last-Modified")
            if etag or last_modified:
                try:
                    with self._sessions().begin() as session:
                        save_validators(
                            session,
                            request.url,
                            etag=etag.decode("latin-1") if etag else None,
                            last_modified=last_modified.decode("latin-1") if last_modified else None,
                        )
                except Exception:  # noqa: BLE001 - losing validators only costs a full fetch next time
                    self.crawler.stats.inc_value("conditional/save_failed")
        return response
