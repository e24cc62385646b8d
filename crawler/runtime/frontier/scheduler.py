"""The Scrapy scheduler of a worker: a per-crawl frontier shared by the workers of a source."""

from __future__ import annotations

import logging
import time
from collections import deque
from weakref import WeakSet

from redis import Redis
from redis.exceptions import RedisError
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy_redis.connection import get_redis
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from crawler.runtime.frontier.liveness import CrawlKeys, join_crawl, leave_crawl, new_crawl_id, worker_name
from crawler.runtime.frontier.queue import FrontierQueue
from crawler.runtime.frontier.seen import SeenFilter

logger = logging.getLogger(__name__)


#: New requests a worker sends to the frontier in one command at most (it sends them at its next pop anyway).
PUSH_BATCH = 500

#: Seconds a worker that took a discovery request leaves the next ones to the others (while it has company).
DEFAULT_DISCOVERY_HOLDOFF = 0.5
#: Seconds between an idle worker's looks at the frontier (the engine itself looks every 5 s).
IDLE_POLL_SECONDS = 0.1

#: Requests a worker takes from the frontier in one round trip (``MEDIAMON_REDIS_POP_BATCH``): a few,
#: so that a worker holds little that the others could crawl, and returns it when it stops early.
DEFAULT_POP_BATCH = 4


class FrontierScheduler(Scheduler):
    """scrapy-redis's scheduler with a per-crawl frontier shared by the workers of a source.

    Settings: ``MEDIAMON_REDIS_URL``, ``MEDIAMON_REDIS_PREFIX``, ``MEDIAMON_REDIS_KEY_TTL``,
    ``MEDIAMON_REDIS_WORKER_STALE_SECONDS``, ``MAX_IDLE_TIME_BEFORE_CLOSE``,
    ``MEDIAMON_REDIS_POP_BATCH`` (requests taken per round trip),
    ``MEDIAMON_REDIS_DISCOVERY_HOLDOFF`` (seconds a worker leaves the next sitemap to others) and
    ``MEDIAMON_CRAWL_ID`` (the crawl to start when the source has no live one).
    """

    def __init__(
        self,
        crawler: Crawler,
        server: Redis,
        *,
        prefix: str,
        ttl: int,
        stale: float,
        idle: float,
        pop_batch: int = 1,
        discovery_holdoff: float = 0.0,
    ) -> None:
        super().__init__(server, persist=True, idle_before_close=0)
        self.crawler = crawler
        self.stats = crawler.stats
        self.prefix = prefix
        self.ttl = ttl
        self.stale = stale
        self.idle = idle
        self.member = worker_name()
        self.keys: CrawlKeys | None = None
        self._loop: task.LoopingCall | None = None
        self._last_active_write = 0.0
        self._said_idle = False  # whether this worker last told the crawl it has nothing to do
        self.discovery_holdoff = discovery_holdoff
        self._discovery_until = 0.0  # (monotonic) until then, leave discovery requests to the other workers
        self._company: tuple[float, bool] = (0.0, False)  # (when asked, whether other workers were live)
        self._poll: task.LoopingCall | None = None
        self._pop_failed_at = -1.0  # (monotonic) when a pop last failed: Redis away
        self.pop_batch = pop_batch
        self._popped: deque[Request] = deque()  # taken from the frontier, not yet handed to the engine
        self.reserved: WeakSet[Request] = WeakSet()  # new to the crawl (FrontierSeenMiddleware), not yet queued
        self._pushes: dict[bytes, float] = {}  # reserved requests encoded, waiting to be sent in one ZADD

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierScheduler:
        settings = crawler.settings
        url = settings.get("MEDIAMON_REDIS_URL")
        if not url:
            raise NotConfigured("MEDIAMON_REDIS_URL is not set")
        server = get_redis(url=url, socket_timeout=30, socket_connect_timeout=10, retry_on_timeout=True)
        server.ping()
        scheduler = cls(
            crawler,
            server,
            prefix=settings.get("MEDIAMON_REDIS_PREFIX", "mediamon:"),
            ttl=settings.getint("MEDIAMON_REDIS_KEY_TTL", 86400),
            stale=settings.getfloat("MEDIAMON_REDIS_WORKER_STALE_SECONDS", 30),
            idle=settings.getfloat("MAX_IDLE_TIME_BEFORE_CLOSE", settings.getfloat("MEDIAMON_REDIS_IDLE_SECONDS", 30)),
            pop_batch=max(1, settings.getint("MEDIAMON_REDIS_POP_BATCH", DEFAULT_POP_BATCH)),
            discovery_holdoff=settings.getfloat("MEDIAMON_REDIS_DISCOVERY_HOLDOFF", DEFAULT_DISCOVERY_HOLDOFF),
        )
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    # -- lifecycle -------------------------------------------------------------------------

    def open(self, spider: Spider) -> None:
        self.spider = spider
        source = getattr(spider, "source", None)
        proposed = self.crawler.settings.get("MEDIAMON_CRAWL_ID") or new_crawl_id()
        self.keys = join_crawl(
            self.server,
            self.prefix,
            source.name if source is not None else spider.name,
            proposed,
            self.member,
            stale_seconds=self.stale,
            ttl=self.ttl,
        )
        self.queue = FrontierQueue(server=self.server, spider=spider, key=self.keys.requests)
        self.df = SeenFilter(
            self.server,
            self.keys.seen,
            self.crawler.request_fingerprinter,
            self.crawler.settings.getbool("DUPEFILTER_DEBUG"),
        )
        self.stats.set_value("mediamon/crawl_id", self.keys.crawl_id)
        self.stats.set_value("mediamon/worker", self.member)
        if pending := len(self.queue):
            logger.info("Joined crawl %s with %d requests in its frontier", self.keys.crawl_id, pending)
        else:
            logger.info("Crawl %s: frontier on Redis (%s)", self.keys.crawl_id, self.keys.requests)
        self._loop = task.LoopingCall(self._heartbeat)
        self._loop.start(1.0, now=False)
        self._poll = task.LoopingCall(self._poll_when_idle)
        self._poll.start(IDLE_POLL_SECONDS, now=False)

    def has_pending_requests(self) -> bool:
        return bool(self._popped or self._pushes) or len(self.queue) > 0

    def close(self, reason: str) -> None:
        for loop in (self._loop, self._poll):
            if loop is not None and loop.running:
                loop.stop()
        if not self.flush_pushes():
            logger.error("%d new requests could not be queued on Redis: the next crawl finds them", len(self._pushes))
        if self._popped:  # stopped early (a signal, --max-articles): the other workers crawl them
            try:
                self.queue.push_back(list(self._popped))
                logger.info("Returned %d requests to the frontier", len(self._popped))
                self._popped.clear()
            except Exception:  # Redis away: the next crawl finds these articles again
                logger.warning("could not return %d requests to the frontier", len(self._popped), exc_info=True)
        if self.keys is not None and leave_crawl(self.server, self.keys, self.member, stale_seconds=self.stale):
            logger.info("Crawl %s: last worker out, frontier deleted", self.keys.crawl_id)

    # -- the frontier ----------------------------------------------------------------------

    def enqueue_request(self, request: Request) -> bool:
        assert self.keys is not None
        if request in self.reserved:  # already in the seen set as this worker's: queued with the next batch
            self.reserved.discard(request)
            data, score = self.queue.entry(request)
            self._pushes[data] = score
            if len(self._pushes) >= PUSH_BATCH:
                self.flush_pushes()
        elif request.dont_filter:
            self.queue.push(request)
        elif not self.queue.push_if_new(self.keys.seen, self.df.fingerprinter.fingerprint(request), request):
            self.df.log(request, self.spider)
            self.stats.inc_value("dupefilter/filtered")
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        self._mark_active()
        return True

    def flush_pushes(self) -> bool:
        """Send the waiting reserved requests to the frontier; False (they wait for the next try) if Redis is away."""
        if not self._pushes:
            return True
        try:
            self.queue.push_many(self._pushes)
        except Exception:  # Redis away for a moment: the heartbeat and the next pop try again
            logger.warning("could not queue %d requests on Redis yet", len(self._pushes), exc_info=True)
            return False
        self._pushes = {}
        return True

    def next_request(self) -> Request | None:
        self.flush_pushes()
        if not self._popped:
            now = time.monotonic()
            discovery = now >= self._discovery_until or not self._has_company(now)
            try:
                self._popped.extend(self.queue.pop_many(self.pop_batch, discovery=discovery))
            except RedisError:
                self._pop_failed_at = time.monotonic()  # the idle poll waits a second before it asks again
                raise
            if self._popped and self._popped[0].priority > 0:
                self._discovery_until = now + self.discovery_holdoff
        request = self._popped.popleft() if self._popped else None
        if request is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
            if self._said_idle and self.keys is not None:
                self.server.hset(self.keys.idle, self.member, 0)
                self._said_idle = False
        return request

    def _has_company(self, now: float) -> bool:
        """Whether other workers are live in this crawl (asked at most every 0.25 s)."""
        asked, answer = self._company
        if now - asked >= 0.25 and self.keys is not None:
            try:
                answer = self.server.zcount(self.keys.workers, time.time() - self.stale, "+inf") > 1
            except RedisError:  # Redis away: the pop that follows fails and says so
                answer = False
            self._company = (now, answer)
        return answer

    # -- staying open while the crawl has work ------------------------------------------------

    def spider_idle(self, spider: Spider) -> None:
        """Keep this worker open until the whole crawl has been idle for the idle time."""
        if self.keys is None:
            return
        self.flush_pushes()
        if self._popped or self._pushes or len(self.queue):
            raise DontCloseSpider
        if not self._said_idle:
            self.server.hset(self.keys.idle, self.member, 1)
            self._said_idle = True
        if self._crawl_is_over():
            logger.info("Crawl %s: every worker is idle and the frontier is empty", self.keys.crawl_id)
            return
        last = float(self.server.get(self.keys.active) or 0)
        if time.time() - last < self.idle:
            raise DontCloseSpider

    def _crawl_is_over(self) -> bool:
        """True when every live worker has said it is idle and the frontier is still empty."""
        assert self.keys is not None
        live = self.server.zrangebyscore(self.keys.workers, time.time() - self.stale, "+inf")
        if not live:
            return False
        flags = self.server.hmget(self.keys.idle, live)
        return all(flag == b"1" for flag in flags) and not len(self.queue)

    def _mark_active(self, force: bool = False) -> None:
        now = time.time()
        if self.keys is not None and (force or now - self._last_active_write >= 0.5):
            self._last_active_write = now
            self.server.set(self.keys.active, now, ex=self.ttl)

    def _heartbeat(self) -> None:
        """Every second: announce this worker, refresh the keys' TTL, note work in hand."""
        if self.keys is None:
            return
        try:
            self.flush_pushes()
            engine = self.crawler.engine
            busy = engine is not None and getattr(engine, "_slot", None) is not None and not engine.spider_is_idle()
            with self.server.pipeline(transaction=False) as pipe:
                pipe.zadd(self.keys.workers, {self.member: time.time()})
                for key in self.keys.all():
                    pipe.expire(key, self.ttl)
                if busy:
                    pipe.set(self.keys.active, time.time(), ex=self.ttl)
                pipe.execute()
        except Exception:  # Redis away for a moment: the next beat tries again
            logger.warning("Redis heartbeat failed", exc_info=True)

    def _poll_when_idle(self) -> None:
        """Let an idle worker's engine look at the shared frontier now, not at its 5 s heartbeat."""
        engine = self.crawler.engine
        slot = getattr(engine, "_slot", None)
        if slot is None or self._popped or not engine.scraper.slot or not engine.scraper.slot.is_idle():
            return
        if time.monotonic() - self._pop_failed_at < 1.0:  # Redis away: no ten failing pops a second
            return
        if not engine.downloader.active:
            slot.nextcall.schedule()
