"""A crawl of a sample site keeps its article pages in WARC files; re-extraction reads them back offline."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from crawler.archive.reader import page_text, read_capture
from crawler.archive.reextract import Checkpoint, Selection, reextract
from crawler.extract import article_from_html
from storage.db import make_engine, make_sessionmaker
from storage.models import Article, ArticleCapture, ArticleRevision
from tests.e2e.conftest import count_articles, crawl, query, run_mediamon, upgrade_db

pytestmark = pytest.mark.slow


class Killed(BaseException):
    """The process ending mid-run (what SIGKILL leaves behind: the committed batches)."""


def _captures(url: str) -> list:
    return query(url, select(ArticleCapture, Article.url).join(Article, Article.id == ArticleCapture.article_id))


def test_a_crawl_archives_every_article_and_reextraction_writes_only_what_changed(caliber_site, db_url, data_dir):
    upgrade_db(db_url)
    result = crawl(caliber_site, db_url, data_dir)
    assert result.returncode == 0, result.stderr[-2000:]
    stored = count_articles(db_url)
    assert stored > 5
    captures = _captures(db_url)
    assert len(captures) == stored
    assert len({c.article_id for c, _ in captures}) == stored  # each stored article points at its capture
    files = sorted((data_dir / "archive" / "caliber_az").glob("*.warc.gz"))
    assert files and {c.warc_file for c, _ in captures} <= {str(f) for f in files}
    for capture, article_url in captures:
        page = read_capture(capture.warc_file, capture.warc_offset, capture.warc_length)
        assert page.url == article_url == capture.url
        assert capture.http_status == page.status == 200
        assert capture.payload_digest.startswith("sha1:")
        assert "<html" in (page_text(page) or "").lower()

    engine = make_engine(db_url)
    sessions = make_sessionmaker(engine)
    sources = {s.name: s for s in caliber_site.sources}
    try:
        # Today's extractor over the same pages: nothing changed, nothing written.
        before = query(db_url, select(Article.id, Article.fetched_at, Article.content_hash).order_by(Article.id))
        report = reextract(sessions, sources, Selection(), checkpoint=Checkpoint(data_dir, Selection()))
        assert (report.examined, report.changed, report.unchanged, report.unreadable) == (stored, 0, stored, 0)
        assert (
            query(db_url, select(Article.id, Article.fetched_at, Article.content_hash).order_by(Article.id)) == before
        )
        assert query(db_url, select(func.count()).select_from(ArticleRevision))[0][0] == 0

        # A changed rule: headlines of articles about Azerbaijan get a suffix.
        def changed_rule(url, html, source, **kwargs):
            item = article_from_html(url, html, source, **kwargs)
            if item is not None and "azerbaijan" in url:
                item = dataclasses.replace(item, headline=f"{item.headline} (updated rule)")
            return item

        affected = {row[0] for row in query(db_url, select(Article.id).where(Article.url.contains("azerbaijan")))}
        assert 0 < len(affected) < stored
        dry = reextract(sessions, sources, Selection(), dry_run=True, extract=changed_rule)
        assert dry.changed == len(affected) and dry.field_summary() == f"headline: {len(affected)} changed"
        assert query(db_url, select(func.count()).select_from(ArticleRevision))[0][0] == 0  # a dry run writes nothing

        report = reextract(sessions, sources, Selection(), extract=changed_rule)
        assert report.changed == len(affected) and report.unchanged == stored - len(affected)
        assert report.field_summary() == f"headline: {len(affected)} changed"
        revised = {row[0] for row in query(db_url, select(ArticleRevision.article_id))}
        assert revised == affected  # a revision only where the output changed
        headlines = dict(query(db_url, select(Article.id, Article.headline)))
        assert all(headlines[i].endswith("(updated rule)") for i in affected)
        assert count_articles(db_url) == stored  # the same articles, none forked by the new extraction

        again = reextract(sessions, sources, Selection(), extract=changed_rule)
        assert again.changed == 0  # applied once
        only_other = reextract(sessions, sources, Selection(sources=("apa",)), extract=changed_rule)
        assert only_other.examined == 0
    finally:
        engine.dispose()


def test_reextract_resumes_after_the_last_committed_batch(caliber_site, db_url, data_dir):
    upgrade_db(db_url)
    assert crawl(caliber_site, db_url, data_dir).returncode == 0
    stored = count_articles(db_url)
    engine = make_engine(db_url)
    sessions = make_sessionmaker(engine)
    sources = {s.name: s for s in caliber_site.sources}
    checkpoint = Checkpoint(data_dir, Selection())
    calls = []
    kill_at = [4]

    def dies_in_the_second_batch(url, html, source, **kwargs):
        calls.append(url)
        if len(calls) in kill_at:
            raise Killed  # the run is killed while it works on its second batch
        item = article_from_html(url, html, source, **kwargs)
        return dataclasses.replace(item, description="re-read") if item is not None else None

    try:
        with pytest.raises(Killed):
            reextract(
                sessions, sources, Selection(), checkpoint=checkpoint, extract=dies_in_the_second_batch, batch_size=3
            )
        assert checkpoint.path.exists()
        assert query(db_url, select(func.count()).select_from(ArticleRevision))[0][0] == 3
        calls.clear()
        kill_at.clear()
        report = reextract(
            sessions, sources, Selection(), checkpoint=checkpoint, extract=dies_in_the_second_batch, batch_size=3
        )
        assert report.resumed and report.examined == stored and report.changed == stored
        assert len(calls) == stored - 3  # the first batch was not extracted again
        assert query(db_url, select(func.count()).select_from(ArticleRevision))[0][0] == stored
        assert not checkpoint.path.exists()
        for path in (data_dir / "archive").rglob("*.warc.gz"):
            path.unlink()  # what the archive's retention does to old files
        gone = reextract(sessions, sources, Selection(), extract=dies_in_the_second_batch)
        assert (gone.files_gone, gone.changed, gone.unreadable) == (stored, 0, 0)
    finally:
        engine.dispose()


def test_no_archive_crawls_keep_no_pages_and_reextract_reports_per_field(caliber_site, sqlite_url, data_dir):
    upgrade_db(sqlite_url)
    result = crawl(caliber_site, sqlite_url, data_dir, "--no-archive")
    assert result.returncode == 0, result.stderr[-2000:]
    assert count_articles(sqlite_url) > 5
    assert _captures(sqlite_url) == []
    assert not list(data_dir.glob("archive/**/*.warc.gz"))
    result = run_mediamon(
        "--sources", str(caliber_site.sources_file), "reextract", "--db", sqlite_url, data_dir=data_dir
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-2:] == [
        "Re-extracted 0 archived article(s): 0 changed, 0 unchanged, 0 no longer extracted (left as stored),"
        " 0 capture(s) unreadable.",
        "no field changed",
    ]
