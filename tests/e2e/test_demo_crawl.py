"""A real crawl of every sample site, through the real spider and pipelines, into SQLite and PostgreSQL."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime

import pytest
from sqlalchemy import func, select

from crawler.exitcodes import ExitCode
from storage.db import make_engine, make_sessionmaker
from storage.models import Article, ArticleAuthor, Author, CrawlRun, Source
from tests.e2e.conftest import REPO, manifest_articles, run_mediamon

pytestmark = pytest.mark.slow

SEED_PATH = "/en/post/nato-azerbaijan-synergy-of-standards-and-combat-experience"


def _words(text: str) -> str:
    return " ".join(text.split())


def _seed_paragraphs() -> list[str]:
    """The seed article as a reader sees it (a copy of shared/seed kept with the tests, so no clone lacks it)."""
    from pathlib import Path

    seed = Path(__file__).resolve().parents[1] / "fixtures" / "seed" / "caliber-az-nato-synergy.txt"
    lines = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines[1:] if line]


def _stored(url: str) -> dict[str, dict]:
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        rows = {}
        for article in session.scalars(select(Article)):
            path = re.sub(r"^https?://[^/]+", "", article.canonical_url)
            authors = session.execute(
                select(Author.name, Author.kind)
                .join(ArticleAuthor, ArticleAuthor.author_id == Author.id)
                .where(ArticleAuthor.article_id == article.id)
                .order_by(ArticleAuthor.position)
            ).all()
            rows[f"{article.source.name}:{path}"] = {
                "headline": article.headline,
                "body": article.article_body,
                "date_published": article.date_published,
                "authors": [{"name": n, "kind": k} for n, k in authors],
            }
    engine.dispose()
    return rows


def _count(url: str, model) -> int:
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        value = session.scalar(select(func.count()).select_from(model))
    engine.dispose()
    return value


def test_demo_stores_every_sample_article_once_and_nothing_new_the_second_time(db_url, data_dir):
    expected = manifest_articles()
    assert len(expected) >= 30

    first = run_mediamon("demo", "--db", db_url, data_dir=data_dir)
    assert first.returncode == ExitCode.OK, first.stderr[-3000:] + first.stdout[-2000:]
    assert f"Stored {len(expected)} new article(s)" in first.stdout

    stored = _stored(db_url)
    wanted = {f"{a['source']}:{a['path']}" for a in expected}
    assert set(stored) == wanted  # no listing pages, nothing missing
    for article in expected:
        row = stored[f"{article['source']}:{article['path']}"]
        assert row["headline"] == article["headline"]
        assert row["date_published"] == datetime.fromisoformat(article["date_published"].replace("Z", "+00:00"))
        assert row["authors"] == article["authors"]
    assert _count(db_url, Source) >= 3

    second = run_mediamon("demo", "--db", db_url, data_dir=data_dir)
    assert second.returncode == ExitCode.OK, second.stderr[-3000:]
    assert f"Nothing new: all {len(expected)} article(s) found were already stored." in second.stdout
    assert _count(db_url, Article) == len(expected)

    engine = make_engine(db_url)
    with make_sessionmaker(engine)() as session:
        runs = session.scalars(select(CrawlRun).order_by(CrawlRun.id)).all()
    engine.dispose()
    sources = {a["source"] for a in expected}
    assert len(runs) == 2 * len(sources)
    assert all(r.status == "finished" and r.finished_at is not None for r in runs)
    assert sum(r.articles_new for r in runs) == len(expected)
    assert all(r.log_path and r.stats.get("finish_reason") == "finished" for r in runs)


def test_the_seed_article_is_stored_as_a_reader_sees_it(sqlite_url, data_dir):
    result = run_mediamon("demo", "--db", sqlite_url, data_dir=data_dir)
    assert result.returncode == ExitCode.OK, result.stderr[-3000:]
    stored = _stored(sqlite_url)
    seed = stored[f"caliber_az:{SEED_PATH}"]
    assert seed["headline"] == "NATO — Azerbaijan: synergy of standards and combat experience"
    assert _words(seed["body"]) == _words("\n".join(_seed_paragraphs()))
    assert seed["body"].count("\n") == len(_seed_paragraphs()) - 1  # one paragraph per line
    (expected,) = [a for a in manifest_articles("caliber_az") if a["path"] == SEED_PATH]
    assert seed["authors"] == expected["authors"] and seed["authors"]
    assert seed["date_published"].utcoffset().total_seconds() == 0
    assert seed["date_published"] == datetime.fromisoformat(expected["date_published"].replace("Z", "+00:00"))


def test_editions_share_a_story_and_syndicated_copies_are_linked(sqlite_url, data_dir):
    result = run_mediamon("demo", "--db", sqlite_url, data_dir=data_dir)
    assert result.returncode == ExitCode.OK, result.stderr[-3000:]
    engine = make_engine(sqlite_url)
    with make_sessionmaker(engine)() as session:
        rows = session.execute(
            select(Article.id, Article.canonical_url, Article.story_key, Article.in_language, Article.duplicate_of_id)
        ).all()
    engine.dispose()
    by_path = {re.sub(r"^https?://[^/]+", "", url): (i, key, lang, dup) for i, url, key, lang, dup in rows}
    stories: dict[str, set[str]] = {}
    for _, key, lang, _ in by_path.values():
        if key:
            stories.setdefault(key, set()).add(lang)
    assert sorted(map(sorted, stories.values())) == [["az", "en", "ru"]] * 4  # four stories in three editions

    copies = [a for a in manifest_articles() if a.get("syndicated_from")]
    follow_ups = [a for a in manifest_articles() if a.get("follow_up_of")]
    assert copies and follow_ups

    def first_seen(path: str) -> int:
        article_id, _, _, duplicate_of = by_path[path]
        return duplicate_of or article_id

    for copy in copies:  # every copy and its original point at one first-seen article
        assert first_seen(copy["path"]) == first_seen(copy["syndicated_from"].split(":", 1)[1])
        assert by_path[copy["path"]][3] is not None or by_path[copy["syndicated_from"].split(":", 1)[1]][3] is not None
    for follow_up in follow_ups:
        assert by_path[follow_up["path"]][3] is None

    collapsed = run_mediamon(
        "articles", "--db", sqlite_url, "--collapse-duplicates", "--format", "csv", "--limit", "1000", data_dir=data_dir
    )
    assert collapsed.returncode == 0, collapsed.stderr
    lines = collapsed.stdout.strip().splitlines()
    assert lines[0].endswith(",copies")
    linked = sum(1 for *_, duplicate_of in by_path.values() if duplicate_of)
    assert len(lines) - 1 == len(by_path) - linked  # each syndicated story once
    assert sum(int(line.rsplit(",", 1)[1]) for line in lines[1:]) == len(by_path)  # copies add up


def test_the_demo_writes_its_own_file_never_the_real_archive(tmp_path, data_dir):
    """Without --db the demo fills ./mediamon-demo.db, even when MEDIAMON_DATABASE_URL names a real archive."""
    real_archive = tmp_path / "archive.db"
    workdir = tmp_path / "work"
    workdir.mkdir()
    env = {**os.environ, "MEDIAMON_DATA_DIR": str(data_dir), "MEDIAMON_DATABASE_URL": str(real_archive)}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "crawler.cli", "demo"], cwd=workdir, env=env, capture_output=True, text=True, timeout=240
    )
    assert result.returncode == ExitCode.OK, result.stderr[-3000:]
    assert not real_archive.exists()
    assert sorted(p.name for p in workdir.glob("*.db")) == ["mediamon-demo.db"]
    assert len(_stored(f"sqlite:///{workdir / 'mediamon-demo.db'}")) == 74
