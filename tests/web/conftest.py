"""Fixtures of the web tests: a stored archive on each backend and the app over it, read-only."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from web_data import store


@pytest.fixture
def archive(migrated_url) -> tuple[str, dict[str, int]]:
    """The URL of a migrated database holding web_data's archive, and the ids of its articles and runs."""
    return migrated_url, store(migrated_url)


@pytest.fixture
def web_engine(archive):
    from crawler.web.db import read_only_engine

    engine = read_only_engine(archive[0])
    yield engine
    engine.dispose()


@pytest.fixture
def client(web_engine) -> TestClient:
    from crawler.web.app import create_app

    with TestClient(create_app(web_engine), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def ids(archive) -> dict[str, int]:
    return archive[1]
