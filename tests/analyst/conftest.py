"""Fixtures of the analyst tests: a small archive on each backend, a CLI runner."""

from __future__ import annotations

import pytest
from analyst_data import ARTICLES, store
from click.testing import CliRunner


@pytest.fixture
def archive_url(migrated_url) -> str:
    """A migrated database holding ARTICLES."""
    store(migrated_url, ARTICLES)
    return migrated_url


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
