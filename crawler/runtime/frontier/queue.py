"""The frontier: a sorted set of requests as JSON, popped and pushed by Lua scripts in one round trip each."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from redis import Redis
from scrapy import Request, Spider
from scrapy.http.request import _find_method
from scrapy_redis.queue import PriorityQueue

from crawler.runtime.events import record_event
from crawler.runtime.frontier import codec

logger = logging.getLogger(__name__)


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
