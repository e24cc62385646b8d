"""The Redis side of a distributed crawl: joining, leaving, expiry, the shared duplicate filter; shared PG locks."""

from __future__ import annotations

import time

import pytest
from scrapy import Request
from scrapy.utils.test import get_crawler
from sqlalchemy import create_engine

from crawler.runtime.frontier.liveness import join_crawl, leave_crawl
from crawler.runtime.frontier.seen import SeenFilter
from crawler.runtime.locks import SourceLocked, SourceLocks
from crawler.runtime.workers import SharedSourceLocks

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
    from storage.migrate import upgrade

    upgrade(pg_url)  # the locks are rows of source_locks (a crawl checks the schema before it locks)
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


def _scheduler(redis_space, member: str):
    from crawler.runtime.frontier.scheduler import FrontierScheduler
    from crawler.runtime.spiders.news import NewsSpider
    from crawler.sources import Source

    settings = {
        "MEDIAMON_REDIS_URL": redis_space.url,
        "MEDIAMON_REDIS_PREFIX": redis_space.prefix,
        "MAX_IDLE_TIME_BEFORE_CLOSE": 600,  # only the "every worker idle" rule can close them here
    }
    crawler = get_crawler(NewsSpider, settings)
    crawler.stats.open_spider()
    source = Source(
        name="azernews", homepage="https://www.azernews.az/", languages=("en",), allowed_domains=("azernews.az",)
    )
    spider = NewsSpider.from_crawler(crawler, source=source)
    scheduler = FrontierScheduler.from_crawler(crawler)
    scheduler.member = member
    scheduler.open(spider)
    return scheduler, spider


def test_workers_close_as_soon_as_all_are_idle_and_the_frontier_is_empty(redis_space) -> None:
    from scrapy.exceptions import DontCloseSpider

    first, spider = _scheduler(redis_space, "host-a:1")
    second, _ = _scheduler(redis_space, "host-b:2")
    try:
        assert first.keys.crawl_id == second.keys.crawl_id
        with pytest.raises(DontCloseSpider):
            first.spider_idle(spider)  # the other worker has not said it is idle: it may add requests
        second.enqueue_request(Request("https://www.azernews.az/news/1"))
        with pytest.raises(DontCloseSpider):
            second.spider_idle(spider)  # the frontier is not empty
        assert first.next_request().url == "https://www.azernews.az/news/1"  # first is busy again
        with pytest.raises(DontCloseSpider):
            second.spider_idle(spider)
        first.spider_idle(spider)  # both idle, frontier empty: the crawl is over, no idle timeout waited
        second.spider_idle(spider)
    finally:
        first.close("finished")
        second.close("finished")
    assert redis_space.keys() == []


def test_frontier_pushes_each_request_once_and_pops_the_highest_priority_first(redis_space) -> None:
    scheduler, _ = _scheduler(redis_space, "host-a:1")
    try:
        assert scheduler.enqueue_request(Request("https://www.azernews.az/news/1", priority=0))
        assert scheduler.enqueue_request(Request("https://www.azernews.az/sitemap.xml", priority=10))
        assert not scheduler.enqueue_request(Request("https://www.azernews.az/news/1"))  # seen: one round trip
        assert scheduler.enqueue_request(Request("https://www.azernews.az/news/1", dont_filter=True))
        popped = [scheduler.next_request() for _ in range(4)]
    finally:
        scheduler.close("finished")
    assert [r.url if r else None for r in popped] == [
        "https://www.azernews.az/sitemap.xml",
        "https://www.azernews.az/news/1",
        "https://www.azernews.az/news/1",
        None,
    ]
    assert scheduler.stats.get_value("dupefilter/filtered") == 1


def test_a_worker_takes_a_few_requests_at_once_and_returns_what_it_did_not_crawl(redis_space) -> None:
    first, _ = _scheduler(redis_space, "host-a:1")
    second, _ = _scheduler(redis_space, "host-b:2")
    try:
        for n in range(6):
            assert first.enqueue_request(Request(f"https://www.azernews.az/news/{n}", priority=-n))
        assert first.next_request().url.endswith("/news/0")  # one round trip took news/0 to news/3
        assert len(first.queue) == 2 and first.has_pending_requests()

        def pops(n: int) -> list[str | None]:
            return [r.url.rsplit("/", 1)[1] if r else None for r in (second.next_request() for _ in range(n))]

        assert pops(3) == ["4", "5", None]
        first.close("shutdown")  # stopped early: news/1 to news/3 go back to the frontier
        assert pops(4) == ["1", "2", "3", None]
        for n in range(3):
            assert second.enqueue_request(Request(f"https://www.azernews.az/sitemap-{n}.xml", priority=10))
        assert second.enqueue_request(Request("https://www.azernews.az/news/9"))
        taken = pops(1)
        assert not second._popped and len(second.queue) == 3  # discovery requests are taken one at a time,
        assert sorted(taken + pops(2)) == ["sitemap-0.xml", "sitemap-1.xml", "sitemap-2.xml"]  # for all workers
        assert pops(2) == ["9", None]
    finally:
        second.close("finished")
    assert redis_space.keys() == []


def test_a_worker_with_company_leaves_the_next_sitemap_to_the_others_for_a_moment(redis_space) -> None:
    first, _ = _scheduler(redis_space, "host-a:1")
    try:
        for n in range(3):
            assert first.enqueue_request(Request(f"https://www.azernews.az/sitemap-{n}.xml", priority=10))
        assert first.enqueue_request(Request("https://www.azernews.az/news/1"))
        assert "sitemap" in first.next_request().url  # alone in the crawl: sitemaps one after another
        assert "sitemap" in first.next_request().url
        second, _ = _scheduler(redis_space, "host-b:2")
        try:
            first._company = (0.0, False)  # (asked again at once, not after 0.25 s)
            assert first.next_request().url.endswith("/news/1")  # a second worker: the last sitemap is left to it
            assert first.next_request() is None
            assert "sitemap" in second.next_request().url
        finally:
            second.close("finished")
    finally:
        first.close("finished")
    assert redis_space.keys() == []


def test_an_idle_worker_polls_the_frontier_often_but_not_while_redis_is_away(redis_space) -> None:
    from types import SimpleNamespace

    import redis

    from crawler.runtime.frontier.queue import FrontierQueue

    scheduler, _ = _scheduler(redis_space, "host-a:1")
    polls = []
    scheduler.crawler.engine = SimpleNamespace(
        _slot=SimpleNamespace(nextcall=SimpleNamespace(schedule=lambda: polls.append(1))),
        scraper=SimpleNamespace(slot=SimpleNamespace(is_idle=lambda: True)),
        downloader=SimpleNamespace(active=set()),
    )
    live = scheduler.queue
    try:
        scheduler._poll_when_idle()
        assert polls == [1]  # idle: the engine is told to look at the frontier now
        dead = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.5)  # nothing listens there
        scheduler.queue = FrontierQueue(server=dead, spider=live.spider, key=live.key)
        with pytest.raises(redis.exceptions.ConnectionError):
            scheduler.next_request()
        scheduler._poll_when_idle()
        assert polls == [1]  # a failed pop a moment ago: no new try before a second has passed
    finally:
        scheduler.queue = live
        scheduler.crawler.engine = None
        scheduler.close("finished")
    assert redis_space.keys() == []


def _frontier(redis_space):
    """A crawler whose engine runs a FrontierScheduler on the test's Redis prefix (as in a worker)."""
    from types import SimpleNamespace

    from scrapy import Spider

    from crawler.runtime.frontier.scheduler import FrontierScheduler
    from crawler.runtime.frontier.seen import FrontierSeenMiddleware

    settings = {"MEDIAMON_REDIS_URL": redis_space.url, "MEDIAMON_REDIS_PREFIX": redis_space.prefix}
    crawler = get_crawler(Spider, settings)
    crawler.stats.open_spider()
    scheduler = FrontierScheduler.from_crawler(crawler)
    scheduler.open(Spider(name="azernews"))
    crawler.engine = SimpleNamespace(scheduler=scheduler)
    return crawler, scheduler, FrontierSeenMiddleware.from_crawler(crawler)


def test_requests_another_worker_queued_are_dropped_before_the_store_is_asked(redis_space) -> None:
    import asyncio

    crawler, scheduler, middleware = _frontier(redis_space)
    try:
        assert scheduler.enqueue_request(Request("https://example.com/a"))  # queued by the other worker
        item = {"headline": "kept in place"}

        async def output():
            for thing in (Request("https://example.com/a"), item, Request("https://example.com/b")):
                yield thing

        async def run():
            return [x async for x in middleware.process_spider_output(None, output())]

        result = asyncio.run(run())
        assert result[0] is item
        assert [r.url for r in result[1:]] == ["https://example.com/b"]
        assert crawler.stats.get_value("frontier/already_seen") == 1
        assert len(scheduler.queue) == 1  # the check queues nothing itself
    finally:
        scheduler.close("finished")
    assert redis_space.keys() == []


def test_new_requests_are_claimed_in_one_round_trip_and_queued_together(redis_space) -> None:
    import asyncio

    crawler, scheduler, middleware = _frontier(redis_space)
    other, _ = _scheduler(redis_space, "host-b:2")
    scheduler.pop_batch = 1  # (a worker takes a few at once; one here, to see where each request goes)
    try:

        async def run(urls):
            async def output():
                for url in urls:
                    yield Request(url)

            return [r async for r in middleware.process_spider_output(None, output())]

        claimed = asyncio.run(run([f"https://example.com/{n}" for n in range(3)]))
        assert all(scheduler.enqueue_request(r) for r in claimed)
        assert len(scheduler.queue) == 0 and scheduler.has_pending_requests()  # waiting to go in one ZADD
        assert not other.enqueue_request(Request("https://example.com/1"))  # but already the crawl's: refused
        assert asyncio.run(run(["https://example.com/2", "https://example.com/3"]))[0].url.endswith("/3")
        assert scheduler.next_request().url == "https://example.com/0"  # the pop sent the batch first
        assert {other.next_request().url for _ in range(2)} == {"https://example.com/1", "https://example.com/2"}
        assert crawler.stats.get_value("scheduler/enqueued/redis") == 3
        assert crawler.stats.get_value("frontier/already_seen") == 1
    finally:
        other.close("finished")
        scheduler.close("finished")
    assert redis_space.keys() == []


def test_the_seen_check_lets_everything_through_when_redis_is_away(redis_space) -> None:
    import redis
    from scrapy.exceptions import NotConfigured

    from crawler.runtime.frontier.seen import FrontierSeenMiddleware

    _crawler, scheduler, middleware = _frontier(redis_space)
    live = scheduler.server
    scheduler.server = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.5)  # nothing listens there
    try:
        requests = [Request("https://example.com/a"), Request("https://example.com/b")]
        assert middleware.claim_new(requests) == requests
    finally:
        scheduler.server = live
        scheduler.close("finished")
    with pytest.raises(NotConfigured):
        FrontierSeenMiddleware.from_crawler(get_crawler())


def test_a_sitemaps_thousands_of_requests_are_checked_in_batches(redis_space) -> None:
    import asyncio

    from crawler.runtime.frontier.seen import SEEN_CHECK_BATCH

    crawler, scheduler, middleware = _frontier(redis_space)
    total = 2 * SEEN_CHECK_BATCH + 7
    try:
        for n in range(0, total, 2):  # the other worker queued every second one
            scheduler.enqueue_request(Request(f"https://example.com/{n}"))

        async def output():
            for n in range(total):
                yield Request(f"https://example.com/{n}")

        async def run():
            return [r.url async for r in middleware.process_spider_output(None, output())]

        kept = asyncio.run(run())
        assert kept == [f"https://example.com/{n}" for n in range(1, total, 2)]
        assert crawler.stats.get_value("frontier/already_seen") == (total + 1) // 2
    finally:
        scheduler.close("finished")


def _article_page(url: str):
    """A response of an article page (its request was an article request, as the spider makes them)."""
    from scrapy.http import HtmlResponse

    return HtmlResponse(url, body=b"<html></html>", request=Request(url, meta={"article": True}))


def _busy(crawler, scheduler, in_flight: int = 16):
    """An engine whose downloader has ``in_flight`` of its 16 slots busy; what it schedules lands in ``crawled``."""
    from types import SimpleNamespace

    crawled: list[Request] = []
    crawler.engine = SimpleNamespace(
        scheduler=scheduler,
        downloader=SimpleNamespace(active=set(range(in_flight)), total_concurrency=16),
        crawl=crawled.append,
        scraper=SimpleNamespace(spidermw=SimpleNamespace(middlewares=())),
    )
    return crawled


def test_related_links_of_article_pages_are_claimed_together_while_the_worker_is_busy(redis_space) -> None:
    import asyncio

    from crawler.runtime.frontier.seen import HELD_LINKS_BATCH

    crawler, scheduler, middleware = _frontier(redis_space)
    _busy(crawler, scheduler)
    reserves = []
    reserve = scheduler.queue.reserve

    def counted_reserve(key, fingerprints):
        reserves.append(len(fingerprints))  # one round trip each
        return reserve(key, fingerprints)

    scheduler.queue.reserve = counted_reserve
    item = {"headline": "an article"}
    try:
        assert scheduler.enqueue_request(Request("https://example.com/0"))  # queued by the other worker

        async def page(number: int) -> list:
            async def output():
                yield item
                for step in (0, 1):  # two related links a page; page n links to n and n + 1
                    yield Request(f"https://example.com/{number + step}")

            response = _article_page(f"https://example.com/page/{number}")
            return [x async for x in middleware.process_spider_output(response, output())]

        pages = HELD_LINKS_BATCH // 2
        outputs = [asyncio.run(page(n)) for n in range(pages)]
        assert all(out == [item] for out in outputs[:-1])  # items go on at once, the links wait
        released = [r.url for r in outputs[-1][1:]]
        assert reserves == [HELD_LINKS_BATCH]  # one round trip for the links of 50 pages
        # Every link once, except /0 (the other worker's): the repeats are seen within the same batch.
        assert released == [f"https://example.com/{n}" for n in range(1, pages + 1)]
        assert crawler.stats.get_value("frontier/already_seen") == HELD_LINKS_BATCH - pages
    finally:
        crawler.engine = None
        scheduler.close("finished")
    assert redis_space.keys() == []


def test_a_worker_running_low_claims_the_links_of_a_page_at_once(redis_space) -> None:
    import asyncio

    crawler, scheduler, middleware = _frontier(redis_space)
    _busy(crawler, scheduler, in_flight=3)  # the start of a crawl: few downloads in flight
    try:

        async def run():
            async def output():
                yield Request("https://example.com/a")

            return [
                r.url async for r in middleware.process_spider_output(_article_page("https://example.com/p"), output())
            ]

        assert asyncio.run(run()) == ["https://example.com/a"]
    finally:
        crawler.engine = None
        scheduler.close("finished")


def test_an_idle_worker_schedules_the_links_it_holds_except_stored_articles(redis_space, migrated_url) -> None:
    import asyncio
    from datetime import UTC, datetime

    from scrapy.exceptions import DontCloseSpider

    from crawler.items import ArticleItem
    from crawler.runtime.middlewares.incremental import KnownArticlesMiddleware
    from storage.db import make_engine, make_sessionmaker
    from storage.repository import upsert_articles

    engine = make_engine(migrated_url)
    with make_sessionmaker(engine)() as session:
        stored = "https://example.com/stored"
        upsert_articles(
            session,
            [
                ArticleItem(
                    url=stored,
                    canonical_url=stored,
                    headline="Stored",
                    article_body="text " * 50,
                    source=None,
                    fetched_at=datetime.now(UTC),
                )
            ],
        )
        session.commit()
    engine.dispose()
    crawler, scheduler, middleware = _frontier(redis_space)
    crawled = _busy(crawler, scheduler)
    crawler.settings.frozen = False
    crawler.settings.set("MEDIAMON_DATABASE_URL", migrated_url)
    known = KnownArticlesMiddleware.from_crawler(crawler)
    crawler.engine.scraper.spidermw.middlewares = (known,)  # the crawl's store check, after this middleware
    try:
        assert scheduler.enqueue_request(Request("https://example.com/seen"))

        async def run():
            async def output():
                for name in ("new", "seen", "stored"):
                    yield Request(f"https://example.com/{name}", meta={"article": True})

            return [x async for x in middleware.process_spider_output(_article_page("https://example.com/p"), output())]

        assert asyncio.run(run()) == []  # busy: held
        with pytest.raises(DontCloseSpider):
            middleware.spider_idle()
        assert [r.url for r in crawled] == ["https://example.com/new"]
        assert [r in scheduler.reserved for r in crawled] == [True]  # claimed: queued with the next batch
        assert crawler.stats.get_value("incremental/skipped_known") == 1
        middleware.spider_idle()  # nothing held any more: the worker may count as idle
    finally:
        known.close()
        crawler.engine = None
        scheduler.close("finished")
    assert redis_space.keys() == []


def test_a_worker_that_stops_early_counts_the_links_it_did_not_follow(redis_space) -> None:
    import asyncio

    crawler, scheduler, middleware = _frontier(redis_space)
    _busy(crawler, scheduler)
    try:

        async def run():
            async def output():
                yield Request("https://example.com/a")

            return [x async for x in middleware.process_spider_output(_article_page("https://example.com/p"), output())]

        assert asyncio.run(run()) == []
        middleware.spider_closed(reason="closespider_itemcount")
        assert crawler.stats.get_value("frontier/held_dropped") == 1
    finally:
        crawler.engine = None
        scheduler.close("finished")
