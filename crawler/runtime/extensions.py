"""CrawlRunRecorder: one ``crawl_runs`` row per run, with its stats and its events."""

from __future__ import annotations

import logging
import os
import socket
from datetime import date, datetime
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from sqlalchemy import Engine, update
from sqlalchemy.exc import SQLAlchemyError
from twisted.internet import task

from crawler.runtime.events import event_recorded, record_event
from crawler.runtime.verdict import run_verdict
from storage.db import make_engine, make_sessionmaker
from storage.ledger import Event, add_events, finish_run, start_run
from storage.models import CrawlRun

#: Every event of a run is also a line of its log, from this logger.
event_logger = logging.getLogger("mediamon.events")
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING, "error": logging.ERROR}


def _json_ready(stats: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime | date) else v for k, v in stats.items()}


def _prefixed_total(stats: dict[str, Any], prefix: str) -> int:
    return sum(int(v) for k, v in stats.items() if k.startswith(prefix))


class CrawlRunRecorder:
    """Writes the run row when the spider opens, its events as they come, its stats when it closes."""

    def __init__(self, crawler: Crawler, database_url: str, log_path: str | None) -> None:
        self.crawler = crawler
        self.database_url = database_url
        self.log_path = log_path
        self.run_id: int | None = None
        self._pending: list[Event] = []
        self._engine: Engine | None = None
        self._timer: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlRunRecorder:
        recorder = cls(crawler, crawler.settings["MEDIAMON_DATABASE_URL"], crawler.settings.get("MEDIAMON_LOG_FILE"))
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(recorder.on_event, signal=event_recorded)
        crawler.signals.connect(recorder.on_spider_error, signal=signals.spider_error)
        crawler.signals.connect(recorder.on_response, signal=signals.response_received)
        crawler.signals.connect(recorder.on_scheduled, signal=signals.request_scheduled)
        return recorder

    def _count(self, key: str) -> None:
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(key)

    def on_response(self, response: Response, request: Request, spider: Spider) -> None:
        """Count the pages that answered (robots.txt aside): a run that fetched none has failed."""
        if response.status >= 400 or request.url.endswith("/robots.txt"):
            return
        self._count("mediamon/pages_ok")
        if request.meta.get("article"):
            self._count("mediamon/articles_ok")

    def on_scheduled(self, request: Request, spider: Spider) -> None:
        if request.meta.get("article") and not request.meta.get("retry_times"):
            self._count("mediamon/article_requests")

    def spider_opened(self, spider: Spider) -> None:
        self._engine = make_engine(self.database_url)
        source = getattr(spider, "source", None)
        try:
            with make_sessionmaker(self._engine).begin() as session:
                self.run_id = start_run(
                    session,
                    source=source.name if source else spider.name,
                    host=socket.gethostname(),
                    pid=os.getpid(),
                    log_path=getattr(spider, "log_path", None) or self.log_path,
                )
                crawl_id = self._crawl_id()
                if crawl_id:
                    session.execute(update(CrawlRun).where(CrawlRun.id == self.run_id).values(crawl_id=crawl_id))
        except SQLAlchemyError as exc:
            spider.logger.error("cannot record the run in the database: %s", type(exc).__name__)
        if self.run_id is not None and self.crawler.stats is not None:
            self.crawler.stats.set_value("mediamon/run_id", self.run_id)
        self._timer = task.LoopingCall(self.flush_events)
        self._timer.start(5.0, now=False)

    def _crawl_id(self) -> str | None:
        """The crawl this run belongs to: the Redis frontier's (it may join a crawl another machine started), else
        the one the command chose (``MEDIAMON_CRAWL_ID``, shared by the worker processes of one ``mediamon crawl``)."""
        stats = self.crawler.stats
        joined = stats.get_value("mediamon/crawl_id") if stats is not None else None
        crawl_id = joined or self.crawler.settings.get("MEDIAMON_CRAWL_ID")
        if crawl_id and stats is not None:
            stats.set_value("mediamon/crawl_id", crawl_id)
            stats.set_value("mediamon/worker", self.crawler.settings.get("MEDIAMON_WORKER_ID") or f"pid {os.getpid()}")
        return crawl_id

    def on_event(self, kind: str, message: str, level: str, url: str | None) -> None:
        self._pending.append(Event(kind=kind, message=message, level=level, url=url))
        extra = {"spider": self.crawler.spider, "event_kind": kind, "url": url}
        where = f" {url}" if url else ""
        event_logger.log(_LEVELS.get(level, logging.WARNING), "%s%s: %s", kind, where, message, extra=extra)

    def on_spider_error(self, failure: Any, response: Any, spider: Spider) -> None:
        message = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        record_event(self.crawler, "parse_error", message, level="error", url=response.url)

    def flush_events(self) -> None:
        if not self._pending or self.run_id is None or self._engine is None:
            return
        events, self._pending = self._pending, []
        try:
            with make_sessionmaker(self._engine).begin() as session:
                add_events(session, self.run_id, events)
        except SQLAlchemyError:
            self._pending[:0] = events  # keep them for the next attempt

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self._timer is not None and self._timer.running:
            self._timer.stop()
        self.flush_events()
        budget = self.crawler.settings.getfloat("MEDIAMON_SOURCE_TIMEOUT")
        verdict = run_verdict(
            reason,
            self.crawler.stats.get_stats() if self.crawler.stats else {},
            time_budget=budget,
            shared_frontier=bool(self.crawler.settings.get("MEDIAMON_REDIS_URL")),
        )
        if self.crawler.stats is not None:
            self.crawler.stats.set_value("mediamon/status", verdict.status)
            self.crawler.stats.set_value("mediamon/status_reason", verdict.reason)
        stats = self.crawler.stats.get_stats() if self.crawler.stats is not None else {}
        level = {"failed": logging.ERROR, "interrupted": logging.WARNING}.get(verdict.status, logging.INFO)
        spider.logger.log(level, "run %s %s: %s", self.run_id, verdict.status, verdict.reason)
        if self.run_id is None or self._engine is None:
            return
        counts = {
            "pages_fetched": int(stats.get("downloader/response_count", 0)),
            "articles_new": int(stats.get("store/inserted", 0)),
            "articles_updated": int(stats.get("store/updated", 0)),
            "articles_unchanged": int(stats.get("store/unchanged", 0)),
            "articles_known": int(stats.get("store/unchanged", 0)) + int(stats.get("incremental/skipped_known", 0)),
            "articles_dropped": _prefixed_total(stats, "validate/dropped/"),
            "errors": int(stats.get("events_level/error", 0)),
        }
        try:
            with make_sessionmaker(self._engine).begin() as session:
                finish_run(
                    session,
                    self.run_id,
                    status=verdict.status,
                    finish_reason=verdict.reason[:200],
                    counts=counts,
                    stats=_json_ready(stats),
                )
        except SQLAlchemyError as exc:
            spider.logger.error("cannot close the run in the database: %s", type(exc).__name__)
        finally:
            self._engine.dispose()
