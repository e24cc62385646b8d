"""End to end: ``mediamon crawl --workers 2`` against generated sites, with Redis into PostgreSQL, and without Redis."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from storage.models import Article, CrawlRun
from tests.distributed.conftest import GeneratedSiteServer
from tests.e2e.conftest import FAST, count_articles, query, run_mediamon, upgrade_db

pytestmark = pytest.mark.slow


def _runs(url: str) -> list:
    return query(url, select(CrawlRun).order_by(CrawlRun.id))


@pytest.mark.redis
@pytest.mark.postgres
def test_two_redis_workers_store_every_article_once_and_the_ledger_adds_up(
    tmp_path, pg_url, redis_space, data_dir
) -> None:
    site = GeneratedSiteServer(tmp_path, 2000)
    redis_options = ("--redis", redis_space.url, "-s", f"MEDIAMON_REDIS_PREFIX={redis_space.prefix}")
    crawl = ("--sources", str(site.sources_file), "crawl", *FAST, "--db", pg_url, *redis_options)
    try:
        upgrade_db(pg_url)
        result = run_mediamon(
            *crawl, "--workers", "2", "-s", "MAX_IDLE_TIME_BEFORE_CLOSE=3", data_dir=data_dir, timeout=600
        )
        assert result.returncode == 0, result.stdout + result.stderr
        stored = count_articles(pg_url)
        assert stored == 2000
        distinct = query(pg_url, select(func.count(func.distinct(Article.url_hash))))[0][0]
        assert distinct == 2000
        runs = [row[0] for row in _runs(pg_url)]
        assert len(runs) == 2, "one run per worker"
        assert len({r.pid for r in runs}) == 2
        assert {r.status for r in runs} == {"finished"}
        assert len({r.crawl_id for r in runs}) == 1 and runs[0].crawl_id
        assert all(r.articles_new > 0 for r in runs), [r.articles_new for r in runs]
        assert sum(r.articles_new for r in runs) == stored
        assert redis_space.keys() == [], "the last worker deletes the crawl's keys"

        # The next (cron) crawl has a frontier of its own: it reads the sitemaps again and stores nothing twice.
        again = run_mediamon(*crawl, "-s", "MAX_IDLE_TIME_BEFORE_CLOSE=2", data_dir=data_dir, timeout=600)
        assert again.returncode == 0, again.stdout + again.stderr
        assert count_articles(pg_url) == 2000
        last = [row[0] for row in _runs(pg_url)][-1]
        assert last.crawl_id != runs[0].crawl_id
        assert last.pages_fetched > 1 and last.stats.get("incremental/skipped_known", 0) > 0
    finally:
        site.close()


@pytest.mark.redis
@pytest.mark.postgres
def test_articles_found_only_through_related_links_are_all_crawled_by_the_workers(
    tmp_path, pg_url, redis_space, data_dir
) -> None:
    """The workers hold related links to claim them together; the last ones go out when the workers run dry."""
    site = GeneratedSiteServer(tmp_path, 400, in_sitemap=250)
    try:
        upgrade_db(pg_url)
        result = run_mediamon(
            "--sources", str(site.sources_file), "crawl", *FAST, "--db", pg_url, "--redis", redis_space.url,
            "-s", f"MEDIAMON_REDIS_PREFIX={redis_space.prefix}", "-s", "MAX_IDLE_TIME_BEFORE_CLOSE=3",
            "--workers", "2", data_dir=data_dir, timeout=600,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        assert count_articles(pg_url) == 400
        assert query(pg_url, select(func.count(func.distinct(Article.url_hash))))[0][0] == 400
        runs = [row[0] for row in _runs(pg_url)]
        assert sum(r.articles_new for r in runs) == 400
        assert not any(r.stats.get("frontier/held_dropped") for r in runs)
    finally:
        site.close()


@pytest.mark.parametrize("fork", ["1", "0"], ids=["forked workers", "workers as new processes"])
def test_workers_without_redis_split_the_sources_under_one_crawl_id(tmp_path, sqlite_url, data_dir, fork) -> None:
    from crawler.sources import dump_sources

    one, two = GeneratedSiteServer(tmp_path, 30, "site_one"), GeneratedSiteServer(tmp_path, 40, "site_two")
    sources_file = tmp_path / "sources.toml"
    sources_file.write_text(dump_sources([one.source, two.source]), encoding="utf-8")
    try:
        upgrade_db(sqlite_url)
        result = run_mediamon(
            "--sources", str(sources_file), "crawl", *FAST, "--db", sqlite_url, "--workers", "2",
            data_dir=data_dir, env={"MEDIAMON_FORK_WORKERS": fork},
        )  # fmt: skip
    finally:
        one.close()
        two.close()
    assert result.returncode == 0, result.stdout + result.stderr
    assert count_articles(sqlite_url) == 70
    runs = [row[0] for row in _runs(sqlite_url)]
    assert sorted(r.source for r in runs) == ["site_one", "site_two"]
    assert len({r.pid for r in runs}) == 2
    assert len({r.crawl_id for r in runs}) == 1 and runs[0].crawl_id
    assert "Worker 1/2" in result.stdout and "Worker 2/2" in result.stdout


def test_sigterm_to_a_crawl_with_workers_stops_every_worker_gracefully(tmp_path, sqlite_url, data_dir) -> None:
    import os
    import signal
    import subprocess
    import sys

    from crawler.exitcodes import ExitCode
    from crawler.sources import dump_sources
    from tests.e2e.conftest import REPO, wait_for

    sites = [GeneratedSiteServer(tmp_path, 40, "site_one"), GeneratedSiteServer(tmp_path, 40, "site_two")]
    sources_file = tmp_path / "sources.toml"
    sources_file.write_text(dump_sources([s.source for s in sites]), encoding="utf-8")
    for site in sites:
        site.server.options.delay = 0.3
    upgrade_db(sqlite_url)
    command = ["--sources", str(sources_file), "crawl", *FAST, "-s", "CONCURRENT_REQUESTS=2", "--db", sqlite_url]
    process = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", *command, "--workers", "2"],
        cwd=REPO,
        env={**os.environ, "MEDIAMON_DATA_DIR": str(data_dir)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        articles = [lambda s=s: sum("/news/" in p for p in s.server.options.requests) >= 3 for s in sites]
        wait_for(lambda: all(f() for f in articles), timeout=120)
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
        for site in sites:
            site.close()
    assert process.returncode == ExitCode.INTERRUPTED, out + err[-3000:]
    runs = [row[0] for row in _runs(sqlite_url)]
    assert sorted(r.source for r in runs) == ["site_one", "site_two"]
    assert {r.status for r in runs} == {"interrupted"}, [(r.source, r.status) for r in runs]
    assert len({r.pid for r in runs} - {process.pid}) == 2, "each source was crawled by a worker of its own"
    assert 0 < count_articles(sqlite_url) < 80
    for pid in {r.pid for r in runs}:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        raise AssertionError(f"worker {pid} outlived the crawl")
