"""Fixtures of the analyst tests: a small archive on each backend, a CLI runner."""

from __future__ import annotations

import pytest
from analyst_data import ARTICLES, store
from click.testing import CliRunner
from sqlalchemy.engine import make_url
from webhook_receiver import receiver  # noqa: F401 - a fixture of the watch tests

from crawler.cli import main
from storage.db import make_engine
from tests.conftest import login_role


@pytest.fixture
def archive_url(migrated_url) -> str:
    """A migrated database holding ARTICLES."""
    store(migrated_url, ARTICLES)
    return migrated_url


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def pg_role(pg_admin_engine, archive_url):
    """A LOGIN role of this test's own (a name that needs quoting), dropped with its grants afterwards."""
    with login_role(pg_admin_engine, archive_url) as role:
        yield role


@pytest.fixture
def reader_url(request, archive_url) -> str:
    """The archive as `mediamon sql` is meant to be run: on PostgreSQL as a role given `db grant-readonly`."""
    if archive_url.startswith("sqlite"):
        return archive_url
    role = request.getfixturevalue("pg_role")
    granted = CliRunner().invoke(main, ["db", "grant-readonly", role, "--db", archive_url])
    assert granted.exit_code == 0, granted.output
    return make_url(archive_url).set(username=role, password=None).render_as_string(hide_password=False)


@pytest.fixture
def connection(archive_url):
    """A connection to the shared archive (the trend tests read through it)."""
    engine = make_engine(archive_url)
    with engine.connect() as connection:
        yield connection
    engine.dispose()
