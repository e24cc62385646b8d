"""Two crawls of sources that share every article, into one database at once (SQLite and PostgreSQL).

The source lock keeps two runs of one source apart, so the meaningful race is
two sources that reach the same articles: here two names for one local site.
Each article must be stored once, with its authors once, nothing spooled, no
deadlock, and every article as the manifest says (no lost update).
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from crawler.exitcodes import ExitCode
from storage.models import Article, ArticleAuthor, Author, CrawlEvent, CrawlRun
from tests.e2e.conftest import FAST, REPO, LocalSite, manifest_articles, query, upgrade_db, wait_for
from tests.reliability.conftest import write_sources

pytestmark = pytest.mark.slow


def _start(sources_file, db: str, data_dir) -> subprocess.Popen:
    options = ["-s", "MEDIAMON_STORE_BATCH_SIZE=1", "-s", "CONCURRENT_REQUESTS=2"]
    return subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "--sources", str(sources_file), "crawl", *FAST, "--db", db, *options],
        cwd=REPO,
        env={**os.environ, "MEDIAMON_DATA_DIR": str(data_dir)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_sources_sharing_articles_crawled_at_once_store_each_article_once(db_url, tmp_path, measure):
    site = LocalSite(["caliber_az"], tmp_path)
    try:
        [source] = site.sources
        mirror = replace(source, name="caliber_mirror")
        files = [write_sources(tmp_path / f"{s.name}.toml", s) for s in (source, mirror)]
        upgrade_db(db_url)
        data_dir = tmp_path / "var"
        site.options.delay = 3.0  # the first run crawls slowly until the second has started too
        processes = [_start(f, db_url, data_dir) for f in files]
        wait_for(lambda: len(query(db_url, select(CrawlRun.id))) == 2, timeout=120)
        site.options.delay = 0.05
        outputs = [p.communicate(timeout=240) for p in processes]
        base_url = site.sites[source.name].base_url
    finally:
        site.close()
    for process, (_out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == ExitCode.OK, err[-3000:]

    expected = {a["path"]: a for a in manifest_articles("caliber_az")}
    rows = query(db_url, select(Article.id, Article.url, Article.headline))
    paths = [url.removeprefix(base_url) for _id, url, _h in rows]
    assert sorted(paths) == sorted(expected), "each article once, none missing"
    for (_id, _url, headline), path in zip(rows, paths, strict=True):
        assert headline == expected[path]["headline"]

    author_keys = query(db_url, select(Author.name_key, Author.kind))
    assert len(author_keys) == len(set(author_keys))
    linked = dict(query(db_url, select(ArticleAuthor.article_id, func.count()).group_by(ArticleAuthor.article_id)))
    for (article_id, _url, _h), path in zip(rows, paths, strict=True):
        assert linked.get(article_id, 0) == len(expected[path]["authors"]), path

    runs = query(db_url, select(CrawlRun.source, CrawlRun.status, CrawlRun.articles_new, CrawlRun.articles_unchanged))
    assert sorted((s, st) for s, st, _n, _u in runs) == [("caliber_az", "finished"), ("caliber_mirror", "finished")]
    (start_a, end_a), (start_b, end_b) = query(db_url, select(CrawlRun.started_at, CrawlRun.finished_at))
    assert start_a < end_b and start_b < end_a, "the two runs overlapped"
    assert not query(db_url, select(CrawlEvent.kind, CrawlEvent.message).where(CrawlEvent.kind == "storage_error"))
    assert not list(data_dir.glob("spool/*.jsonl")), "nothing waits in the spool"
    measure(faults=0, crawled=2 * len(expected), stored=len(rows), lost=len(set(expected) - set(paths)))
