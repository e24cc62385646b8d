"""Scrapy settings for mediamon; the one place that reads the environment for the crawler.

The settings read below with ``os.environ`` (contact URL, log level, sources file, data
directory, store batch size, the page archive, Redis) take the environment variable of the
same name; the others (retry delays, budgets, size limits…) are fixed here and changed per
source in ``sources.toml`` or per run by the command's options.
"""

from __future__ import annotations

import os

from scrapy.settings import default_settings

from storage.db import database_url

BOT_NAME = "mediamon"
SPIDER_MODULES = ["crawler.runtime.spiders"]
NEWSPIDER_MODULE = "crawler.runtime.spiders"

MEDIAMON_CONTACT_URL = os.environ.get("MEDIAMON_CONTACT_URL", "https://github.com/mediamon/mediamon")
USER_AGENT = f"mediamon/0.1 (+{MEDIAMON_CONTACT_URL})"
ROBOTSTXT_OBEY = True

# Politeness for live sites; the demo and tests lift these for 127.0.0.1.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
# Scrapy starts this many tasks for the output of every response; an article page yields one
# item and a few links, so the default 100 only costs task switches (~1 ms a page).
CONCURRENT_ITEMS = 8
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_TIMES = 3
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = os.environ.get("MEDIAMON_LOG_LEVEL", "INFO")

SPIDER_MIDDLEWARES = {
    # Article requests of already stored articles are dropped in batches before they are scheduled (issue 5).
    "crawler.runtime.middlewares.incremental.KnownArticlesMiddleware": 600,
    # Articles extracted from an archived response carry its capture to the store (issue 23).
    "crawler.runtime.middlewares.archive.CaptureSpiderMiddleware": 700,
    # With a shared frontier (Redis), requests another worker already queued are dropped first, in one round trip.
    "crawler.runtime.frontier.seen.FrontierSeenMiddleware": 650,
    # Over-long links are run events (issue 17).
    "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": None,
    "crawler.runtime.middlewares.guards.ReportingUrlLengthMiddleware": 800,
}
DOWNLOADER_MIDDLEWARES = {
    # Hostile sites (issue 17): offsite by host and port, URLs with user info refused, decompression bombs: events.
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "crawler.runtime.middlewares.guards.OffsiteGuardMiddleware": 50,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.runtime.middlewares.guards.ReportingCompressionMiddleware": 590,
    "crawler.sample_sites.server.SampleSiteProxyMiddleware": 40,
    "crawler.runtime.middlewares.conditional.ConditionalRequestsMiddleware": 60,
    # Retries wait (exponential backoff, Retry-After); redirect loops and bad encodings are handled (issue 7).
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.runtime.middlewares.retry.BackoffRetryMiddleware": 550,
    "crawler.runtime.middlewares.encoding.EncodingMiddleware": 570,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.runtime.middlewares.retry.ReportingRedirectMiddleware": 600,
    # Article responses as they came (before decompression) go to the WARC archive (issue 23).
    "crawler.runtime.middlewares.archive.ArchiveMiddleware": 880,
}
# Backoff before retry n: MEDIAMON_RETRY_BASE_DELAY * 2**(n-1) s with jitter, or the server's Retry-After when longer;
# never more than MEDIAMON_RETRY_MAX_DELAY s.
MEDIAMON_RETRY_BASE_DELAY = 0.5
MEDIAMON_RETRY_MAX_DELAY = 30.0
# A name that does not resolve and a refused connection are retried this often (not RETRY_TIMES); the host's
# other requests then fail at once until it answers again (crawler/runtime/middlewares/retry.py).
MEDIAMON_RETRY_TIMES_FAST_FAIL = 1
# "Gave up retrying" is not the error line: the request's failure is logged once, as the run's event.
RETRY_GIVE_UP_LOG_LEVEL = "INFO"
# Each source's time budget in seconds (`mediamon crawl --source-timeout`; 0: none): one dead or slow site does
# not hold the cron slot. A run that reaches it is `stopped` (`failed` when it fetched no page) within
# MEDIAMON_STOP_GRACE_SECONDS (crawler/runtime/stopping.py).
MEDIAMON_SOURCE_TIMEOUT = 600
# Seconds after SIGTERM/SIGINT before the downloads still in progress are abandoned and the runs close.
MEDIAMON_STOP_GRACE_SECONDS = 3.0
# Scrapy re-reads and parses a callback's source on every response to warn about `return value` in
# generators (its cache is keyed by short-lived bound methods); our callbacks are tested instead.
WARN_ON_GENERATOR_RETURN_VALUE = False
# No control ports: an unattended crawl needs neither Scrapy's telnet console nor its remote-control HTTP
# server (which runs Python sent to it, leaves a token file in the user's state directory, and costs ~0.2 s
# of start-up importing aiohttp). Ops read the run's log file and crawl_runs row instead. Both extensions
# are also left out of Scrapy's base list: Scrapy imports every extension named there or in EXTENSIONS
# (even one set to None), and the remote control's module, switched off, took 0.1 s of each worker's start.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
EXTENSIONS_BASE = {
    name: order
    for name, order in default_settings.EXTENSIONS_BASE.items()
    if name not in ("scrapy.extensions.telnet.TelnetConsole", "scrapy.extensions.remote_control.RemoteControl")
}
ITEM_PIPELINES = {
    "crawler.runtime.pipelines.ValidatePipeline": 100,
    "crawler.runtime.pipelines.StorePipeline": 300,
}
EXTENSIONS = {
    "crawler.runtime.extensions.CrawlRunRecorder": 100,
    "crawler.runtime.stopping.SourceTimeBudget": 110,
}

MEDIAMON_DATABASE_URL = database_url()
MEDIAMON_SOURCES_FILE = os.environ.get("MEDIAMON_SOURCES_FILE")
MEDIAMON_DATA_DIR = os.environ.get("MEDIAMON_DATA_DIR", "var")
MEDIAMON_STORE_BATCH_SIZE = int(os.environ.get("MEDIAMON_STORE_BATCH_SIZE", "50"))
MEDIAMON_STORE_FLUSH_SECONDS = 2.0
MEDIAMON_MIN_BODY_CHARS = 80
# The WARC archive of article responses (`mediamon crawl --no-archive` turns it off): its folder (default
# <data dir>/archive), the size at which a new file starts, and the age in days of files deleted (0: never).
MEDIAMON_ARCHIVE = os.environ.get("MEDIAMON_ARCHIVE", "1").lower() not in ("0", "false", "no", "off")
MEDIAMON_ARCHIVE_DIR = os.environ.get("MEDIAMON_ARCHIVE_DIR") or None
MEDIAMON_ARCHIVE_MAX_BYTES = 100 * 1024 * 1024
MEDIAMON_ARCHIVE_RETENTION_DAYS = float(os.environ.get("MEDIAMON_ARCHIVE_RETENTION_DAYS", "0"))
# How many levels of listing pages to follow from a source's start pages.
MEDIAMON_LISTING_DEPTH = 1
# Re-fetch articles the store already holds (off: incremental runs).
MEDIAMON_REFETCH_KNOWN = False
# Fetch known articles published within this many days again, to catch edits (0: never).
MEDIAMON_REFRESH_DAYS = 0
MEDIAMON_LOG_FORMAT = "plain"
MEDIAMON_LOG_RETENTION_DAYS = 30
# A log file for runs started without the CLI (which gives each run a file of its own).
MEDIAMON_LOG_FILE = None
# Host -> local proxy URL, set by `mediamon demo` to route requests to the bundled sample sites.
MEDIAMON_SAMPLE_SITE_PROXIES: dict[str, str] = {}

# Distributed crawling (crawler/runtime/frontier/): a shared frontier on Redis when set (`mediamon crawl --redis URL`).
MEDIAMON_REDIS_URL = os.environ.get("MEDIAMON_REDIS_URL") or None
# Prefix of every Redis key mediamon writes (several deployments or tests can share one server).
MEDIAMON_REDIS_PREFIX = os.environ.get("MEDIAMON_REDIS_PREFIX", "mediamon:")
# Seconds a crawl's keys live after the last worker touched them (a crashed crawl's frontier goes away).
MEDIAMON_REDIS_KEY_TTL = 2 * 86400
# A worker stops when the whole crawl has had no work for this long (scrapy-redis MAX_IDLE_TIME_BEFORE_CLOSE).
MEDIAMON_REDIS_IDLE_SECONDS = 30
# Requests a worker takes from the frontier in one round trip (it returns those it did not crawl when it stops).
MEDIAMON_REDIS_POP_BATCH = 4
# Related links of article pages a busy worker holds to claim them in the seen set in one round trip.
MEDIAMON_REDIS_HELD_LINKS = 100
# Seconds a worker that took a discovery request (sitemap, feed) leaves the next ones to the crawl's other workers.
MEDIAMON_REDIS_DISCOVERY_HOLDOFF = 0.5
# A worker without a heartbeat for this long is dead; a crawl without live workers is over.
MEDIAMON_REDIS_WORKER_STALE_SECONDS = 30
# Which of `mediamon crawl --workers N`'s processes this is ("2/4"; recorded in the run's stats).
MEDIAMON_WORKER_ID = None

# Hostile sites (issue 17): bounds on discovery. A sitemap index chain stops at this depth (robots.txt's and the
# configured sitemaps are depth 0), and a run (a worker) requests at most this many sitemaps; feeds and sitemaps
# are read up to this many bytes and entries (the sitemap protocol's own limit is 50,000 URLs), off the reactor.
# Each bound reached is a discovery_limit event.
MEDIAMON_SITEMAP_MAX_DEPTH = 3
MEDIAMON_SITEMAP_MAX_URLS = 1000
MEDIAMON_DISCOVERY_MAX_BYTES = 10 * 1024 * 1024
MEDIAMON_DISCOVERY_MAX_ITEMS = 50_000
