"""Fixtures for distributed crawling: a Redis key prefix of the test's own, generated sites served locally."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import service_missing

REDIS_URL = os.environ.get("MEDIAMON_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@dataclass
class RedisSpace:
    """The test's corner of the shared Redis server: every key it writes starts with ``prefix``."""

    url: str
    prefix: str
    client: object

    def keys(self) -> list[str]:
        return sorted(k.decode() for k in self.client.scan_iter(f"{self.prefix}*"))  # type: ignore[attr-defined]


@pytest.fixture
def redis_space() -> Iterator[RedisSpace]:
    """A unique key prefix on the local Redis; the test's keys are deleted afterwards (never FLUSHDB)."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except Exception as exc:  # noqa: BLE001
        service_missing(f"Redis at {REDIS_URL}", exc)
    space = RedisSpace(REDIS_URL, f"mediamon-test-{uuid.uuid4().hex[:12]}:", client)
    try:
        yield space
    finally:
        for key in client.scan_iter(f"{space.prefix}*"):
            client.delete(key)
        client.close()


class GeneratedSiteServer:
    """A site from :mod:`benchmarks.sitegen` served by a sample-site server, and its sources file."""

    def __init__(self, tmp_path: Path, articles: int, name: str = "bench_news", in_sitemap: int | None = None) -> None:
        from benchmarks.sitegen import generate_site
        from crawler.sample_sites.server import SampleSite
        from crawler.sources import dump_sources

        self.generated = generate_site(
            tmp_path / f"site-{name}",
            articles,
            host=f"{name.replace('_', '-')}.example",
            page_kb=2,
            in_sitemap=in_sitemap,
        )
        self.server = SampleSite(self.generated.directory, [self.generated.host]).start()
        self.source = self.generated.source(self.server.base_url, name=name)
        self.sources_file = tmp_path / f"sources-{name}.toml"
        self.sources_file.write_text(dump_sources([self.source]), encoding="utf-8")

    def close(self) -> None:
        self.server.stop()


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """The crawl's data directory (logs, spool, lock files)."""
    directory = tmp_path / "var"
    directory.mkdir()
    return directory
