"""`mediamon sources add URL` probes a site on 127.0.0.1 and proposes an entry that crawls."""

from __future__ import annotations

import tomllib

import pytest

from crawler.exitcodes import ExitCode
from crawler.probe import common_pattern, generalize_path, source_name_for
from crawler.sources import parse_sources
from tests.e2e.conftest import LocalSite, manifest_articles, run_mediamon

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        ("/en/post/nato-azerbaijan-synergy", r"^/en/post/[^/]+/?$"),
        ("/azerbaijan/politics/4126680.html", r"^/azerbaijan/politics/\d+\.html/?$"),
        ("/news/2026/02/25/some-slug/", r"^/news/\d+/\d+/\d+/[^/]+/?$"),
        ("/politics/some-news-slug-1234567", r"^/politics/[^/]*\d+/?$"),
    ],
)
def test_generalize_path(path, pattern):
    assert generalize_path(path) == pattern


def test_common_pattern_generalizes_the_varying_section():
    assert common_pattern(["/nation/150096.html", "/business/150102.html"]) == r"^/[^/]+/\d+\.html/?$"


def test_source_name_for():
    assert source_name_for("https://www.example-news.site/") == "example_news"


def test_sources_add_writes_an_entry_that_finds_the_articles(tmp_path, data_dir):
    site = LocalSite(["azernews"], tmp_path)
    try:
        base = site.sites["azernews"].base_url
        sources_file = tmp_path / "mine.toml"
        sources_file.write_text("# my sources\n", encoding="utf-8")
        result = run_mediamon(
            "--sources",
            str(sources_file),
            "sources",
            "add",
            base + "/",
            "--name",
            "azernews_probe",
            "--yes",
            data_dir=data_dir,
        )
        assert result.returncode == 0, result.stderr + result.stdout
        assert "Proposed entry:" in result.stdout
        assert "Sample articles" in result.stdout
        assert f"Added 'azernews_probe' to {sources_file}." in result.stdout
        text = sources_file.read_text(encoding="utf-8")
        assert text.startswith("# my sources\n")
        source = parse_sources(tomllib.loads(text))["azernews_probe"]
        assert source.languages[0] == "en"
        assert source.timezone == "Asia/Baku"
        assert source.sitemaps and source.feeds
        paths = [a["path"] for a in manifest_articles("azernews")]
        assert all(source.is_article_url(base + p) for p in paths)
        assert not source.is_article_url(base + "/nation/")

        again = run_mediamon(
            "--sources",
            str(sources_file),
            "sources",
            "add",
            base + "/",
            "--name",
            "azernews_probe",
            "--yes",
            data_dir=data_dir,
        )
        assert again.returncode == ExitCode.USAGE
        assert "exists already" in again.stderr
    finally:
        site.close()


def test_scrapy_crawl_news_stores_a_source_from_the_repository_root(caliber_site, sqlite_url):
    import subprocess
    import sys

    from sqlalchemy import func, select

    from storage.db import make_engine, make_sessionmaker
    from storage.models import Article
    from tests.e2e.conftest import REPO, upgrade_db

    upgrade_db(sqlite_url)
    settings = [
        f"MEDIAMON_SOURCES_FILE={caliber_site.sources_file}",
        f"MEDIAMON_DATABASE_URL={sqlite_url}",
        "AUTOTHROTTLE_ENABLED=0",
        "DOWNLOAD_DELAY=0",
    ]
    args = [arg for pair in settings for arg in ("-s", pair)]
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "news", "-a", "source=caliber_az", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    engine = make_engine(sqlite_url)
    with make_sessionmaker(engine)() as session:
        stored = session.scalar(select(func.count()).select_from(Article))
    engine.dispose()
    assert stored == len(manifest_articles("caliber_az"))
