"""Worker processes without services: partitioning, exit codes, command lines, masked URLs, shared locks on SQLite."""

from __future__ import annotations

import sys

import pytest
from sqlalchemy import create_engine

from crawler.exitcodes import ExitCode
from crawler.runtime.frontier.connection import masked_redis_url
from crawler.runtime.frontier.liveness import CrawlKeys, new_crawl_id
from crawler.runtime.locks import SourceLocked, SourceLocks
from crawler.runtime.workers import SharedSourceLocks, combined_exit_code, partition


@pytest.mark.parametrize(
    ("items", "parts", "expected"),
    [
        (["a", "b", "c", "d", "e"], 2, [["a", "c", "e"], ["b", "d"]]),
        (["a", "b"], 4, [["a"], ["b"]]),
        (["a"], 1, [["a"]]),
        ([], 3, []),
    ],
)
def test_partition_deals_sources_round_robin_without_empty_workers(items, parts, expected) -> None:
    assert partition(items, parts) == expected


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ([0, 0], ExitCode.OK),
        ([0, 1], ExitCode.FINISHED_WITH_ERRORS),
        ([1, 6, 3], ExitCode.INTERRUPTED),
        ([0, 5], ExitCode.OK),
        ([5, 5], ExitCode.LOCKED),
        ([3, 1], ExitCode.DATABASE_UNAVAILABLE),
        ([0, -9], ExitCode.FINISHED_WITH_ERRORS),
    ],
)
def test_combined_exit_code_is_the_most_severe(codes, expected) -> None:
    assert combined_exit_code(codes) == expected


def test_worker_command_passes_the_sources_and_options_but_no_urls() -> None:
    """A worker started as a new process gets its sources and options as JSON; the URLs go by environment."""
    import json
    from datetime import UTC, datetime

    from crawler.crawl import CrawlOptions
    from crawler.crawl_workers import worker_command
    from crawler.sources import Source

    source = Source("a", "http://127.0.0.1:8080/", ("en",), allowed_domains=("127.0.0.1:8080",))
    options = CrawlOptions(
        since=datetime(2026, 1, 2, tzinfo=UTC),
        max_articles=5,
        settings={"MEDIAMON_WORKER_ID": "2/3"},
        crawl_id="c1",
        redis_url="redis://:s3cret@host:6379/0",
    )
    command = worker_command([source], options)
    assert command[:3] == [sys.executable, "-m", "crawler.crawl_workers"] and len(command) == 4
    spec = json.loads(command[3])
    assert spec["options"]["crawl_id"] == "c1" and spec["options"]["settings"] == {"MEDIAMON_WORKER_ID": "2/3"}
    assert spec["options"]["since"] == "2026-01-02T00:00:00+00:00" and spec["options"]["max_articles"] == 5
    assert 'name = "a"' in spec["sources"]
    assert "s3cret" not in command[3] and "redis" not in spec["options"]


def test_masked_redis_url_hides_the_password() -> None:
    assert masked_redis_url("redis://:s3cret@host:6379/0") == "redis://:***@host:6379/0"
    assert masked_redis_url("redis://user:s3cret@host/1") == "redis://user:***@host/1"
    assert masked_redis_url("redis://host:6379/0") == "redis://host:6379/0"


def test_crawl_ids_are_unique_and_fit_the_column() -> None:
    ids = {new_crawl_id() for _ in range(100)}
    assert len(ids) == 100
    assert all(len(i) <= 36 for i in ids)


def test_crawl_keys_are_per_source_and_crawl() -> None:
    keys = CrawlKeys("p:", "azernews", "c1")
    assert keys.all() == ("p:azernews:current", "p:azernews:c1:requests", "p:azernews:c1:seen",
                          "p:azernews:c1:workers", "p:azernews:c1:active", "p:azernews:c1:idle")  # fmt: skip


def test_sqlite_workers_share_the_lock_and_keep_plain_runs_out(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    engine = create_engine(url)
    with SharedSourceLocks(engine, url, tmp_path) as first, SharedSourceLocks(engine, url, tmp_path, 0.5) as second:
        first.acquire("azernews")
        assert first.alone == {"azernews"}  # nobody else: it may close stale runs
        with pytest.raises(SourceLocked):
            second.acquire("azernews")  # not while the first holds it exclusively
        first.share()
        second.acquire("azernews")
        assert second.alone == set()
        with SourceLocks(engine, url, tmp_path) as plain, pytest.raises(SourceLocked):
            plain.acquire("azernews")
    with SourceLocks(engine, url, tmp_path) as plain:
        plain.acquire("azernews")
        with SharedSourceLocks(engine, url, tmp_path, 0.3) as worker, pytest.raises(SourceLocked):
            worker.acquire("azernews")
    engine.dispose()


def test_frontier_encodes_requests_as_json_and_decodes_them_back() -> None:
    """The frontier's own encoding (method names looked up once) is JSON that decodes to the same request."""
    import json

    from redis import Redis
    from scrapy import FormRequest, Request
    from scrapy.utils.test import get_crawler

    from crawler.runtime.frontier.queue import FrontierQueue
    from crawler.runtime.spiders.news import NewsSpider
    from crawler.sources import Source

    source = Source(name="s", homepage="https://s.example/", languages=("en",), allowed_domains=("s.example",))
    spider = NewsSpider.from_crawler(get_crawler(NewsSpider), source=source)
    queue = FrontierQueue(Redis(), spider, "test-frontier-encoding")  # no command is sent
    requests = [
        *spider._article_request("https://s.example/news/1?utm_source=x"),
        spider._discovery_request("https://s.example/sitemap.xml", spider.parse_sitemap),
        Request("https://s.example/a", callback=spider.parse_listing, cb_kwargs={"depth": 2}, priority=-3),
        Request("https://s.example/b", dont_filter=True, meta={"conditional": True}, headers={"X-A": "1"}),
    ]
    for request in requests:
        encoded = queue._encode_request(request)
        assert json.loads(encoded)["url"] == request.url  # JSON, never a pickle (issue 17)
        decoded = queue._decode_request(encoded)
        assert (type(decoded), decoded.url, decoded.callback, decoded.errback, decoded.meta, decoded.priority) == (
            type(request),
            request.url,
            request.callback,
            request.errback,
            request.meta,
            request.priority,
        )
    with pytest.raises(TypeError):  # only plain GET/HEAD requests travel through Redis
        queue._encode_request(FormRequest("https://s.example/c", formdata={"q": "x"}, callback=spider.parse_article))
