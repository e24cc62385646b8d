"""The shared crawl frontier on Redis: several worker processes, on one or many machines, crawl a source together.

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
``rediss://`` (TLS) and carry a password; it is masked (:func:`.connection.masked_redis_url`) wherever a URL is shown.
Use one Redis server (not a cluster: the Lua scripts touch keys they do not declare).

By concern: :mod:`.codec` (requests as JSON), :mod:`.queue` (the frontier itself, a sorted
set), :mod:`.seen` (the crawl's seen set: the duplicate filter and the middleware that claims
new links in batches), :mod:`.liveness` (the crawl's keys, workers joining and leaving it),
:mod:`.scheduler` (the Scrapy scheduler over them) and :mod:`.connection` (settings, URLs, the check).
"""
