"""Real faults during real crawls: the database goes away, the process is killed. Nothing is lost."""

from __future__ import annotations

import signal
import time

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from crawler.exitcodes import ExitCode
from storage.models import Article, CrawlEvent, CrawlRun
from tests.e2e.conftest import (
    count_articles,
    crawl,
    manifest_articles,
    query,
    run_mediamon,
    start_crawl,
    upgrade_db,
    wait_for,
)
from tests.faults.proxy import FaultProxy

pytestmark = pytest.mark.slow


def _paths() -> list[str]:
    return [a["path"] for a in manifest_articles("caliber_az")]


@pytest.mark.postgres
def test_postgresql_cut_mid_crawl_loses_nothing(caliber_site, pg_url, data_dir):
    upgrade_db(pg_url)
    parsed = make_url(pg_url)
    proxy = FaultProxy(parsed.host, parsed.port or 5432)
    proxied = parsed.set(port=proxy.port).render_as_string(hide_password=False)
    caliber_site.options.delay = 0.3
    try:
        process = start_crawl(
            caliber_site, proxied, data_dir, "-s", "CONCURRENT_REQUESTS=2", "-s", "MEDIAMON_STORE_BATCH_SIZE=1"
        )
        wait_for(lambda: count_articles(pg_url) >= 2)
        proxy.cut()
        time.sleep(2.5)
        stored_during_cut = count_articles(pg_url)
        proxy.restore()
        _out, err = process.communicate(timeout=120)
    finally:
        proxy.close()
    assert stored_during_cut < len(_paths())
    assert process.returncode == ExitCode.DATABASE_UNAVAILABLE, err[-3000:]
    assert list((data_dir / "spool").glob("*.jsonl")), "the items written during the cut wait in the spool"

    replay = run_mediamon("db", "replay", "--db", pg_url, data_dir=data_dir)
    assert replay.returncode == 0, replay.stderr
    assert replay.stdout.startswith("Replayed ")
    assert count_articles(pg_url) == len(_paths())
    urls = [u for (u,) in query(pg_url, select(Article.canonical_url))]
    assert len(urls) == len(set(urls))
    kinds = {k for (k,) in query(pg_url, select(CrawlEvent.kind))}
    assert "storage_error" in kinds
    assert not list((data_dir / "spool").glob("*.jsonl"))


def test_sigkill_loses_no_committed_article_and_leaves_no_lock(caliber_site, sqlite_url, data_dir):
    upgrade_db(sqlite_url)
    caliber_site.options.delay = 0.3
    process = start_crawl(
        caliber_site, sqlite_url, data_dir, "-s", "CONCURRENT_REQUESTS=2", "-s", "MEDIAMON_STORE_BATCH_SIZE=1"
    )
    wait_for(lambda: count_articles(sqlite_url) >= 2)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    committed = count_articles(sqlite_url)
    assert committed >= 2

    caliber_site.options.delay = 0
    result = crawl(caliber_site, sqlite_url, data_dir)
    assert result.returncode == ExitCode.OK, result.stderr[-3000:]
    assert "earlier run(s) had died; marked failed" in result.stderr
    assert count_articles(sqlite_url) == len(_paths())
    statuses = [s for (s,) in query(sqlite_url, select(CrawlRun.status).order_by(CrawlRun.id))]
    assert statuses == ["failed", "finished"]
