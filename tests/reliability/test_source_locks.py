"""Analysts cannot block cron: the read-only role of `db grant-readonly` cannot hold a source's lock.

Source locks on PostgreSQL are row locks on ``source_locks`` (which need UPDATE), no longer
advisory locks that any role may take. The role tries the old advisory key, a row lock and a
table lock, holds what it got, and a real crawl of the source still runs and stores its articles.
Workers of a distributed crawl still share a source's lock and keep plain runs out, on both backends.
"""

from __future__ import annotations

import hashlib

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from crawler.cli import main
from crawler.exitcodes import ExitCode
from crawler.runtime.locks import SourceLocked, SourceLocks
from crawler.runtime.workers import SharedSourceLocks
from storage.db import make_engine
from tests.conftest import login_role
from tests.e2e.conftest import LocalSite, count_articles, crawl, upgrade_db


def _old_advisory_key(source: str) -> int:
    """The key the old code locked a source with (pg_try_advisory_lock)."""
    digest = hashlib.blake2b(f"mediamon:{source}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@pytest.fixture
def readonly_role(pg_admin_engine, pg_url):
    """The URL of a LOGIN role given `mediamon db grant-readonly` on a migrated database."""
    upgrade_db(pg_url)
    with login_role(pg_admin_engine, pg_url, "analyst") as role:
        granted = CliRunner().invoke(main, ["db", "grant-readonly", role, "--db", pg_url])
        assert granted.exit_code == 0, granted.output
        yield make_url(pg_url).set(username=role, password=None)


@pytest.mark.postgres
@pytest.mark.slow
def test_the_readonly_role_cannot_stop_a_crawl(readonly_role, pg_url, tmp_path):
    site = LocalSite(["caliber_az"], tmp_path)
    analyst = create_engine(readonly_role)
    try:
        [source] = site.sources
        with analyst.connect() as connection:  # a forgotten query or open transaction ends by itself
            assert connection.scalar(text("SHOW statement_timeout")) == "5min"
            assert connection.scalar(text("SHOW idle_in_transaction_session_timeout")) == "1min"
        # Everything the role may try, held in open sessions while the crawl runs.
        advisory = analyst.connect()
        assert advisory.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": _old_advisory_key(source.name)})
        table = analyst.connect()
        table.execute(text("LOCK TABLE source_locks IN ACCESS SHARE MODE"))  # the most SELECT allows
        for mode in ("UPDATE", "NO KEY UPDATE", "SHARE", "KEY SHARE"):
            with analyst.connect() as row, pytest.raises(ProgrammingError, match="permission denied"):
                row.execute(text(f"SELECT * FROM source_locks FOR {mode} NOWAIT"))
        with analyst.connect() as row, pytest.raises(ProgrammingError, match="permission denied"):
            row.execute(text("LOCK TABLE source_locks IN ROW SHARE MODE"))

        result = crawl(site, pg_url, tmp_path / "var", timeout=240)
        assert result.returncode == ExitCode.OK, result.stderr[-3000:]
        assert "locked" not in result.stderr
        assert count_articles(pg_url) > 0
        advisory.close()
        table.close()
    finally:
        analyst.dispose()
        site.close()


def test_plain_runs_exclude_each_other_and_workers_share(migrated_url, tmp_path):
    """The row locks (PostgreSQL) and flocks (SQLite) keep one crawl per source; workers of one crawl share it."""
    engine = make_engine(migrated_url)
    with SourceLocks(engine, migrated_url, tmp_path) as one, SourceLocks(engine, migrated_url, tmp_path) as two:
        one.acquire("azernews")
        one.acquire("trend")
        with pytest.raises(SourceLocked):
            two.acquire("azernews")
        two.acquire("apa")
        one.release()
        two.acquire("azernews")
    with (
        SharedSourceLocks(engine, migrated_url, tmp_path) as first,
        SharedSourceLocks(engine, migrated_url, tmp_path, 0.5) as second,
    ):
        first.acquire("azernews")
        first.acquire("trend")
        assert first.alone == {"azernews", "trend"}
        with pytest.raises(SourceLocked):
            second.acquire("azernews")  # not while the first holds it exclusively
        first.share()
        second.acquire("azernews")
        second.acquire("trend")
        assert second.alone == set()
        with SourceLocks(engine, migrated_url, tmp_path) as plain:
            for source in ("azernews", "trend"):
                with pytest.raises(SourceLocked):
                    plain.acquire(source)
    with SourceLocks(engine, migrated_url, tmp_path) as plain:
        plain.acquire("azernews")
        with SharedSourceLocks(engine, migrated_url, tmp_path, 0.3) as worker, pytest.raises(SourceLocked):
            worker.acquire("azernews")
    engine.dispose()
