"""Real faults during real crawls: the database goes away, the process is killed. Nothing is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from crawler.exitcodes import ExitCode
from storage.db import make_engine, make_sessionmaker
from storage.models import Article, CrawlEvent, CrawlRun
from tests.e2e.conftest import FAST, REPO, crawl, manifest_articles, run_mediamon, upgrade_db
from tests.faults.proxy import FaultProxy

pytestmark = pytest.mark.slow


def _query(url: str, statement):
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as session:
            return session.execute(statement).all()
    finally:
        engine.dispose()


def _count(url: str) -> int:
    return _query(url, select(func.count()).select_from(Article))[0][0]


def _paths() -> list[str]:
    return [a["path"] for a in manifest_articles("caliber_az")]


def _wait_for(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("condition not reached in time")


def _start(site, db: str, data_dir, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "--sources", str(site.sources_file), "crawl", *FAST, "--db", db, *extra],
        cwd=REPO,
        env={**os.environ, "MEDIAMON_DATA_DIR": str(data_dir)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.postgres
def test_postgresql_cut_mid_crawl_loses_nothing(caliber_site, pg_url, data_dir):
    upgrade_db(pg_url)
    parsed = make_url(pg_url)
    proxy = FaultProxy(parsed.host, parsed.port or 5432)
    proxied = parsed.set(port=proxy.port).render_as_string(hide_password=False)
    caliber_site.options.delay = 0.3
    try:
        process = _start(
            caliber_site, proxied, data_dir, "-s", "CONCURRENT_REQUESTS=2", "-s", "MEDIAMON_STORE_BATCH_SIZE=1"
        )
        _wait_for(lambda: _count(pg_url) >= 2)
        proxy.cut()
        time.sleep(2.5)
        stored_during_cut = _count(pg_url)
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
    assert _count(pg_url) == len(_paths())
    urls = [u for (u,) in _query(pg_url, select(Article.canonical_url))]
    assert len(urls) == len(set(urls))
    kinds = {k for (k,) in _query(pg_url, select(CrawlEvent.kind))}
    assert "storage_error" in kinds
    assert not list((data_dir / "spool").glob("*.jsonl"))


def test_sigkill_loses_no_committed_article_and_leaves_no_lock(caliber_site, sqlite_url, data_dir):
    upgrade_db(sqlite_url)
    caliber_site.options.delay = 0.3
    process = _start(
        caliber_site, sqlite_url, data_dir, "-s", "CONCURRENT_REQUESTS=2", "-s", "MEDIAMON_STORE_BATCH_SIZE=1"
    )
    _wait_for(lambda: _count(sqlite_url) >= 2)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    committed = _count(sqlite_url)
    assert committed >= 2

    caliber_site.options.delay = 0
    result = crawl(caliber_site, sqlite_url, data_dir)
    assert result.returncode == ExitCode.OK, result.stderr[-3000:]
    assert "earlier run(s) had died; marked failed" in result.stderr
    assert _count(sqlite_url) == len(_paths())
    statuses = [s for (s,) in _query(sqlite_url, select(CrawlRun.status).order_by(CrawlRun.id))]
    assert statuses == ["failed", "finished"]
