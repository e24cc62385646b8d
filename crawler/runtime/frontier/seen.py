"""The crawl's seen set: the duplicate filter, and the middleware that claims a page's new links in batches."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

from redis import Redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy_redis.dupefilter import RFPDupeFilter

from crawler.runtime.middlewares.batches import filter_requests_in_batches

if TYPE_CHECKING:
    from crawler.runtime.frontier.scheduler import FrontierScheduler

logger = logging.getLogger(__name__)


class SeenFilter(RFPDupeFilter):
    """The duplicate filter of one crawl: a Redis set of Scrapy request fingerprints (raw bytes)."""

    def __init__(self, server: Redis, key: str, fingerprinter: Any, debug: bool = False) -> None:
        super().__init__(server, key, debug=debug)
        self.fingerprinter = fingerprinter

    def request_seen(self, request: Request) -> bool:
        return self.server.sadd(self.key, self.fingerprinter.fingerprint(request)) == 0

    def close(self, reason: str = "") -> None:
        """Keep the set: other workers still use it (the last one deletes it, see :func:`.liveness.leave_crawl`)."""


#: Requests checked against the seen set in one round trip.
SEEN_CHECK_BATCH = 1000
#: Requests of article pages (related links) a worker holds to claim them in one round trip (FrontierSeenMiddleware).
HELD_LINKS_BATCH = 100
#: ... or once the oldest of them has waited this many seconds.
HELD_LINKS_SECONDS = 1.0


def _shared_frontier(scheduler: object) -> FrontierScheduler | None:
    """The engine's scheduler if it is the shared frontier's (:mod:`.scheduler`): the one whose duplicate filter
    is this crawl's seen set (a :class:`SeenFilter`)."""
    return cast("FrontierScheduler", scheduler) if isinstance(getattr(scheduler, "df", None), SeenFilter) else None


def _filtered(request: Request) -> bool:
    """Requests the duplicate filter sees (``dont_filter`` ones skip it)."""
    return not request.dont_filter


class FrontierSeenMiddleware:
    """Claim the new requests of a response's output in the crawl's seen set, drop the rest: one round trip.

    Each worker keeps its own memory of the links it followed, so a worker that did not
    read the sitemaps learns every related link of its pages anew; without this check
    each of them would cost a store lookup (:mod:`crawler.runtime.middlewares.incremental`) and a push that
    the frontier then refuses. The requests found new are this worker's to queue: the
    scheduler sends them to the frontier in one command at its next pop instead of one
    atomic check-and-push each. A claimed request that a later middleware drops (an
    article already stored) simply stays seen for this crawl, as it would have anyway.

    The requests of article pages (their related links, a few a page) are held and claimed
    together, :data:`HELD_LINKS_BATCH` at a time or after :data:`HELD_LINKS_SECONDS`,
    and go on in the output of the page where that happens: a round trip to Redis costs
    a worker ~50 µs of CPU (redis-py) plus the server's, and it was one for nearly every
    page. Only a busy worker holds them (half its downloads or more in flight): one running
    low, at the start of a crawl, claims them at once, for they may be the work it needs.
    When the worker runs out of work, what is held is claimed, checked against the
    store like the rest (:class:`crawler.runtime.middlewares.incremental.KnownArticlesMiddleware`) and
    scheduled, before the worker may count as idle. A worker that stops early (a signal,
    ``--max-articles``) drops what it holds, as it drops the pages it has not read yet.
    """

    def __init__(self, crawler: Crawler, held_batch: int = HELD_LINKS_BATCH) -> None:
        self.crawler = crawler
        self.held_batch = held_batch
        self._held: list[Request] = []
        self._held_since = 0.0  # (monotonic) when the oldest held request came

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierSeenMiddleware:
        if not crawler.settings.get("MEDIAMON_REDIS_URL"):
            raise NotConfigured("no shared frontier (MEDIAMON_REDIS_URL is not set)")
        middleware = cls(crawler, max(1, crawler.settings.getint("MEDIAMON_REDIS_HELD_LINKS", HELD_LINKS_BATCH)))
        # Connected before the scheduler's own idle check (the scheduler is built when the spider opens).
        crawler.signals.connect(middleware.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    async def process_spider_output(
        self, response: Any, result: AsyncIterator[Any], spider: Any = None
    ) -> AsyncIterator[Any]:
        page_request = getattr(response, "request", None)  # (Response.meta raises for a response without one)
        if page_request is not None and page_request.meta.get("article"):
            async for output in result:
                if isinstance(output, Request) and _filtered(output):
                    self._hold(output)
                else:
                    yield output
            if self._held and (
                len(self._held) >= self.held_batch
                or time.monotonic() - self._held_since >= HELD_LINKS_SECONDS
                or self._running_low()
            ):
                for request in self.claim_new(self._take_held()):
                    yield request
            return
        # A sitemap's thousands of URLs: a few round trips, and its requests go on as they come.
        async for output in filter_requests_in_batches(result, _filtered, self.claim_new, SEEN_CHECK_BATCH):
            yield output

    def _hold(self, request: Request) -> None:
        if not self._held:
            self._held_since = time.monotonic()
        self._held.append(request)

    def _running_low(self) -> bool:
        """Whether this worker downloads less than half of what it may (the start of a crawl, its end)."""
        downloader = getattr(self.crawler.engine, "downloader", None)
        if downloader is None:
            return True
        return len(downloader.active) < downloader.total_concurrency // 2

    def _take_held(self) -> list[Request]:
        held, self._held = self._held, []
        return held

    def spider_idle(self, spider: Spider | None = None) -> None:
        """Nothing left to crawl here: claim what is held, drop stored articles, schedule the rest."""
        if not self._held:
            return
        requests = self.claim_new(self._take_held())
        unknown = self._store_filter()
        if unknown is not None:
            requests = unknown(requests)
        engine = self.crawler.engine
        for request in requests:
            engine.crawl(request)
        if requests:
            raise DontCloseSpider

    def spider_closed(self, spider: Spider | None = None, reason: str = "") -> None:
        if self._held:
            logger.info("%d links of article pages not followed: the crawl stopped (%s)", len(self._held), reason)
            self.crawler.stats.inc_value("frontier/held_dropped", len(self._held))
            self._held = []

    def _store_filter(self) -> Callable[[Sequence[Request]], list[Request]] | None:
        """The store check a page's output gets after this middleware; None when known articles are fetched again."""
        from crawler.runtime.middlewares.incremental import KnownArticlesMiddleware

        scraper = getattr(self.crawler.engine, "scraper", None)
        for middleware in getattr(getattr(scraper, "spidermw", None), "middlewares", ()):
            if isinstance(middleware, KnownArticlesMiddleware):
                return middleware.unknown
        return None

    def claim_new(self, requests: Sequence[Request]) -> list[Request]:
        """The requests no worker of the crawl has seen, now claimed by this one (all of them when Redis is away)."""
        engine = self.crawler.engine
        scheduler = _shared_frontier(engine.scheduler if engine is not None else None)
        if not requests or scheduler is None or scheduler.keys is None:
            return list(requests)
        fingerprint = self.crawler.request_fingerprinter.fingerprint
        try:
            new = scheduler.queue.reserve(scheduler.keys.seen, [fingerprint(r) for r in requests])
        except Exception:  # Redis away for a moment: the scheduler's own atomic push still deduplicates
            logger.debug("seen check failed", exc_info=True)
            return list(requests)
        kept = [request for request, is_new in zip(requests, new, strict=True) if is_new]
        scheduler.reserved.update(kept)
        if skipped := len(requests) - len(kept):
            self.crawler.stats.inc_value("frontier/already_seen", skipped)
        return kept
