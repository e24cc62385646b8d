"""End-to-end helpers: run the real ``mediamon`` command against sample sites on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.sample_sites import SAMPLE_SITES_DIR

REPO = Path(__file__).resolve().parents[2]


def load_manifests() -> dict[str, dict]:
    """Each sample site's manifest, by directory name."""
    return {
        path.parent.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(SAMPLE_SITES_DIR.glob("*/manifest.json"))
    }


def manifest_articles(source: str | None = None) -> list[dict]:
    """Expected articles (each with its ``source``), optionally of one source."""
    articles = []
    for manifest in load_manifests().values():
        default = manifest.get("source")
        for article in manifest.get("articles", []):
            article = {**article, "source": article.get("source") or default}
            if source is None or article["source"] == source:
                articles.append(article)
    return articles


def run_mediamon(*args: str, data_dir: Path, env: dict[str, str] | None = None, timeout: float = 240):
    """Run ``python -m crawler.cli`` in a subprocess (a Twisted reactor runs once per process)."""
    environment = {**os.environ, "MEDIAMON_DATA_DIR": str(data_dir), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "crawler.cli", *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def data_dir(tmp_path) -> Path:
    directory = tmp_path / "var"
    directory.mkdir()
    return directory


#: Settings that let a crawl of a site on 127.0.0.1 run at full speed.
FAST = ("-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16")


class LocalSite:
    """A sample site served for one test, and a sources file pointing at it."""

    def __init__(self, names: list[str], tmp_path: Path) -> None:
        from crawler.sample_sites.server import SiteOptions, serve_sources
        from crawler.sources import dump_sources, load_sources

        self.options = SiteOptions()
        configured = load_sources()
        self._serving = serve_sources([configured[n] for n in names], self.options)
        self.sources, self.sites = self._serving.__enter__()
        self.sources_file = tmp_path / "sources.toml"
        self.sources_file.write_text(dump_sources(self.sources), encoding="utf-8")

    def close(self) -> None:
        self._serving.__exit__(None, None, None)


@pytest.fixture
def caliber_site(tmp_path):
    site = LocalSite(["caliber_az"], tmp_path)
    yield site
    site.close()


def crawl(site: LocalSite, db: str, data_dir: Path, *extra: str, **kwargs):
    """``mediamon crawl`` of the test's local site into ``db``, at full speed."""
    return run_mediamon(
        "--sources", str(site.sources_file), "crawl", *FAST, "--db", db, *extra, data_dir=data_dir, **kwargs
    )


def upgrade_db(url: str) -> str:
    from storage.migrate import upgrade

    upgrade(url)
    return url


def query(url: str, statement) -> list:
    """Run one read statement against ``url`` and return its rows."""
    from storage.db import make_engine, make_sessionmaker

    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as session:
            return session.execute(statement).all()
    finally:
        engine.dispose()


def count_articles(url: str) -> int:
    from sqlalchemy import func, select

    from storage.models import Article

    return query(url, select(func.count()).select_from(Article))[0][0]


def wait_for(condition, timeout: float = 60) -> None:
    """Poll ``condition`` every 0.1 s until it is true; fail after ``timeout`` seconds."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError("condition not reached in time")


def start_crawl(site: LocalSite, db: str, data_dir: Path, *extra: str):
    """``mediamon crawl`` of the local site in the background (a Popen)."""
    return subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "--sources", str(site.sources_file), "crawl", *FAST, "--db", db, *extra],
        cwd=REPO,
        env={**os.environ, "MEDIAMON_DATA_DIR": str(data_dir)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
