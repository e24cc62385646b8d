"""Run Scrapy crawls of configured sources in this process and report what each run did."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.runtime.heap import settled_heap
from crawler.runtime.stopping import abandon_after_grace
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
    #: The run's status and why (:mod:`crawler.runtime.verdict`); "unknown" when the run never closed.
    status: str = "unknown"
    status_reason: str = ""

    @property
    def interrupted(self) -> bool:
        return self.finish_reason in ("shutdown", "interrupted")

    @property
    def known(self) -> int:
        return self.unchanged + self.skipped_known


def crawl_settings(database_url: str, overrides: Mapping[str, Any] | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.runtime.settings", priority="project")
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
        status=str(stats.get("mediamon/status", "unknown")),
        status_reason=str(stats.get("mediamon/status_reason", "")),
    )


class FastStoppingCrawlerProcess(CrawlerProcess):
    """Scrapy's process, whose graceful stop (SIGTERM, SIGINT) takes seconds, not as long as the slowest download.

    Docker gives a container 10 s. ``MEDIAMON_STOP_GRACE_SECONDS`` after the signal, the
    requests still in progress are abandoned (:mod:`crawler.runtime.stopping`), so each spider closes
    as usual: the pipelines store what was extracted and the run is recorded ``interrupted``.
    """

    def _signal_shutdown(self, signum: int, frame: Any) -> None:
        from twisted.internet import reactor

        super()._signal_shutdown(signum, frame)
        for crawler in self.crawlers:
            reactor.callFromThread(abandon_after_grace, crawler)


def run_crawl(
    sources: Sequence[Source], settings: Settings, spider_args: Mapping[str, Mapping[str, Any]] | None = None
) -> list[RunReport]:
    """Crawl every source at once in one reactor; block until all runs end."""
    from crawler.runtime.spiders.news import NewsSpider  # imported late: it pulls in extraction

    spider_args = spider_args or {}
    settings.set("LOG_INSTALL_ROOT_HANDLER", False, priority="cmdline")  # the CLI attaches its own log file
    process = FastStoppingCrawlerProcess(settings)
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
