"""Shared fixtures: databases of the tests' own on SQLite and PostgreSQL, sample sites.

PostgreSQL tests run against the server at MEDIAMON_TEST_PG_URL (default: the
local one). Each test gets a database of its own, dropped afterwards. Without
the server the tests skip with a reason, except in CI (CI=true), where they fail.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_SERVER_URL = os.environ.get("MEDIAMON_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# CI explores the same examples on every run (a red build names a change, not a lucky draw);
# a developer's runs keep drawing new ones, which is how the property tests find bugs.
settings.register_profile("ci", derandomize=True, print_blob=True)
if IN_CI:
    settings.load_profile("ci")


def service_missing(what: str, exc: BaseException) -> None:
    """Skip (fail in CI) a test whose service is not running."""
    message = f"{what} is not reachable ({type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc) else ''})"
    if IN_CI:
        pytest.fail(f"{message}; CI=true requires it", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def pg_admin_engine():
    engine = create_engine(PG_SERVER_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
    try:
        with engine.connect():
            pass
    except Exception as exc:  # noqa: BLE001
        service_missing(f"PostgreSQL at {make_url(PG_SERVER_URL).render_as_string(hide_password=True)}", exc)
    yield engine
    engine.dispose()


def _new_pg_database(admin) -> tuple[str, str]:
    name = f"mediamon_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    return name, make_url(PG_SERVER_URL).set(database=name).render_as_string(hide_password=False)


def _drop_pg_database(admin, name: str) -> None:
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def pg_url(pg_admin_engine) -> Iterator[str]:
    """A fresh, empty PostgreSQL database of this test's own."""
    name, url = _new_pg_database(pg_admin_engine)
    try:
        yield url
    finally:
        _drop_pg_database(pg_admin_engine, name)


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """An empty SQLite database (an empty file is one): reading commands refuse a file that is not there."""
    path = tmp_path / "mediamon.db"
    path.touch()
    return f"sqlite:///{path}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request) -> str:
    """An empty database on each backend."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="session")
def _migrated_sqlite_template(tmp_path_factory) -> Path:
    """A SQLite file upgraded to the newest migration once per session."""
    from storage.migrate import upgrade

    path = tmp_path_factory.mktemp("migrated-template") / "mediamon.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def _migrated_pg_template(pg_admin_engine) -> Iterator[str]:
    """A PostgreSQL database upgraded to the newest migration once per session (a template: nobody connects)."""
    from storage.migrate import upgrade

    name, url = _new_pg_database(pg_admin_engine)
    try:
        upgrade(url)
        yield name
    finally:
        _drop_pg_database(pg_admin_engine, name)


@pytest.fixture
def migrated_url(request, db_url) -> str:
    """A database on each backend at the newest migration.

    A copy of one upgraded once per session (SQLite's backup API; PostgreSQL's CREATE DATABASE …
    TEMPLATE): running the migrations took ~1.5 s a test. The migrations themselves are tested
    on empty databases by tests/storage.
    """
    target = make_url(db_url)
    if target.get_backend_name() == "sqlite":
        template = request.getfixturevalue("_migrated_sqlite_template")
        source, copy = sqlite3.connect(template), sqlite3.connect(target.database)
        try:
            source.backup(copy)
        finally:
            source.close()
            copy.close()
        return db_url
    template = request.getfixturevalue("_migrated_pg_template")
    with request.getfixturevalue("pg_admin_engine").connect() as connection:
        connection.execute(text(f'DROP DATABASE "{target.database}"'))
        connection.execute(text(f'CREATE DATABASE "{target.database}" TEMPLATE "{template}"'))
    return db_url


@pytest.fixture
def session(migrated_url):
    from storage.db import make_engine, make_sessionmaker

    engine = make_engine(migrated_url)
    with make_sessionmaker(engine)() as session:
        yield session
    engine.dispose()


@contextmanager
def login_role(admin, database_url: str, prefix: str = "Mediamon Reader") -> Iterator[str]:
    """A LOGIN role of the caller's own (a name that needs quoting), dropped with its grants on ``database_url``."""
    role = f"{prefix}-{uuid.uuid4().hex[:8]}"
    quoted = '"' + role + '"'
    with admin.connect() as connection:
        connection.execute(text(f"CREATE ROLE {quoted} LOGIN"))
    try:
        yield role
    finally:
        owner = create_engine(database_url, isolation_level="AUTOCOMMIT")
        with owner.connect() as connection:
            connection.execute(text(f"DROP OWNED BY {quoted}"))
        owner.dispose()
        with admin.connect() as connection:
            connection.execute(text(f"DROP ROLE IF EXISTS {quoted}"))
