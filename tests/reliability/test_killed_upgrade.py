"""A killed `db upgrade` never leaves a stuck database, and two at once do not race (SQLite and PostgreSQL).

Each migration is one transaction with its version stamp: SIGKILL at any moment leaves the
database at the last whole revision, the next `db upgrade` finishes the job and `alembic check`
finds no drift. The moments are taken from the upgrade's own progress (kill when the database
reaches each revision, at once or a little later, i.e. in the middle of the next migration),
not from the clock, which a loaded machine would spend on the interpreter's start-up.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from crawler.exitcodes import ExitCode
from storage.db import make_engine
from storage.migrate import alembic_config, upgrade
from storage.schema import HEAD_REVISION, current_revision
from tests.conftest import _drop_pg_database, _new_pg_database
from tests.e2e.conftest import REPO

pytestmark = pytest.mark.slow

REVISIONS = [f"{n:04d}" for n in range(1, int(HEAD_REVISION))]  # kill after each of these (the head is done)
DELAYS_S = (0.0, 0.08)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def fresh_url(request, tmp_path) -> Iterator:
    """A factory of new empty databases on one backend."""
    made: list[str] = []

    def new(tag: str) -> str:
        if request.param == "sqlite":
            return f"sqlite:///{tmp_path / f'{tag}.db'}"
        admin = request.getfixturevalue("pg_admin_engine")
        name, url = _new_pg_database(admin)
        made.append(name)
        return url

    yield new
    for name in made:
        _drop_pg_database(request.getfixturevalue("pg_admin_engine"), name)


def _db_upgrade(url: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "db", "upgrade", "--db", url],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _revision(engine) -> str | None:
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT max(version_num) FROM alembic_version")).scalar()
    except SQLAlchemyError:
        return None  # no version table yet (or it is being created)


def _kill_when_at(url: str, revision: str, delay_s: float) -> str | None:
    """Start `db upgrade`, SIGKILL it ``delay_s`` after the database reaches ``revision``; the revision it was at."""
    engine = make_engine(url)
    process = _db_upgrade(url)
    try:
        deadline = time.monotonic() + 120
        while (_revision(engine) or "") < revision and process.poll() is None:
            assert time.monotonic() < deadline, "the upgrade never reached " + revision
            time.sleep(0.005)
        time.sleep(delay_s)
        process.kill()
        process.wait(timeout=30)
        return _revision(engine)
    finally:
        engine.dispose()


def _recovers(url: str) -> None:
    upgrade(url)
    engine = make_engine(url)
    try:
        assert current_revision(engine) == HEAD_REVISION
    finally:
        engine.dispose()
    command.check(alembic_config(url))  # raises when the schema differs from the models


def test_a_killed_upgrade_leaves_a_database_that_upgrades(fresh_url):
    left_at: list[str | None] = []
    for revision in REVISIONS:
        for delay in DELAYS_S:
            url = fresh_url(f"kill-{revision}-{int(delay * 1000)}")
            left_at.append(_kill_when_at(url, revision, delay))
            _recovers(url)
    assert len(left_at) == len(REVISIONS) * len(DELAYS_S)
    assert sum(r != HEAD_REVISION for r in left_at) >= len(REVISIONS) // 2, f"too few kills before the end: {left_at}"


def test_two_upgrades_at_once_both_succeed(fresh_url):
    url = fresh_url("twice")
    first, second = _db_upgrade(url), _db_upgrade(url)
    results = [(*p.communicate(timeout=240), p.returncode) for p in (first, second)]
    for out, err, code in results:
        assert code == ExitCode.OK, err
        assert out.strip().endswith(f"is at revision {HEAD_REVISION}"), out
    _recovers(url)
