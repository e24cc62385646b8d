"""Run Scrapy crawls of configured sources in this process and report what each run did."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.heap import settled_heap
from crawler.sources import Source

#: Settings for crawling sample sites on 127.0.0.1: no politeness delays needed.
LOCAL_SITE_SETTINGS: dict[str, Any] = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "RETRY_TIMES": 1,
}


@dataclass(frozen=True, slots=True)
class RunReport:
    """What one source's run did, from its Scrapy stats."""

    source: str
    run_id: int | None
    finish_reason: str
    pages: int
    new: int
    updated: int
    unchanged: int
    skipped_known: int
    skipped_old: int
    dropped: int
    not_articles: int
    errors: int
    spooled: int

    @property
    def interrupted(self) -> bool:
        return self.finish_reason in ("shutdown", "interrupted")


def crawl_settings(database_url: str, overrides: Mapping[str, Any] | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("MEDIAMON_DATABASE_URL", database_url, priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def _report(source: Source, stats: Mapping[str, Any]) -> RunReport:
    def stat(key: str) -> int:
        return int(stats.get(key, 0) or 0)

    return RunReport(
        source=source.name,
        run_id=stats.get("mediamon/run_id"),
        finish_reason=str(stats.get("finish_reason", "unknown")),
        pages=stat("downloader/response_count"),
        new=stat("store/inserted"),
        updated=stat("store/updated"),
        unchanged=stat("store/unchanged"),
        skipped_known=stat("incremental/skipped_known"),
        skipped_old=stat("discovery/skipped_old"),
        dropped=sum(int(v) for k, v in stats.items() if k.startswith("validate/dropped/")),
        not_articles=stat("extract/not_article"),
        errors=stat("events_level/error"),
        spooled=stat("store/spooled"),
    )


def run_crawl(
    sources: Sequence[Source], settings: Settings, spider_args: Mapping[str, Mapping[str, Any]] | None = None
) -> list[RunReport]:
    """Crawl every source at once in one reactor; block until all runs end."""
    from crawler.spiders.news import NewsSpider  # imported late: it pulls in extraction

    spider_args = spider_args or {}
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")  # the CLI attaches its own log file
    process = CrawlerProcess(settings)
    # Scrapy's logging defaults set its loggers to DEBUG: every response and item then makes a log
    # record (with a walk up the stack for its caller) that the log file's handler throws away.
    logging.getLogger("scrapy").setLevel(settings.get("LOG_LEVEL") or "DEBUG")
    crawlers = []
    for source in sources:
        crawler = process.create_crawler(NewsSpider)
        process.crawl(crawler, source=source, **spider_args.get(source.name, {}))
        crawlers.append((source, crawler))
    with settled_heap():
        process.start()
    return [_report(source, crawler.stats.get_stats() if crawler.stats else {}) for source, crawler in crawlers]
