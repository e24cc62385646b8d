"""Hostile sites and a hostile Redis (issue 17): each case served on 127.0.0.1 and met by a real ``mediamon crawl``.

Each test names what the site (or whoever can write to Redis) tried and asserts what a
user would see: nothing executed, no secret kept, no article from where the source does
not allow, bounds reached as run events, and the crawl's good articles stored anyway.
"""

from __future__ import annotations

import gzip
import json
import pickle
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from crawler.exitcodes import ExitCode
from storage.models import Article, CrawlEvent, CrawlRun
from tests.distributed.conftest import redis_space  # noqa: F401 - the fixture
from tests.e2e.conftest import query
from tests.faults import badsite as bad
from tests.reliability.conftest import crawl_sources, outcome, write_sources

pytestmark = pytest.mark.slow

GOOD = [f"/news/good-{n}" for n in range(1, 4)]
DONE = (ExitCode.OK, ExitCode.FINISHED_WITH_ERRORS)


def _good_articles(site: bad.BadSite) -> None:
    for path in GOOD:
        n = path.rsplit("-", 1)[1]
        site.add_article(path, f"Good article number {n} arrives intact", paragraphs=(f"Story {n}.", *bad.LOREM))


def _stored_paths(site: bad.BadSite, db: str) -> set[str]:
    return {url.removeprefix(site.base_url) for url in outcome(db).articles}


def _kinds(db: str) -> dict[str, list[tuple[str | None, str]]]:
    kinds: dict[str, list[tuple[str | None, str]]] = {}
    for kind, _level, url, message in outcome(db).events:
        kinds.setdefault(kind, []).append((url, message))
    return kinds


def _everything_kept(db: str, data_dir: Path, *outputs: str) -> str:
    """Every text the run left: articles, events, runs (with their stats), log files, the command's output."""
    rows = [
        *query(db, select(Article.url, Article.canonical_url, Article.article_body)),
        *query(db, select(CrawlEvent.url, CrawlEvent.message)),
        *query(db, select(CrawlRun.stats, CrawlRun.finish_reason, CrawlRun.log_path)),
    ]
    logs = [
        p.read_text(errors="replace") for p in data_dir.rglob("*") if p.is_file() and p.suffix in (".log", ".jsonl")
    ]
    return json.dumps([[str(v) for v in row] for row in rows]) + "".join(logs) + "".join(outputs)


# -- a hostile Redis ------------------------------------------------------------------------------


@pytest.mark.redis
def test_a_pickled_frontier_entry_is_dropped_as_an_event_never_run_and_the_crawl_goes_on(
    badsite,
    sqlite_url,
    data_dir,
    tmp_path,
    redis_space,  # noqa: F811
):
    _good_articles(badsite)
    marker = tmp_path / "pwned"

    class Touch:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    crawl_id = "hostile-pickle"
    requests_key = f"{redis_space.prefix}badsite:{crawl_id}:requests"
    hostile = {
        pickle.dumps(Touch()): -100,  # what scrapy-redis's default serializer would load: opens (creates) the file
        json.dumps({"url": badsite.url("/news/x"), "callback": "__init__"}).encode(): -100,
        json.dumps({"url": badsite.url("/news/x"), "_class": "os.system", "callback": "parse_article"}).encode(): -99,
        b"\x00not json at all": -98,
    }
    redis_space.client.zadd(requests_key, hostile)
    sources = write_sources(data_dir / "sources.toml", badsite.source())

    result = crawl_sources(
        sources,
        sqlite_url,
        data_dir,
        "--redis",
        redis_space.url,
        "--crawl-id",
        crawl_id,
        "-s",
        f"MEDIAMON_REDIS_PREFIX={redis_space.prefix}",
        "-s",
        "MAX_IDLE_TIME_BEFORE_CLOSE=2",
    )

    assert result.returncode in DONE, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert not marker.exists(), "an entry from Redis was unpickled and ran"
    assert set(GOOD) <= _stored_paths(badsite, sqlite_url), "the crawl went on"
    bad_entries = _kinds(sqlite_url).get("frontier_bad_entry", [])
    # The pickle, the unknown callback and the garbage; the `_class` one names a real callback and is
    # read as a plain Request of that URL (its class is never loaded), which the site answers with 404.
    assert len(bad_entries) == 3, bad_entries
    assert all("not a request of this crawl" in message for _, message in bad_entries)


@pytest.mark.redis
def test_a_redis_password_is_never_shown_and_rediss_is_understood(
    badsite,
    sqlite_url,
    data_dir,
    redis_space,  # noqa: F811
):
    _good_articles(badsite)
    sources = write_sources(data_dir / "sources.toml", badsite.source())
    prefix = ("-s", f"MEDIAMON_REDIS_PREFIX={redis_space.prefix}", "-s", "MAX_IDLE_TIME_BEFORE_CLOSE=1")
    # The local server has no password: Redis accepts AUTH for the default user, so the crawl runs.
    with_password = redis_space.url.replace("redis://", "redis://:hunter2secret@")
    result = crawl_sources(sources, sqlite_url, data_dir, "--redis", with_password, *prefix)
    assert result.returncode in DONE, result.stderr[-3000:]
    assert set(GOOD) <= _stored_paths(badsite, sqlite_url)
    assert "hunter2secret" not in _everything_kept(sqlite_url, data_dir, result.stdout, result.stderr)

    # rediss:// is TLS: the plain server cannot answer it, and the error is one line with the password masked.
    tls = redis_space.url.replace("redis://", "rediss://user:hunter2secret@")
    result = crawl_sources(sources, sqlite_url, data_dir, "--redis", tls, *prefix, timeout=60)
    assert result.returncode == ExitCode.DATABASE_UNAVAILABLE, result.stderr[-2000:]
    assert "hunter2secret" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: cannot connect to Redis at rediss://user:***@127.0.0.1:6379/0: "), last
    assert "scheme" not in last.lower(), last  # the TLS handshake was tried (and met plain Redis), not refused


# -- hostile patterns and discovery ---------------------------------------------------------------


def test_a_catastrophic_url_pattern_does_not_hold_the_crawl(badsite, sqlite_url, data_dir):
    """``^/(a+)+$`` against ``/aaa…a!`` takes Python's re ~2**40 steps; RE2 answers in linear time."""
    evil = "/" + "a" * 40 + "!"
    badsite.add_page(evil, "<html><body>not an article</body></html>")
    badsite.add_article("/aaaa", "An article whose path the pattern accepts")
    sources = write_sources(data_dir / "sources.toml", badsite.source(article_url_pattern=r"^/(a+)+$"))

    started = time.monotonic()
    result = crawl_sources(sources, sqlite_url, data_dir, timeout=120)

    assert result.returncode in DONE, result.stderr[-3000:]
    assert time.monotonic() - started < 60
    assert _stored_paths(badsite, sqlite_url) == {"/aaaa"}


def test_a_pattern_re2_cannot_run_is_refused_at_load_with_one_line(badsite, sqlite_url, data_dir):
    sources = write_sources(data_dir / "sources.toml", badsite.source(article_url_pattern=r"^/news/(?!private)"))
    result = crawl_sources(sources, sqlite_url, data_dir, timeout=60)
    assert result.returncode == ExitCode.USAGE
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "field 'article_url_pattern' is not a regular expression RE2 can run" in lines[0]
    assert not badsite.seen


def _sitemap_index(*urls: str) -> bytes:
    locs = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</sitemapindex>'.encode()


def _urlset(*urls: str) -> bytes:
    locs = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'.encode()


def test_an_endless_sitemap_index_chain_stops_at_the_depth_bound_with_an_event(badsite, sqlite_url, data_dir):
    _good_articles(badsite)

    def chain(handler: bad.Handler) -> None:  # /maps/chain/N -> an index naming /maps/chain/N+1 and one urlset
        n = int(handler.path.rsplit("/", 1)[1])
        handler.send_body(200, _sitemap_index(badsite.url(f"/maps/chain/{n + 1}"), badsite.url("/maps/articles")))

    badsite.prefixes["/maps/chain/"] = chain
    badsite.add_page("/maps/articles", _urlset(*map(badsite.url, GOOD)), "application/xml")
    badsite.robots += f"Sitemap: {badsite.url('/maps/chain/0')}\n"
    sources = write_sources(data_dir / "sources.toml", badsite.source(start_urls=()))

    result = crawl_sources(sources, sqlite_url, data_dir, "-s", "MEDIAMON_SITEMAP_MAX_DEPTH=3")

    assert result.returncode in DONE, result.stderr[-3000:]
    chain_fetches = [s.path for s in badsite.seen if s.path.startswith("/maps/chain/")]
    assert sorted(chain_fetches) == [f"/maps/chain/{n}" for n in range(4)]  # depth 0 (robots.txt's) to 3
    assert set(GOOD) <= _stored_paths(badsite, sqlite_url)
    [(url, message)] = _kinds(sqlite_url)["discovery_limit"]
    assert url == badsite.url("/maps/chain/3") and "deeper than 3" in message


def test_a_sitemap_index_of_thousands_of_sitemaps_stops_at_the_per_run_bound_with_an_event(
    badsite, sqlite_url, data_dir
):
    _good_articles(badsite)
    badsite.add_page("/maps/index", _sitemap_index(*(badsite.url(f"/maps/part/{n}") for n in range(5000))))
    badsite.prefixes["/maps/part/"] = lambda h: h.send_body(200, _urlset(*map(badsite.url, GOOD)), "application/xml")
    sources = write_sources(
        data_dir / "sources.toml", badsite.source(start_urls=(), sitemaps=(badsite.url("/maps/index"),))
    )

    result = crawl_sources(sources, sqlite_url, data_dir, "-s", "MEDIAMON_SITEMAP_MAX_URLS=20")

    assert result.returncode in DONE, result.stderr[-3000:]
    sitemap_fetches = [s.path for s in badsite.seen if s.path.startswith("/maps/")]
    assert len(sitemap_fetches) == 20  # the index and 19 of its parts
    assert set(GOOD) <= _stored_paths(badsite, sqlite_url)
    [(url, message)] = _kinds(sqlite_url)["discovery_limit"]
    assert url == badsite.url("/maps/index") and "more than 20 sitemaps" in message


def _feed(count: int) -> bytes:
    items = "".join(f"<item><title>Item {n}</title><link>/news/item-{n}</link></item>" for n in range(count))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>{items}</channel></rss>'.encode()


def test_a_huge_feed_is_read_off_the_reactor_up_to_its_item_and_size_caps_with_events(badsite, sqlite_url, data_dir):
    big = _feed(200_000)  # 13.6 MB
    badsite.add_page("/feeds/big.xml", big, "application/rss+xml")
    badsite.add_page("/feeds/few.xml", _feed(30), "application/rss+xml")
    badsite.prefixes["/news/item-"] = lambda h: h.send_body(
        200, bad.article_html(f"Feed item {h.path.rsplit('-', 1)[1]} is a story", bad.LOREM).encode()
    )
    feeds = (badsite.url("/feeds/big.xml"), badsite.url("/feeds/few.xml"))
    sources = write_sources(data_dir / "sources.toml", badsite.source(start_urls=(), feeds=feeds))

    result = crawl_sources(
        sources,
        sqlite_url,
        data_dir,
        "-s",
        f"DOWNLOAD_MAXSIZE={len(big) + 1000}",
        "-s",
        "MEDIAMON_DISCOVERY_MAX_BYTES=2000000",
        "-s",
        "MEDIAMON_DISCOVERY_MAX_ITEMS=10",
    )

    assert result.returncode in DONE, result.stderr[-3000:]
    items = {s.path for s in badsite.seen if s.path.startswith("/news/item-")}
    assert items == {f"/news/item-{n}" for n in range(10)}  # both feeds capped at their first 10 items
    assert len(_stored_paths(badsite, sqlite_url)) == 10
    messages = sorted(m for _, m in _kinds(sqlite_url)["discovery_limit"])
    assert len(messages) == 2, messages
    assert messages[0].startswith("feed has more than 10 entries")
    assert messages[1].startswith(f"feed of {len(big)} bytes: only its first 2000000 read")


# -- hostile redirects, links and bodies ----------------------------------------------------------


def test_a_site_cannot_steer_the_crawl_elsewhere_or_leak_a_password(badsite, sqlite_url, data_dir):
    _good_articles(badsite)
    neighbour = bad.BadSite()  # another port of the same allowed host
    try:
        neighbour.add_article("/news/stolen", "An article from another port that must not be stored")
        badsite.prefixes["/news/moved"] = bad.redirect(neighbour.url("/news/stolen"))
        secret_url = badsite.url("/news/members").replace("http://", "http://reader:s3cretpw@")
        badsite.add_article("/news/members", "A members article reached through a link with a password")
        badsite.prefixes["/news/to-secret"] = bad.redirect(
            badsite.url("/news/other").replace("http://", "http://u:s3cretpw@")
        )
        long_path = "/news/" + "x" * 3000
        badsite.add_page(long_path, bad.article_html("An article behind a 3,000-character URL"))
        bomb = gzip.compress(b"\0" * 3_000_000)
        badsite.add("/news/bomb", lambda h: h.send_body(200, bomb, Content_Encoding="gzip"))
        page = "".join(
            f'<a href="{href}">x</a>'
            for href in (*GOOD, "/news/moved", secret_url, "/news/to-secret", long_path, "/news/bomb")
        )
        badsite.routes["/"] = lambda h: h.send_body(200, f"<html><body>{page}</body></html>".encode())
        sources = write_sources(data_dir / "sources.toml", badsite.source())

        result = crawl_sources(sources, sqlite_url, data_dir, "-s", "DOWNLOAD_MAXSIZE=1000000")

        assert result.returncode in DONE, result.stderr[-3000:]
        assert "Traceback" not in result.stderr
        stored = _stored_paths(badsite, sqlite_url)
        kinds = _kinds(sqlite_url)
        # A redirect to another port of 127.0.0.1 was neither fetched nor stored: an offsite event.
        assert not neighbour.seen
        assert not any("stolen" in path for path in stored)
        assert (badsite.url("/news/moved"), f"not fetched: redirect to {neighbour.url('/news/stolen')}") in [
            (u, m.split(" (")[0]) for u, m in kinds["offsite"]
        ]
        # The link with user info was fetched without it; the redirect to one was refused; the password is nowhere.
        assert "/news/members" in stored
        assert not badsite.requests_for("/news/other")
        userinfo = kinds["url_userinfo"]
        assert (badsite.url("/news/members"), "link with user info: fetched without it") in userinfo
        assert badsite.url("/news/to-secret") in [u for u, _ in userinfo]
        assert "s3cretpw" not in _everything_kept(sqlite_url, data_dir, result.stdout, result.stderr)
        # An over-long link and a body that decompresses past DOWNLOAD_MAXSIZE are events, not only log lines.
        assert not badsite.requests_for(long_path)
        assert [u for u, _ in kinds["url_too_long"]] == [badsite.url("/")]
        [(url, message)] = kinds["body_dropped"]
        assert url == badsite.url("/news/bomb") and "Content-Encoding gzip" in message
        assert set(GOOD) <= stored
    finally:
        neighbour.close()
