"""A dead source looks dead: real crawls of sites that fail, and what ops read of them afterwards.

Each test crawls with the real ``mediamon crawl`` and then checks every place ops look: the
run's status and reason, ``mediamon health`` (exit and text), the crawl's summary lines
(what cron keeps), the run's log lines (plain and JSON) and ``mediamon metrics``.
"""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crawler.exitcodes import ExitCode
from storage.models import Article, CrawlRun
from tests.e2e.conftest import FAST, REPO, query, run_mediamon, upgrade_db, wait_for
from tests.faults import badsite as bad
from tests.reliability.conftest import crawl_sources, write_sources

pytestmark = pytest.mark.slow


@pytest.fixture
def badsite():
    site = bad.BadSite()
    yield site
    site.close()


def _run(db: str) -> CrawlRun:
    ((run,),) = query(db, select(CrawlRun).order_by(CrawlRun.id.desc()).limit(1))
    return run


def _log_lines(run: CrawlRun) -> list[str]:
    return Path(run.log_path).read_text(encoding="utf-8").splitlines()


def _metric(text: str, name: str, **labels: str) -> float:
    """The value of the sample ``name{labels}`` in exposition text (labels in any order)."""
    for match in re.finditer(rf"^{name}\{{(.*)\}} (\S+)$", text, re.M):
        if dict(re.findall(r'(\w+)="([^"]*)"', match.group(1))) == labels:
            return float(match.group(2))
    raise AssertionError(f"{name}{labels} not in:\n{text}")


def _health(db: str, data_dir: Path):
    return run_mediamon("health", "--db", db, data_dir=data_dir)


def _free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _assert_failed_everywhere(db: str, data_dir: Path, result, source: str, cause: str) -> CrawlRun:
    """The run is failed for ``cause``, and the summary, health, logs and metrics all say so."""
    assert result.returncode == ExitCode.FINISHED_WITH_ERRORS, result.stdout + result.stderr[-3000:]
    run = _run(db)
    assert (run.status, run.source) == ("failed", source)
    assert cause in run.finish_reason
    # The summary: a line naming the cause and the run, and no "Nothing new".
    assert f"{source}: failed, " in result.stdout and cause in result.stdout, result.stdout
    assert f"(run {run.id}; see `mediamon runs show {run.id}`)" in result.stdout
    assert "Nothing new" not in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith(f"Problems: 1 of 1 source(s) failed ({source})")
    assert "Traceback" not in result.stdout + result.stderr
    # Health: exit 1, and the warning names the run.
    health = _health(db, data_dir)
    assert health.returncode == ExitCode.FINISHED_WITH_ERRORS, health.stdout + health.stderr
    assert f"WARNING {source}: last run failed: {run.finish_reason} (run {run.id}: mediamon runs show {run.id})" in (
        health.stdout
    )
    assert "All sources look healthy." not in health.stdout
    # The log: each fault is one ERROR line (an event) and the verdict another; no traceback, no WARNING.
    lines = _log_lines(run)
    assert not [line for line in lines if "Traceback" in line]
    if lines[0].startswith("{"):
        records = [json.loads(line) for line in lines]
        assert any(r["level"] == "ERROR" and r.get("event_kind") for r in records)
        assert any(r["message"].startswith(f"run {run.id} failed: ") and cause in r["message"] for r in records)
        assert not [r for r in records if r["level"] == "WARNING" or "exception" in r]
    else:
        assert any("ERROR: network_error" in line or "ERROR: http_error" in line for line in lines)
        assert any(f"ERROR: run {run.id} failed: " in line and cause in line for line in lines)
        assert not [line for line in lines if " WARNING: " in line]
    # Metrics.
    metrics = run_mediamon("metrics", "--db", db, data_dir=data_dir)
    assert metrics.returncode == 0, metrics.stderr
    assert _metric(metrics.stdout, "mediamon_last_run_status", source=source, status="failed") == 1
    assert _metric(metrics.stdout, "mediamon_last_run_status", source=source, status="finished") == 0
    assert _metric(metrics.stdout, "mediamon_last_run_articles_new", source=source) == 0
    assert _metric(metrics.stdout, "mediamon_health_warnings", source=source) >= 1
    assert "mediamon_last_success_timestamp_seconds{" not in metrics.stdout
    assert metrics.stdout.rstrip().endswith("# EOF")  # OpenMetrics
    return run


def test_an_unresolvable_host_fails_fast_with_its_cause(tmp_path, sqlite_url, data_dir):
    from crawler.sources import Source

    host = "news.mediamon-test.invalid"
    source = Source(
        name="nowhere",
        homepage=f"http://{host}/",
        languages=("en",),
        feeds=(f"http://{host}/rss.xml",),
        start_urls=(f"http://{host}/", f"http://{host}/world/", f"http://{host}/politics/"),
        article_url_pattern=r"^/news/",
    )
    sources = write_sources(tmp_path / "sources.toml", source)
    started = time.monotonic()
    # Live-site politeness (AutoThrottle's 5 s start delay, 3 retries) as cron would run it: not FAST.
    upgrade_db(sqlite_url)
    result = run_mediamon(
        "--sources", str(sources), "crawl", "--db", sqlite_url, "--log-format", "json", data_dir=data_dir
    )
    elapsed = time.monotonic() - started
    run = _assert_failed_everywhere(sqlite_url, data_dir, result, "nowhere", f"DNS lookup failed for {host}")
    # One name that does not resolve, retried once, then every other request of the host fails at once:
    # 4 requests x 4 attempts behind AutoThrottle's start delay took ~90 s before.
    assert elapsed < 40, elapsed
    assert run.stats["faults/dns"] == 4
    assert run.stats.get("retry/fast_failed", 0) >= 2
    records = [json.loads(line) for line in _log_lines(run)]
    events = [r for r in records if r.get("event_kind") == "network_error"]
    assert events and all(
        r["run_id"] == run.id and r["crawl_id"] == run.crawl_id and r["source"] == "nowhere" and r["url"]
        for r in events
    )
    assert {r["url"] for r in events} == {*source.feeds, *source.start_urls}
    (dump,) = [r for r in records if r["message"] == "Dumping Scrapy stats"]
    assert dump["stats"]["mediamon/status"] == "failed" and dump["stats"]["faults/dns"] == 4
    banners = [r for r in records if r["message"].startswith("Overridden settings")]
    assert len(banners) == 1


def test_a_refused_port_fails_with_its_cause(tmp_path, sqlite_url, data_dir):
    from crawler.sources import Source

    netloc = f"127.0.0.1:{_free_port()}"
    source = Source(
        name="refusing",
        homepage=f"http://{netloc}/",
        languages=("en",),
        allowed_domains=(netloc,),  # host and port (issue 17)
        feeds=(f"http://{netloc}/feed.xml",),
        start_urls=(f"http://{netloc}/",),
        article_url_pattern=r"^/news/",
    )
    textfile = tmp_path / "mediamon.prom"
    sources = write_sources(tmp_path / "sources.toml", source)
    result = crawl_sources(sources, sqlite_url, data_dir, "--metrics-textfile", str(textfile))
    run = _assert_failed_everywhere(sqlite_url, data_dir, result, "refusing", f"connection refused by {netloc}")
    assert run.stats["faults/refused"] == 2
    # The crawl refreshed node_exporter's textfile at its end.
    text = textfile.read_text(encoding="utf-8")
    assert _metric(text, "mediamon_last_run_status", source="refusing", status="failed") == 1
    assert _metric(text, "mediamon_last_run_errors", source="refusing", kind="network_error") == 2


def test_a_site_whose_feed_and_pages_answer_404_fails(badsite, tmp_path, sqlite_url, data_dir):
    badsite.add("/", bad.status(404))
    source = badsite.source(
        "gone", feeds=(badsite.url("/feed.xml"),), start_urls=(badsite.url("/"), badsite.url("/en/"))
    )
    result = crawl_sources(write_sources(tmp_path / "sources.toml", source), sqlite_url, data_dir)
    _assert_failed_everywhere(sqlite_url, data_dir, result, "gone", "all 3 request(s) answered 404")
    assert "gone: failed, no page fetched: all 3 request(s) answered 404" in result.stdout
    metrics = run_mediamon("metrics", "--db", sqlite_url, data_dir=data_dir).stdout
    assert _metric(metrics, "mediamon_last_run_errors", source="gone", kind="http_error") == 3


def test_a_listing_without_article_links_is_visible_and_flagged_after_three_runs(
    badsite, tmp_path, sqlite_url, data_dir
):
    for n in range(10):
        badsite.add_page(f"/section/{n}", "<html><body><h1>Section</h1><p>No stories today.</p></body></html>")
    sources = write_sources(tmp_path / "sources.toml", badsite.source("empty"))
    results = [crawl_sources(sources, sqlite_url, data_dir) for _ in range(3)]
    first = results[0]
    assert first.returncode == ExitCode.OK, first.stdout + first.stderr[-3000:]
    runs = query(sqlite_url, select(CrawlRun.status, CrawlRun.finish_reason, CrawlRun.pages_fetched))
    assert [(s, r) for s, r, _ in runs] == [("finished", "discovery found no article URL (11 page(s) fetched)")] * 3
    assert "empty: finished, discovery found no article URL (11 page(s) fetched) (run 1; see" in first.stdout
    assert (
        first.stdout.rstrip().splitlines()[-1] == "Nothing new: discovery found no article URL for 1 source(s) (empty)."
    )
    health = _health(sqlite_url, data_dir)
    assert health.returncode == ExitCode.FINISHED_WITH_ERRORS, health.stdout
    last = _run(sqlite_url)
    assert (
        f"WARNING empty: discovery found no article URL in the last 3 runs (the listing or the URL pattern changed?) "
        f"(run {last.id}: mediamon runs show {last.id})"
    ) in health.stdout
    metrics = run_mediamon("metrics", "--db", sqlite_url, data_dir=data_dir).stdout
    assert _metric(metrics, "mediamon_last_run_status", source="empty", status="finished") == 1
    assert _metric(metrics, "mediamon_last_run_pages_fetched", source="empty") >= 11
    assert _metric(metrics, "mediamon_health_warnings", source="empty") == 1
    lines = _log_lines(last)
    assert any(f"INFO: run {last.id} finished: discovery found no article URL" in line for line in lines)
    assert not [line for line in lines if " WARNING: " in line or " ERROR: " in line]


def test_sigterm_mid_crawl_ends_within_seconds_and_keeps_what_was_extracted(badsite, tmp_path, sqlite_url, data_dir):
    fast = [badsite.add_article(f"/news/fast-{n}", f"Fast article number {n} is stored") for n in range(3)]
    for n in range(4):
        badsite.add(f"/news/slow-{n}", bad.hang(badsite, 60))  # answers nothing within DOWNLOAD_TIMEOUT (30 s)
    sources = write_sources(tmp_path / "sources.toml", badsite.source("slowsite"))
    upgrade_db(sqlite_url)
    process = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "--sources", str(sources), "crawl", *FAST, "--db", sqlite_url],
        cwd=REPO,
        env={**__import__("os").environ, "MEDIAMON_DATA_DIR": str(data_dir), "MEDIAMON_STORE_BATCH_SIZE": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(lambda: len(badsite.requests_for("/news/slow-0")) >= 1, timeout=60)
        wait_for(lambda: query(sqlite_url, select(func.count()).select_from(Article))[0][0] >= len(fast), timeout=60)
        sent = time.monotonic()
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
        took = time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
    assert took < 10, f"took {took:.1f} s to stop\n{err[-3000:]}"
    assert process.returncode == ExitCode.INTERRUPTED, err[-3000:]
    run = _run(sqlite_url)
    assert run.status == "interrupted" and run.finish_reason.startswith("interrupted (shutdown)")
    assert run.articles_new == len(fast)
    assert f"slowsite: interrupted, {run.finish_reason} (run {run.id}; see `mediamon runs show {run.id}`)" in out
    assert out.rstrip().splitlines()[-1].startswith(f"Interrupted: stored {len(fast)} new article(s)")
    assert "Nothing new" not in out and "Traceback" not in err
    health = _health(sqlite_url, data_dir)
    assert health.returncode == ExitCode.OK, health.stdout  # an interruption is not a fault of the source
    lines = _log_lines(run)
    assert any("request(s) still in progress abandoned" in line for line in lines)
    assert any(f"WARNING: run {run.id} interrupted: " in line for line in lines)
    metrics = run_mediamon("metrics", "--db", sqlite_url, data_dir=data_dir).stdout
    assert _metric(metrics, "mediamon_last_run_status", source="slowsite", status="interrupted") == 1
    assert _metric(metrics, "mediamon_last_run_articles_new", source="slowsite") == len(fast)
    assert _metric(metrics, "mediamon_articles_stored", source="slowsite") == len(fast)


def test_a_source_that_overruns_its_time_budget_is_stopped_in_seconds(badsite, tmp_path, sqlite_url, data_dir):
    fast = [badsite.add_article(f"/news/fast-{n}", f"Fast article number {n} is stored") for n in range(2)]
    for n in range(3):
        badsite.add(f"/news/slow-{n}", bad.hang(badsite, 60))
    sources = write_sources(tmp_path / "sources.toml", badsite.source("slowsite"))
    started = time.monotonic()
    result = crawl_sources(sources, sqlite_url, data_dir, "--source-timeout", "4", "-s", "MEDIAMON_STORE_BATCH_SIZE=1")
    elapsed = time.monotonic() - started
    assert result.returncode == ExitCode.OK, result.stdout + result.stderr[-3000:]
    assert elapsed < 25, elapsed  # 4 s of budget and 3 s of grace, not DOWNLOAD_TIMEOUT's 30 s per hanging page
    run = _run(sqlite_url)
    assert run.status == "stopped"
    assert re.fullmatch(r"time budget of 4 s used up after \d+ page\(s\)", run.finish_reason)
    assert run.articles_new == len(fast)
    assert f"slowsite: stopped, {run.finish_reason} (run {run.id}; see" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1] == f"Stored {len(fast)} new article(s); 0 already known."
    assert any("time budget of 4 s used up: closing the run" in line for line in _log_lines(run))


def test_a_site_whose_every_article_fails_has_a_failed_run(badsite, tmp_path, sqlite_url, data_dir):
    for n in range(5):
        badsite.add(f"/news/broken-{n}", bad.status(500))
    sources = write_sources(tmp_path / "sources.toml", badsite.source("broken"))
    result = crawl_sources(sources, sqlite_url, data_dir, "-s", "RETRY_TIMES=0")
    run = _assert_failed_everywhere(
        sqlite_url, data_dir, result, "broken", "all 5 article request(s) failed: all 5 request(s) answered 500"
    )
    assert run.pages_fetched >= 6  # the homepage answered: the articles did not
