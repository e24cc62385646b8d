"""Network faults from a site: retried with backoff, then recorded as events; the good articles all arrive."""

from __future__ import annotations

import pytest

from crawler.exitcodes import ExitCode
from tests.faults import badsite as bad
from tests.reliability.conftest import crawl_sources, outcome, write_sources

pytestmark = pytest.mark.slow

GOOD = [f"/news/good-{n}" for n in range(1, 7)]
RETRY = ("-s", "DOWNLOAD_TIMEOUT=1", "-s", "RETRY_TIMES=2", "-s", "MEDIAMON_RETRY_BASE_DELAY=0.2")


def _good_article(site: bad.BadSite, path: str) -> None:
    n = path.rsplit("-", 1)[1]
    site.add_article(path, f"Good article number {n} arrives intact", paragraphs=(f"Story {n}.", *bad.LOREM))


def _endless_redirects(handler: bad.Handler) -> None:
    """/news/chain/N -> /news/chain/N+1, forever."""
    n = int(handler.path.rsplit("/", 1)[1])
    bad.redirect(f"/news/chain/{n + 1}")(handler)


def test_site_faults_are_retried_then_recorded_and_good_articles_all_stored(badsite, sqlite_url, data_dir, measure):
    for path in GOOD:
        _good_article(badsite, path)
    throttled_page = bad.article_html("Throttled article arrives on the second try", ("Throttled.", *bad.LOREM))
    badsite.add("/news/throttled", bad.then_ok(bad.status(429, Retry_After="1"), throttled_page))
    faults = {
        badsite.add("/news/timeout", bad.hang(badsite, 2.5)): "network_error",
        badsite.add("/news/reset", bad.reset): "network_error",
        badsite.add("/news/unavailable", bad.status(503, Retry_After="0")): "http_error",
        badsite.add("/news/server-error", bad.status(500)): "http_error",
        badsite.add("/news/too-many", bad.status(429)): "http_error",
        badsite.add("/news/loop", bad.redirect("/news/loop-back")): "http_error",
        badsite.add("/news/chain/0", _endless_redirects): "http_error",
        badsite.add("/news/truncated", bad.truncated(b"<html><body><h1>Cut off", 10_000)): "network_error",
    }
    badsite.prefixes["/news/loop-back"] = bad.redirect("/news/loop")  # not linked: reached only by the loop
    badsite.prefixes["/news/chain/"] = _endless_redirects
    sources = write_sources(data_dir / "sources.toml", badsite.source())

    result = crawl_sources(sources, sqlite_url, data_dir, *RETRY, "-s", "REDIRECT_MAX_TIMES=4")

    assert result.returncode == ExitCode.FINISHED_WITH_ERRORS, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    got = outcome(sqlite_url)
    stored = {url.removeprefix(badsite.base_url) for url in got.articles}
    assert set(GOOD) | {"/news/throttled"} <= stored
    for path, kind in faults.items():
        events = got.events_for(badsite.url(path))
        assert kind in {e[0] for e in events}, (path, got.events)
        assert path not in stored
    [(status, stats)] = got.runs
    assert status == "finished"
    # Retryable faults were tried 1 + RETRY_TIMES times; the rest (a loop, a broken connection) are not retried blindly.
    for path in ("/news/timeout", "/news/unavailable", "/news/server-error", "/news/too-many", "/news/truncated"):
        assert len(badsite.requests_for(path)) == 3, path
    assert stats["retry/backoff_count"] >= 10
    assert stats["retry/retry_after_honoured"] >= 1
    assert stats["redirect/given_up"] == 2
    assert len(badsite.requests_for("/news/loop")) == 1
    assert len([s for s in badsite.seen if s.path.startswith("/news/chain/")]) == 1 + 4

    # 429 with Retry-After: 1 waited at least a second, then the article was stored.
    first, second = badsite.requests_for("/news/throttled")
    assert second.at - first.at >= 1.0
    assert got.articles[badsite.url("/news/throttled")][0] == "Throttled article arrives on the second try"

    article_paths = {s.path for s in badsite.seen if s.path.startswith("/news/")}
    lost = len(set(GOOD) - stored) + sum(1 for p in faults if not got.events_for(badsite.url(p)))
    measure(faults=len(faults) + 1, crawled=len(article_paths), stored=len(stored), lost=lost)


def test_backoff_never_exceeds_the_configured_cap(badsite, sqlite_url, data_dir):
    """A Retry-After of an hour is capped by MEDIAMON_RETRY_MAX_DELAY: the run does not stall."""
    badsite.add("/news/slow-down", bad.status(503, Retry_After="3600"))
    _good_article(badsite, "/news/good-1")
    sources = write_sources(data_dir / "sources.toml", badsite.source())

    result = crawl_sources(sources, sqlite_url, data_dir, *RETRY, "-s", "MEDIAMON_RETRY_MAX_DELAY=1", timeout=60)

    assert result.returncode == ExitCode.FINISHED_WITH_ERRORS, result.stderr[-3000:]
    first, *_, last = badsite.requests_for("/news/slow-down")
    assert 2.0 <= last.at - first.at < 10
    got = outcome(sqlite_url)
    assert "http_error" in {e[0] for e in got.events_for(badsite.url("/news/slow-down"))}
    assert got.runs[0][1]["retry/backoff_max_seconds"] == 1.0
