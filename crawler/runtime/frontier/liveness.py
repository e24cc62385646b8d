"""Worker liveness: a crawl's Redis keys, and workers joining and leaving it (the last one out deletes them)."""

from __future__ import annotations

import os
import socket
import time
import uuid
from dataclasses import dataclass

from redis import Redis

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
