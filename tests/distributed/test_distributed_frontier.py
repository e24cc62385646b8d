"""The Redis side of a distributed crawl: joining, leaving, expiry, the shared duplicate filter; shared PG locks."""

from __future__ import annotations

import time

import pytest
from scrapy import Request
from scrapy.utils.test import get_crawler
from sqlalchemy import create_engine

from crawler.distributed import SeenFilter, join_crawl, leave_crawl
from crawler.locks import SourceLocked, SourceLocks
from crawler.workers import SharedSourceLocks

pytestmark = pytest.mark.redis


def test_workers_join_the_live_crawl_and_the_last_one_out_deletes_its_keys(redis_space) -> None:
    client, prefix = redis_space.client, redis_space.prefix
    first = join_crawl(client, prefix, "azernews", "c1", "host-a:1", stale_seconds=30, ttl=600)
    second = join_crawl(client, prefix, "azernews", "c2", "host-b:2", stale_seconds=30, ttl=600)
    assert first.crawl_id == second.crawl_id == "c1"  # the second machine joins the live crawl
    assert all(0 < client.ttl(key) <= 600 for key in (first.pointer, first.workers, first.active))
    client.zadd(first.requests, {b"request": 0})  # (live workers refresh every key's TTL each second)
    assert not leave_crawl(client, first, "host-a:1", stale_seconds=30)
    assert client.exists(first.requests)  # the other worker still crawls
    assert leave_crawl(client, second, "host-b:2", stale_seconds=30)
    assert redis_space.keys() == []


def test_a_dead_crawl_is_replaced_and_its_keys_deleted(redis_space) -> None:
    client, prefix = redis_space.client, redis_space.prefix
    dead = join_crawl(client, prefix, "azernews", "old", "host-a:1", stale_seconds=30, ttl=600)
    client.sadd(dead.seen, b"fingerprint")
    client.zadd(dead.workers, {"host-a:1": time.time() - 120})  # its heartbeat stopped two minutes ago
    fresh = join_crawl(client, prefix, "azernews", "new", "host-b:2", stale_seconds=30, ttl=600)
    assert fresh.crawl_id == "new"
    assert not client.exists(dead.seen)
    assert not client.exists(dead.workers)


def test_crawls_of_different_sources_are_apart(redis_space) -> None:
    client, prefix = redis_space.client, redis_space.prefix
    a = join_crawl(client, prefix, "azernews", "c1", "w:1", stale_seconds=30, ttl=600)
    b = join_crawl(client, prefix, "trend", "c2", "w:1", stale_seconds=30, ttl=600)
    assert (a.crawl_id, b.crawl_id) == ("c1", "c2")
    assert a.seen != b.seen


def test_seen_filter_is_shared_and_uses_scrapys_fingerprints(redis_space) -> None:
    crawler = get_crawler()
    key = f"{redis_space.prefix}azernews:c1:seen"
    one = SeenFilter(redis_space.client, key, crawler.request_fingerprinter)
    other = SeenFilter(redis_space.client, key, crawler.request_fingerprinter)
    assert not one.request_seen(Request("https://example.com/a"))
    assert other.request_seen(Request("https://example.com/a"))  # another worker saw it
    assert not other.request_seen(Request("https://example.com/b"))
    assert redis_space.client.smembers(key) == {
        crawler.request_fingerprinter.fingerprint(Request("https://example.com/a")),
        crawler.request_fingerprinter.fingerprint(Request("https://example.com/b")),
    }
    one.close("finished")
    assert redis_space.client.exists(key)  # a worker's end does not wipe the others' filter


@pytest.mark.postgres
def test_postgresql_workers_share_the_lock_and_keep_plain_runs_out(pg_url, tmp_path) -> None:
    engine = create_engine(pg_url)
    with SharedSourceLocks(engine, pg_url, tmp_path) as first:
        first.acquire("azernews")
        assert first.alone == {"azernews"}
        first.share()
        other_engine = create_engine(pg_url)
        with SharedSourceLocks(other_engine, pg_url, tmp_path, 0.5) as second:
            second.acquire("azernews")
            assert second.alone == set()
        with SourceLocks(other_engine, pg_url, tmp_path) as plain, pytest.raises(SourceLocked):
            plain.acquire("azernews")
        other_engine.dispose()
    engine.dispose()
