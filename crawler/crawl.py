"""The crawl as a Python API: sources, a database and options in; a report of the runs out.

    from crawler.crawl import CrawlOptions, run_crawl
    from crawler.sources import load_sources

    sources = load_sources("sources.toml")
    report = run_crawl([sources["azernews"]], "sqlite:///mediamon.db", CrawlOptions(max_articles=20))
    for run in report.runs:
        print(run.source, run.run_id, run.status, run.new)
    raise SystemExit(report.exit_code)

``mediamon crawl`` parses its options into :class:`CrawlOptions`, calls :func:`run_crawl` and
prints the report; the worker processes of ``--workers`` call it too (:mod:`crawler.crawl_workers`).
What a crawl does around the Scrapy runs lives here: the schema check, the Redis check, each
source's lock (a locked source is skipped), closing the runs of processes that died, the
discovery bound of each source (``since``, else a day before its last successful run) and a
log file per run. Scrapy runs in this process and installs a Twisted reactor, which cannot
be started twice: one crawl per process (the workers are processes of their own).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from crawler.database import connect, require_schema
from crawler.exitcodes import ExitCode, ExitError
from crawler.sources import Source

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from crawler.crawl_workers import WorkerOutcome
    from crawler.runtime.runner import RunReport

#: Where the crawl's notes for people go (a source skipped as locked, runs closed as dead, the log folder).
Notify = Callable[[str], None]


def _to_stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True, slots=True)
class CrawlOptions:
    """How to crawl; the defaults are those of a plain ``mediamon crawl``."""

    #: Follow feed and sitemap entries from this date on (backfill); default: a day before the last successful run.
    since: datetime | None = None
    #: Stop each source after this many articles.
    max_articles: int | None = None
    #: Fetch the known articles of the last N days again.
    refresh_days: float | None = None
    #: Fetch every article the store holds again.
    refetch: bool = False
    #: Keep the fetched article pages in the WARC archive.
    archive: bool = True
    #: Each source's time budget in seconds (None: the setting's, 600; 0: none).
    source_timeout: float | None = None
    log_format: str = "plain"
    log_level: str | None = None
    #: Scrapy settings to override (``mediamon crawl -s NAME=VALUE``).
    settings: Mapping[str, Any] = field(default_factory=dict)
    #: Worker processes: with ``redis_url`` they share each source's frontier, without it they split the sources.
    workers: int = 1
    #: A shared crawl frontier on Redis (default: the MEDIAMON_REDIS_URL setting).
    redis_url: str | None = None
    #: The crawl this process works for (given to the workers of one crawl); default: a new id.
    crawl_id: str | None = None

    def overrides(self) -> dict[str, Any]:
        """The Scrapy settings these options stand for."""
        overrides: dict[str, Any] = {"MEDIAMON_REFETCH_KNOWN": self.refetch}
        if not self.archive:
            overrides["MEDIAMON_ARCHIVE"] = False
        if self.refresh_days:
            overrides["MEDIAMON_REFRESH_DAYS"] = self.refresh_days
        if self.max_articles:
            overrides["CLOSESPIDER_ITEMCOUNT"] = self.max_articles
        if self.source_timeout is not None:
            overrides["MEDIAMON_SOURCE_TIMEOUT"] = self.source_timeout
        if self.log_level:
            overrides["LOG_LEVEL"] = self.log_level
        return {**overrides, **self.settings}


@dataclass(frozen=True, slots=True)
class CrawlReport:
    """What a crawl did: one :class:`crawler.runtime.runner.RunReport` per source run, and the exit code cron reads."""

    crawl_id: str
    #: The runs, in the order of the sources (of every worker, in the workers' order).
    runs: tuple[RunReport, ...]
    exit_code: int
    #: Sources skipped because another run holds them.
    locked: tuple[str, ...] = ()
    #: With ``workers > 1``: each worker's pid, exit code and runs.
    workers: tuple[WorkerOutcome, ...] = ()
    #: The folder of the runs' log files (None when no run started here).
    log_dir: Path | None = None

    @property
    def new(self) -> int:
        return sum(r.new for r in self.runs)


def crawl_exit_code(reports: Sequence[Any]) -> ExitCode:
    """The exit code of a crawl's runs: interrupted, spooled (the database went away), errors, else OK."""
    if any(r.interrupted for r in reports):
        return ExitCode.INTERRUPTED
    if any(r.spooled for r in reports):
        return ExitCode.DATABASE_UNAVAILABLE
    if any(r.errors or r.status == "failed" for r in reports):
        return ExitCode.FINISHED_WITH_ERRORS
    return ExitCode.OK


def run_crawl(
    sources: Sequence[Source], database_url: str, options: CrawlOptions | None = None, *, notify: Notify | None = None
) -> CrawlReport:
    """Crawl ``sources`` into the database at ``database_url`` (a URL or a SQLite path); block until every run ends.

    Raises :class:`crawler.exitcodes.ExitError` (with its exit code) when the crawl cannot
    start: the database unreachable or its schema old, Redis unreachable. A source locked by
    another run is skipped (``report.locked``; exit code 5 when every source was). ``notify``
    receives the notes for people (default: standard error).
    """
    from crawler.runtime.frontier.connection import check_redis, masked_redis_url, redis_overrides
    from crawler.runtime.frontier.liveness import new_crawl_id
    from crawler.runtime.runner import crawl_settings

    options = options or CrawlOptions()
    notify = notify or _to_stderr
    url, engine = connect(database_url)
    try:
        require_schema(engine)
        overrides = options.overrides()
        redis_url = options.redis_url or crawl_settings(url, overrides).get("MEDIAMON_REDIS_URL")
        if redis_url:
            if problem := check_redis(redis_url):
                message = f"cannot connect to Redis at {masked_redis_url(redis_url)}: {problem}"
                raise ExitError(message, ExitCode.DATABASE_UNAVAILABLE)
            overrides.update(redis_overrides(redis_url))
        if options.workers > 1:
            engine.dispose()
            from crawler.crawl_workers import crawl_with_workers

            return crawl_with_workers(sources, url, redis_url, options, notify)
        overrides["MEDIAMON_CRAWL_ID"] = options.crawl_id or new_crawl_id()
        return _locked_crawl(sources, url, engine, redis_url, overrides, options, notify)
    finally:
        engine.dispose()


def _locked_crawl(
    sources: Sequence[Source],
    url: str,
    engine: Engine,
    redis_url: str | None,
    overrides: dict[str, Any],
    options: CrawlOptions,
    notify: Notify,
) -> CrawlReport:
    """Take each source's lock, close the runs that died, crawl the free sources."""
    from crawler.runtime.locks import SourceLocked, SourceLocks
    from crawler.runtime.runner import crawl_settings
    from crawler.runtime.workers import SharedSourceLocks

    crawl_id = str(overrides["MEDIAMON_CRAWL_ID"])
    data_dir = Path(crawl_settings(url, overrides).get("MEDIAMON_DATA_DIR", "var"))
    lock_class = SharedSourceLocks if redis_url else SourceLocks
    with lock_class(engine, url, data_dir) as locks:
        free: list[Source] = []
        locked: list[str] = []
        for source in sources:
            try:
                locks.acquire(source.name)
                free.append(source)
            except SourceLocked:
                notify(locked_message(engine, source.name))
                locked.append(source.name)
        if not free:
            return CrawlReport(crawl_id, (), int(ExitCode.LOCKED), tuple(locked))
        alone = locks.alone if isinstance(locks, SharedSourceLocks) else None  # other workers may be live
        close_stale_runs(engine, [s for s in free if alone is None or s.name in alone], notify)
        if isinstance(locks, SharedSourceLocks):
            locks.share()
        spider_args = discovery_bounds(engine, free, options.since)
        runs, log_dir = crawl_sources(
            free, url, overrides, log_format=options.log_format, spider_args=spider_args, notify=notify
        )
    return CrawlReport(crawl_id, tuple(runs), int(crawl_exit_code(runs)), tuple(locked), log_dir=log_dir)


def crawl_sources(
    sources: Sequence[Source],
    url: str,
    overrides: Mapping[str, Any],
    *,
    log_format: str = "plain",
    spider_args: Mapping[str, Mapping[str, Any]] | None = None,
    notify: Notify | None = None,
) -> tuple[list[RunReport], Path]:
    """The Scrapy runs alone (no lock, no housekeeping; the demo's crawl): a log file each; their reports."""
    from crawler.runtime.heap import collector_paused

    with collector_paused():  # Scrapy, Twisted, extraction: the bulk of a crawl's imports
        from crawler.runtime.logs import attach_log_file, new_log_file, prune_logs
        from crawler.runtime.runner import crawl_settings
        from crawler.runtime.runner import run_crawl as run_spiders

    settings = crawl_settings(url, overrides)
    data_dir = settings.get("MEDIAMON_DATA_DIR", "var")
    level = settings.get("LOG_LEVEL", "INFO")
    arguments = {name: dict(args) for name, args in (spider_args or {}).items()}
    handlers = []
    log_dir = Path(data_dir)
    for source in sources:  # each run has its own log file
        log_file = new_log_file(data_dir, source.name)
        log_dir = log_file.parent
        handlers.append(attach_log_file(log_file, fmt=log_format, level=level, source=source.name))
        arguments.setdefault(source.name, {})["log_path"] = str(log_file)
    prune_logs(log_dir, max_age_days=settings.getfloat("MEDIAMON_LOG_RETENTION_DAYS", 30))
    try:
        reports = run_spiders(sources, settings, arguments)
    finally:
        for handler in handlers:
            handler.close()
            logging.getLogger().removeHandler(handler)
    (notify or _to_stderr)(f"Logs: {log_dir}")
    return reports, log_dir


def discovery_bounds(engine: Engine, sources: Sequence[Source], since: datetime | None) -> dict[str, dict[str, Any]]:
    """Per source, the date before which feed and sitemap entries are not followed.

    ``since`` when given; else a day before the last successful run started (the
    margin lets a run pick up entries an earlier run could not fetch).
    """
    from storage.db import make_sessionmaker
    from storage.queries import last_successful_start

    args: dict[str, dict[str, Any]] = {}
    with make_sessionmaker(engine)() as session:
        for source in sources:
            when = since
            if when is None:
                last = cast("datetime | None", session.scalar(last_successful_start(source.name)))
                when = last - timedelta(days=1) if last else None
            if when is not None:
                args[source.name] = {"not_before": when}
    return args


def close_stale_runs(engine: Engine, sources: Sequence[Source], notify: Notify) -> None:
    """Mark failed the ``running`` runs of these sources whose process died."""
    from storage.db import make_sessionmaker
    from storage.ledger import close_stale_runs as close_runs

    with make_sessionmaker(engine).begin() as session:
        for source in sources:
            if closed := close_runs(session, source.name):
                notify(f"{source.name}: {closed} earlier run(s) had died; marked failed")


def locked_message(engine: Engine, source: str) -> str:
    """The line that says which run holds a source's lock."""
    from storage.db import make_sessionmaker
    from storage.queries import latest_running_run

    with make_sessionmaker(engine)() as session:
        run = session.scalars(latest_running_run(source)).first()
    if run is None:
        return f"{source}: locked by another mediamon process; skipped"
    started = run.started_at.strftime("%Y-%m-%d %H:%M:%S UTC")
    return f"{source}: locked by run {run.id} (pid {run.pid} on {run.host}, started {started}); skipped"
