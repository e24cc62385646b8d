"""A shared crawl frontier on Redis: several worker processes, on one or many machines, crawl a source together.

Built on scrapy-redis 0.9.1 (its scheduler, priority queue, duplicate filter and Redis
connection helpers), with these fixes for Scrapy 2.19 and for cooperating workers:

* ``Scheduler.from_settings`` builds Scrapy's own dupefilter through ``from_settings``,
  which Scrapy 2.19 no longer has (``from_crawler`` only): :class:`FrontierScheduler`
  builds everything in ``from_crawler``.
* scrapy-redis passes ``spider=`` to ``StatsCollector.inc_value``, deprecated in Scrapy
  2.19 (a warning per request): the scheduler counts without it.
* ``Scheduler.close`` deletes the queue and the duplicate filter when the first worker
  ends (unless ``SCHEDULER_PERSIST``), pulling the frontier from under the others; with
  ``SCHEDULER_PERSIST`` nothing is ever deleted. Here the *last* worker to leave a crawl
  deletes its keys.
* scrapy-redis's idle handling (``MAX_IDLE_TIME_BEFORE_CLOSE``) lives in ``RedisSpider``,
  which reads start URLs from a Redis list; the news spider discovers its own. Here the
  scheduler keeps a worker open while the frontier is not empty or another worker is
  busy (it may add requests). A worker with nothing to do says so in the crawl's ``idle``
  hash; once every live worker is idle and the frontier is empty the crawl is over and each
  closes at once. Otherwise (a worker died busy, a clock is off) a worker closes once the
  whole crawl has been idle for ``MAX_IDLE_TIME_BEFORE_CLOSE`` seconds
  (``MEDIAMON_REDIS_IDLE_SECONDS``).
* The engine polls an empty scheduler only on its 5-second heartbeat; an idle worker
  would pick up another worker's new requests late. A loop wakes it every 0.1 s.
* The dupefilter fingerprints with Scrapy's request fingerprinter (the
  ``REQUEST_FINGERPRINTER_CLASS`` setting), not its own SHA-1 of a JSON dump.

Keys (``P`` is ``MEDIAMON_REDIS_PREFIX``, one source, one crawl)::

    P<source>:current              the id of the source's live crawl (workers join it)
    P<source>:<crawl>:requests     the frontier (sorted set by priority, requests as JSON)
    P<source>:<crawl>:seen         request fingerprints of this crawl (the duplicate filter)
    P<source>:<crawl>:workers      worker -> time of its last heartbeat
    P<source>:<crawl>:active       when some worker last had work in hand
    P<source>:<crawl>:idle         worker -> 1 while it has nothing to do, 0 once it has again

Bounded over months of cron runs: the duplicate filter only holds one crawl of one
source (articles stored by earlier crawls are skipped by the database, see
:mod:`crawler.runtime.middlewares.incremental`, which is the memory across runs); every key carries a TTL
(``MEDIAMON_REDIS_KEY_TTL``, refreshed by each live worker every second), the last worker
of a crawl deletes them, and a worker joining a dead crawl (no heartbeat for
``MEDIAMON_REDIS_WORKER_STALE_SECONDS``) deletes its keys and starts a new one. A fresh
duplicate filter per crawl is also what lets each crawl fetch the sitemaps and feeds again.

Requests are JSON (:mod:`crawler.runtime.frontier.codec`), not pickles (scrapy-redis's default): an
entry written by someone else is dropped with an event, never run. Redis URLs may be
``rediss://`` (TLS) and carry a password; it is masked (:func:`masked_redis_url`) wherever a URL is shown.
Use one Redis server (not a cluster: the Lua scripts touch keys they do not declare).
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections import deque
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from typing import Any
from weakref import WeakSet

from redis import Redis
from redis.exceptions import RedisError
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.http.request import _find_method
from scrapy_redis.connection import get_redis
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from crawler.runtime.events import record_event
from crawler.runtime.frontier import codec
from crawler.runtime.middlewares.batches import filter_requests_in_batches

logger = logging.getLogger(__name__)

#: Join the source's live crawl, or start the proposed one (atomically, so that
#: workers starting together end up in one crawl).
_JOIN = """
local pointer, base, proposed, member = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
local now, stale, ttl = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local current = redis.call('GET', pointer)
if current then
  local workers = base .. current .. ':workers'
  if redis.call('ZCOUNT', workers, now - stale, '+inf') > 0 then
    redis.call('ZADD', workers, now, member)
    redis.call('EXPIRE', workers, ttl)
    redis.call('EXPIRE', pointer, ttl)
    return current
  end
  if current ~= proposed then
    local b = base .. current
    redis.call('DEL', b .. ':workers', b .. ':requests', b .. ':seen', b .. ':active', b .. ':idle')
  end
end
redis.call('SET', pointer, proposed, 'EX', ttl)
redis.call('ZADD', base .. proposed .. ':workers', now, member)
redis.call('EXPIRE', base .. proposed .. ':workers', ttl)
redis.call('SET', base .. proposed .. ':active', now, 'EX', ttl)
return proposed
"""

#: Leave a crawl; the last live worker deletes its keys. Returns 1 when it was the last.
_LEAVE = """
local pointer, b, crawl, member = KEYS[1], ARGV[1], ARGV[2], ARGV[3]
local now, stale = tonumber(ARGV[4]), tonumber(ARGV[5])
redis.call('ZREM', b .. ':workers', member)
redis.call('HDEL', b .. ':idle', member)
if redis.call('ZCOUNT', b .. ':workers', now - stale, '+inf') > 0 then
  return 0
end
redis.call('DEL', b .. ':workers', b .. ':requests', b .. ':seen', b .. ':active', b .. ':idle')
if redis.call('GET', pointer) == crawl then
  redis.call('DEL', pointer)
end
return 1
"""


def new_crawl_id() -> str:
    """A crawl id: sortable by start time, unique across machines."""
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + uuid.uuid4().hex[:8]


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass(frozen=True, slots=True)
class CrawlKeys:
    """The Redis keys of one crawl of one source."""

    prefix: str
    source: str
    crawl_id: str

    @property
    def source_base(self) -> str:
        return f"{self.prefix}{self.source}:"

    @property
    def pointer(self) -> str:
        return f"{self.source_base}current"

    @property
    def base(self) -> str:
        return f"{self.source_base}{self.crawl_id}"

    @property
    def requests(self) -> str:
        return f"{self.base}:requests"

    @property
    def seen(self) -> str:
        return f"{self.base}:seen"

    @property
    def workers(self) -> str:
        return f"{self.base}:workers"

    @property
    def active(self) -> str:
        return f"{self.base}:active"

    @property
    def idle(self) -> str:
        return f"{self.base}:idle"

    def all(self) -> tuple[str, ...]:
        return (self.pointer, self.requests, self.seen, self.workers, self.active, self.idle)


def join_crawl(
    server: Redis, prefix: str, source: str, proposed: str, member: str, *, stale_seconds: float, ttl: int
) -> CrawlKeys:
    """Register ``member`` in the source's live crawl (or start ``proposed``); return its keys."""
    base = CrawlKeys(prefix, source, "").source_base
    crawl_id = server.eval(_JOIN, 1, f"{base}current", base, proposed, member, time.time(), stale_seconds, ttl)
    return CrawlKeys(prefix, source, crawl_id.decode() if isinstance(crawl_id, bytes) else str(crawl_id))


def leave_crawl(server: Redis, keys: CrawlKeys, member: str, *, stale_seconds: float) -> bool:
    """Unregister ``member``; True when it was the crawl's last worker (its keys are gone)."""
    return bool(server.eval(_LEAVE, 1, keys.pointer, keys.base, keys.crawl_id, member, time.time(), stale_seconds))


class SeenFilter(RFPDupeFilter):
    """The duplicate filter of one crawl: a Redis set of Scrapy request fingerprints (raw bytes)."""

    def __init__(self, server: Redis, key: str, fingerprinter: Any, debug: bool = False) -> None:
        super().__init__(server, key, debug=debug)
        self.fingerprinter = fingerprinter

    def request_seen(self, request: Request) -> bool:
        return self.server.sadd(self.key, self.fingerprinter.fingerprint(request)) == 0

    def close(self, reason: str = "") -> None:
        """Keep the set: other workers still use it (the last one deletes it, see :func:`leave_crawl`)."""


#: Add a request to the frontier unless the duplicate filter has seen it: one round trip, not two.
_PUSH_IF_NEW = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then
  return 0
end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""


#: Add every fingerprint to the crawl's seen set; 1 for each one that was new (now this worker's to queue).
_RESERVE = """
local new = {}
for i = 1, #ARGV do
  new[i] = redis.call('SADD', KEYS[1], ARGV[i])
end
return new
"""

#: Pop up to ARGV[1] requests, highest priority first, but a discovery request (priority > 0, so its
#: score is below 0: robots.txt, sitemaps, feeds) alone; with ARGV[2] = "0" none at all, only
#: articles (a worker that just took one leaves the next to the others, see FrontierScheduler).
_POP = """
local key, count = KEYS[1], tonumber(ARGV[1])
if ARGV[2] == '1' then
  local first = redis.call('ZPOPMIN', key, 1)
  if #first == 0 or tonumber(first[2]) < 0 or count < 2 then
    return first
  end
  local more = redis.call('ZPOPMIN', key, count - 1)
  for i = 1, #more do
    first[#first + 1] = more[i]
  end
  return first
end
local items = redis.call('ZRANGEBYSCORE', key, 0, '+inf', 'WITHSCORES', 'LIMIT', 0, count)
for i = 1, #items, 2 do
  redis.call('ZREM', key, items[i])
end
return items
"""

#: Entries of the frontier that do not decode which a worker records as events (the rest are counted).
BAD_ENTRY_EVENTS = 20

#: New requests a worker sends to the frontier in one command at most (it sends them at its next pop anyway).
PUSH_BATCH = 500

#: Seconds a worker that took a discovery request leaves the next ones to the others (while it has company).
DEFAULT_DISCOVERY_HOLDOFF = 0.5
#: Seconds between an idle worker's looks at the frontier (the engine itself looks every 5 s).
IDLE_POLL_SECONDS = 0.1

#: Requests a worker takes from the frontier in one round trip (``MEDIAMON_REDIS_POP_BATCH``): a few,
#: so that a worker holds little that the others could crawl, and returns it when it stops early.
DEFAULT_POP_BATCH = 4


class FrontierQueue(PriorityQueue):
    """scrapy-redis's priority queue (a sorted set by -priority), popped by a Lua script instead of a transaction."""

    def __init__(self, server: Redis, spider: Spider, key: str) -> None:
        super().__init__(server=server, spider=spider, key=key, serializer=codec)
        self._method_names: dict[Any, str] = {}
        self._bad_entries = 0
        self._push_if_new = server.register_script(_PUSH_IF_NEW)
        self._pop = server.register_script(_POP)
        self._reserve = server.register_script(_RESERVE)

    def pop(self, timeout: int = 0) -> Request | None:
        popped = self.pop_many(1)
        return popped[0] if popped else None

    def _encode_request(self, request: Request) -> bytes:
        """The request as JSON (:mod:`crawler.runtime.frontier.codec`), never a pickle.

        ``Request.to_dict`` finds the names of the callback and the errback by listing every
        member of the spider (``inspect.getmembers``) for each request: ~40 µs, for each of
        a sitemap's thousands. The names are looked up once per function here instead.
        """
        return codec.encode_request(request, self._method_name(request.callback), self._method_name(request.errback))

    def _decode_request(self, encoded_request: bytes) -> Request:
        return codec.decode_request(encoded_request, self.spider)

    def _method_name(self, function: Any) -> Any:
        """The spider's name for a callback or errback (given as a spider method, a name or None)."""
        if not callable(function):
            return function
        key = getattr(function, "__func__", function)
        name = self._method_names.get(key)
        if name is None:
            name = self._method_names[key] = _find_method(self.spider, function)
        return name

    def entry(self, request: Request) -> tuple[bytes, float]:
        """The request as a member of the sorted set and its score (the highest priority pops first)."""
        return self._encode_request(request), -request.priority

    def pop_many(self, count: int, *, discovery: bool = True) -> list[Request]:
        """Up to ``count`` requests in one round trip: a discovery request alone, none without ``discovery``."""
        popped = self._pop(keys=[self.key], args=[count, int(discovery)])
        requests = []
        for data in popped[::2]:  # [member, score, member, score, ...]
            try:
                requests.append(self._decode_request(data))
            except codec.BadEntry as exc:  # written by someone else: dropped, never run
                self._bad_entry(str(exc))
        return requests

    def _bad_entry(self, why: str) -> None:
        """Count a dropped entry; the first :data:`BAD_ENTRY_EVENTS` are events and log lines (a flood stays small)."""
        self._bad_entries += 1
        crawler = getattr(self.spider, "crawler", None)
        if crawler is not None and crawler.stats is not None:
            crawler.stats.inc_value("frontier/bad_entries")
        if self._bad_entries > BAD_ENTRY_EVENTS:
            return
        message = f"dropped a frontier entry that is not a request of this crawl: {why}"
        if self._bad_entries == BAD_ENTRY_EVENTS:
            message += " (further ones are counted in frontier/bad_entries only)"
        logger.warning("%s (key %s)", message, self.key)
        if crawler is not None:
            record_event(crawler, "frontier_bad_entry", message, level="error")

    def reserve(self, seen_key: str, fingerprints: Sequence[bytes]) -> list[bool]:
        """Add the fingerprints to the seen set in one round trip; True for each that no worker had seen."""
        return [bool(new) for new in self._reserve(keys=[seen_key], args=list(fingerprints))] if fingerprints else []

    def push_many(self, requests: dict[bytes, float]) -> None:
        """Add encoded requests (data -> score) in one command, without a duplicate check."""
        if requests:
            self.server.zadd(self.key, requests)

    def push_back(self, requests: Sequence[Request]) -> None:
        """Return popped requests that will not be crawled here to the frontier, for the other workers."""
        self.push_many(dict(map(self.entry, requests)))

    def push_if_new(self, seen_key: str, fingerprint: bytes, request: Request) -> bool:
        """Push ``request`` unless ``fingerprint`` is already in ``seen_key``; True when it was pushed."""
        data, score = self.entry(request)
        return bool(self._push_if_new(keys=[seen_key, self.key], args=[fingerprint, score, data]))


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


#: Requests checked against the seen set in one round trip.
SEEN_CHECK_BATCH = 1000
#: Requests of article pages (related links) a worker holds to claim them in one round trip (FrontierSeenMiddleware).
HELD_LINKS_BATCH = 100
#: ... or once the oldest of them has waited this many seconds.
HELD_LINKS_SECONDS = 1.0


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
            engine.crawl(request)  # type: ignore[union-attr]
        if requests:
            raise DontCloseSpider

    def spider_closed(self, spider: Spider | None = None, reason: str = "") -> None:
        if self._held:
            logger.info("%d links of article pages not followed: the crawl stopped (%s)", len(self._held), reason)
            self.crawler.stats.inc_value("frontier/held_dropped", len(self._held))  # type: ignore[union-attr]
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
        scheduler = engine.scheduler if engine is not None else None
        if not requests or not isinstance(scheduler, FrontierScheduler) or scheduler.keys is None:
            return list(requests)
        fingerprint = self.crawler.request_fingerprinter.fingerprint  # type: ignore[union-attr]
        try:
            new = scheduler.queue.reserve(scheduler.keys.seen, [fingerprint(r) for r in requests])
        except Exception:  # Redis away for a moment: the scheduler's own atomic push still deduplicates
            logger.debug("seen check failed", exc_info=True)
            return list(requests)
        kept = [request for request, is_new in zip(requests, new, strict=True) if is_new]
        scheduler.reserved.update(kept)
        if skipped := len(requests) - len(kept):
            self.crawler.stats.inc_value("frontier/already_seen", skipped)  # type: ignore[union-attr]
        return kept


def redis_overrides(redis_url: str) -> dict[str, Any]:
    """Scrapy settings that switch a crawl to the shared frontier on Redis."""
    return {
        "MEDIAMON_REDIS_URL": redis_url,
        "SCHEDULER": "crawler.runtime.frontier.distributed.FrontierScheduler",
    }


def masked_redis_url(url: str) -> str:
    """``url`` with its password replaced, for messages and logs."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if not parts.password:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def check_redis(url: str) -> str | None:
    """None when the Redis server at ``url`` answers, else why not (one line)."""
    try:
        get_redis(url=url, socket_connect_timeout=5, socket_timeout=5).ping()
    except Exception as exc:  # noqa: BLE001 - a bad URL or an unreachable server: both are one line for the CLI
        return f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
    return None
