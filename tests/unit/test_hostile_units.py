"""Small cases of issue 17: the frontier's JSON codec, allowed domains by host and port, user info in URLs."""

from __future__ import annotations

import json
import pickle

import pytest
from scrapy import Request
from scrapy.utils.test import get_crawler

from crawler.runtime.frontier import codec
from crawler.runtime.middlewares.guards import has_userinfo, strip_userinfo
from crawler.runtime.spiders.news import NewsSpider
from crawler.sources import Source, SourcesError, compile_url_pattern, parse_sources

SOURCE = Source(name="s", homepage="https://s.example/", languages=("en",), allowed_domains=("s.example",))


@pytest.fixture(scope="module")
def spider() -> NewsSpider:
    return NewsSpider.from_crawler(get_crawler(NewsSpider), source=SOURCE)


def entry(**fields) -> bytes:
    return json.dumps({"url": "https://s.example/news/1", "callback": "parse_article", **fields}).encode()


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (pickle.dumps({"url": "https://s.example/"}), "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (entry(callback="__init__"), "not a method of the spider"),
        (entry(callback="close"), "not a method of the spider"),  # scrapy.Spider's own, not the source spider's
        (entry(callback="start"), "not a method of the spider"),
        (entry(callback="_require_source"), "not a method of the spider"),
        (entry(errback="crawler"), "not a method of the spider"),
        (entry(url="file:///tmp/x"), "is not http"),
        (entry(url=["x"]), "wrong type"),
        (entry(method="POST"), "not allowed"),
        (entry(cb_kwargs={"self": 1}), "not parameters"),
        (entry(callback="parse_listing", cb_kwargs={"depth": 0, "evil": 1}), "not parameters"),
        (entry(encoding="no-such-codec"), "unknown encoding"),
        (entry(headers={"X": "not a list"}), "not a list"),
        (b"{" * 300_000, "too long"),
        (b"[" * 200_000, "RecursionError"),
    ],
)
def test_an_entry_that_is_not_one_of_ours_is_refused(spider, data, why):
    with pytest.raises(codec.BadEntry, match=why):
        codec.decode_request(data, spider)


def test_steering_meta_is_dropped_and_the_rest_round_trips(spider):
    request = Request(
        "https://s.example/news/1",
        callback=spider.parse_listing,
        errback=spider.on_error,
        cb_kwargs={"depth": 1},
        meta={"article": True, "proxy": "http://evil.example:8080", "allow_offsite": True, "blob": object()},
        headers={"X-A": b"\xff"},
        priority=7,
    )
    decoded = codec.decode_request(codec.encode_request(request, "parse_listing", "on_error"), spider)
    assert decoded.meta == {"article": True}
    assert (decoded.callback, decoded.errback, decoded.cb_kwargs) == (
        spider.parse_listing,
        spider.on_error,
        {"depth": 1},
    )
    assert decoded.headers.getlist("X-A") == [b"\xff"] and decoded.priority == 7


@pytest.mark.parametrize(
    ("allowed", "url", "allows"),
    [
        (("s.example",), "https://s.example/a", True),
        (("s.example",), "https://www.s.example:443/a", True),
        (("s.example",), "http://s.example/a", True),
        (("s.example",), "https://s.example:8443/a", False),
        (("s.example",), "http://s.example:443/a", False),  # 443 is not http's default port
        (("127.0.0.1:18081",), "http://127.0.0.1:18081/a", True),
        (("127.0.0.1:18081",), "http://127.0.0.1:18083/a", False),
        (("127.0.0.1:18081",), "http://127.0.0.1/a", False),
        (("127.0.0.1:18081",), "http://u:p@127.0.0.1:18081/a", True),  # user info is the guard's business
        (("s.example",), "https://s.example:notaport/a", False),
        (("s.example",), "ftp://s.example/a", False),
        (("s.example",), "https://s.example@evil.example/a", False),
    ],
)
def test_an_allowed_domain_is_a_host_and_a_port(allowed, url, allows):
    assert Source(name="s", homepage="https://s.example/", languages=("en",), allowed_domains=allowed).allows(url) is (
        allows
    )


def test_the_default_allowed_domain_keeps_the_homepages_port():
    [source] = parse_sources(
        {"source": [{"name": "s", "homepage": "http://127.0.0.1:18081/", "languages": ["en"]}]}
    ).values()
    assert source.allowed_domains == ("127.0.0.1:18081",)
    assert source.allows("http://127.0.0.1:18081/x") and not source.allows("http://127.0.0.1:18083/x")


def test_url_patterns_run_in_linear_time_and_lookaround_is_refused():
    assert compile_url_pattern(r"^/(a+)+$").search("/" + "a" * 100_000 + "!") is None
    with pytest.raises(Exception, match="invalid perl operator"):
        compile_url_pattern(r"^/news/(?!private)")
    with pytest.raises(SourcesError, match="RE2 can run"):
        parse_sources(
            {
                "source": [
                    {
                        "name": "s",
                        "homepage": "https://s.example/",
                        "languages": ["en"],
                        "article_url_pattern": "(a)\\1",
                    }
                ]
            }
        )


@pytest.mark.parametrize(
    ("url", "stripped"),
    [
        ("http://user:secret@host/x", "http://host/x"),
        ("https://user@host:8080/x?a=b@c", "https://host:8080/x?a=b@c"),
        ("http://host/x?next=a@b", "http://host/x?next=a@b"),
    ],
)
def test_user_info_is_found_and_stripped(url, stripped):
    assert has_userinfo(url) is (url != stripped)
    assert strip_userinfo(url) == stripped


def _feed(count: int) -> bytes:
    items = "".join(f"<item><title>Item {n}</title><link>/news/item-{n}</link></item>" for n in range(count))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>{items}</channel></rss>'.encode()


def test_a_big_or_truncated_feed_is_streamed_up_to_its_cap_or_its_break():
    from crawler.discovery import parse_feed

    big = _feed(200_000)
    assert [e.url for e in parse_feed(big, "http://x/", 3)] == ["/news/item-0", "/news/item-1", "/news/item-2"]
    cut = parse_feed(big[: len(big) // 2], "http://x/")
    assert 90_000 < len(cut) < 110_000 and cut[-1].title is not None


def test_atom_links_prefer_the_alternate_one_and_rss_falls_back_to_a_permalink_guid():
    from crawler.discovery import parse_feed

    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="enclosure" href="/a.mp3"/>
    <link href="/news/a"/><published>2026-01-01</published><updated>2026-01-02</updated></entry></feed>"""
    rss = b"""<rss><channel><item><guid>https://x/news/b</guid></item>
    <item><guid isPermaLink="false">tag:x,1</guid></item></channel></rss>"""
    [entry] = parse_feed(atom, "http://x/")
    assert (entry.url, entry.published_raw) == ("/news/a", "2026-01-01")
    assert [e.url for e in parse_feed(rss, "http://x/")] == ["https://x/news/b"]
