"""Cron-grade crawling against a sample site on 127.0.0.1: incremental, locked, interruptible, exit codes."""

from __future__ import annotations

import signal

import pytest
from sqlalchemy import select

from crawler.exitcodes import ExitCode
from storage.models import Article, ArticleRevision, CrawlEvent, CrawlRun
from tests.e2e.conftest import (
    count_articles,
    crawl,
    manifest_articles,
    query,
    run_mediamon,
    start_crawl,
    upgrade_db,
    wait_for,
)

pytestmark = pytest.mark.slow


def _article_paths() -> list[str]:
    return [a["path"] for a in manifest_articles("caliber_az")]


def test_a_second_run_fetches_no_known_article(caliber_site, sqlite_url, data_dir):
    upgrade_db(sqlite_url)
    first = crawl(caliber_site, sqlite_url, data_dir)
    assert first.returncode == ExitCode.OK, first.stderr[-3000:]
    assert count_articles(sqlite_url) == len(_article_paths())
    caliber_site.options.requests.clear()
    second = crawl(caliber_site, sqlite_url, data_dir)
    assert second.returncode == ExitCode.OK, second.stderr[-3000:]
    fetched_articles = [p for p in caliber_site.options.requests if p.rstrip("/") in set(_article_paths())]
    assert fetched_articles == []
    assert "Nothing new" in second.stdout


def test_refresh_days_writes_one_revision_for_a_changed_page_and_none_for_unchanged(caliber_site, sqlite_url, data_dir):
    upgrade_db(sqlite_url)
    assert crawl(caliber_site, sqlite_url, data_dir).returncode == ExitCode.OK
    site = caliber_site.sites["caliber_az"]
    changed_path = _article_paths()[0]
    file = site.resolve(changed_path)
    original = file.read_text(encoding="utf-8")
    paragraph = manifest_articles("caliber_az")[0]["body_paragraphs"][0]
    assert paragraph in original
    caliber_site.options.overrides[file.relative_to(site.directory).as_posix()] = original.replace(
        paragraph, paragraph + " An editor added this sentence."
    ).encode("utf-8")
    result = crawl(caliber_site, sqlite_url, data_dir, "--refresh-days", "100000")
    assert result.returncode == ExitCode.OK, result.stderr[-3000:]
    revisions = query(sqlite_url, select(ArticleRevision.article_body, Article.canonical_url).join(Article))
    assert len(revisions) == 1
    body, url = revisions[0]
    assert url.endswith(changed_path)
    assert "An editor added this sentence." not in body
    stored = query(sqlite_url, select(Article.article_body).where(Article.canonical_url.endswith(changed_path)))
    assert "An editor added this sentence." in stored[0][0]


def test_two_concurrent_crawls_of_one_source_one_exits_locked(caliber_site, db_url, data_dir):
    upgrade_db(db_url)
    caliber_site.options.delay = 0.5
    first = start_crawl(caliber_site, db_url, data_dir, "-s", "CONCURRENT_REQUESTS=2")
    try:
        wait_for(lambda: query(db_url, select(CrawlRun.id).where(CrawlRun.status == "running")))
        second = run_mediamon(
            "--sources", str(caliber_site.sources_file), "crawl", "--db", db_url, data_dir=data_dir, timeout=60
        )
        assert second.returncode == ExitCode.LOCKED
        (run_id,) = query(db_url, select(CrawlRun.id).where(CrawlRun.status == "running"))[0]
        assert f"caliber_az: locked by run {run_id} (pid {first.pid} on " in second.stderr
    finally:
        caliber_site.options.delay = 0
        _out, err = first.communicate(timeout=120)
    assert first.returncode == ExitCode.OK, err[-3000:]
    assert count_articles(db_url) == len(_article_paths())


def test_sigterm_stops_gracefully_and_the_next_run_finishes_the_rest(caliber_site, sqlite_url, data_dir):
    upgrade_db(sqlite_url)
    caliber_site.options.delay = 0.4
    process = start_crawl(caliber_site, sqlite_url, data_dir, "-s", "CONCURRENT_REQUESTS=2")
    wait_for(lambda: sum(p in _article_paths() for p in caliber_site.options.requests) >= 3, timeout=60)
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == ExitCode.INTERRUPTED, err[-3000:]
    (status,) = query(sqlite_url, select(CrawlRun.status))[0]
    assert status == "interrupted"
    stored_first = count_articles(sqlite_url)
    assert 0 < stored_first < len(_article_paths())

    caliber_site.options.delay = 0
    caliber_site.options.requests.clear()
    result = crawl(caliber_site, sqlite_url, data_dir)
    assert result.returncode == ExitCode.OK, result.stderr[-3000:]
    assert count_articles(sqlite_url) == len(_article_paths())
    refetched = [p for p in caliber_site.options.requests if p in _article_paths()]
    assert len(refetched) == len(_article_paths()) - stored_first  # nothing stored was fetched again


def test_a_page_that_fails_gives_exit_code_1_and_shows_in_the_ledger(caliber_site, sqlite_url, data_dir):
    upgrade_db(sqlite_url)
    broken = _article_paths()[2]
    caliber_site.options.statuses[broken] = 500
    result = crawl(caliber_site, sqlite_url, data_dir, "-s", "RETRY_TIMES=0")
    assert result.returncode == ExitCode.FINISHED_WITH_ERRORS, result.stderr[-2000:]
    assert count_articles(sqlite_url) == len(_article_paths()) - 1
    events = query(sqlite_url, select(CrawlEvent.kind, CrawlEvent.level, CrawlEvent.url, CrawlEvent.message))
    assert any(
        k == "http_error" and lvl == "error" and u.endswith(broken) and m == "HTTP 500" for k, lvl, u, m in events
    )

    runs = run_mediamon("runs", "--db", sqlite_url, "--format", "csv", data_dir=data_dir)
    assert runs.returncode == 0
    header, row = runs.stdout.strip().splitlines()
    # Every column of the run (issue 18), the counted "already known" and the duration among them.
    assert header == (
        "id,source,status,finish_reason,started_at,finished_at,duration_s,pages_fetched,articles_new,"
        "articles_updated,articles_known,articles_unchanged,articles_dropped,errors,crawl_id,host,pid,log_path"
    )
    record = dict(zip(header.split(","), row.split(","), strict=True))
    assert (record["id"], record["source"], record["status"]) == ("1", "caliber_az", "finished")
    assert record["finish_reason"] == "finished with 1 error(s): 1 HTTP 500"
    assert int(record["articles_new"]) == len(_article_paths()) - 1 and int(record["errors"]) >= 1
    assert float(record["duration_s"]) > 0 and record["log_path"].endswith(".log")

    show = run_mediamon("runs", "show", "1", "--db", sqlite_url, data_dir=data_dir)
    assert show.returncode == 0
    assert show.stdout.startswith("Run 1 of caliber_az: finished (finished with 1 error(s): 1 HTTP 500)\n")
    assert "Events by kind" in show.stdout
    assert "http_error" in show.stdout and "HTTP 500" in show.stdout


def test_exit_codes_for_usage_database_and_schema(sqlite_url, data_dir):
    usage = run_mediamon("crawl", "no_such_source", "--db", sqlite_url, data_dir=data_dir)
    assert usage.returncode == ExitCode.USAGE
    schema = run_mediamon("crawl", "caliber_az", "--db", sqlite_url, data_dir=data_dir)
    assert schema.returncode == ExitCode.SCHEMA_OUT_OF_DATE
    down = run_mediamon("crawl", "caliber_az", "--db", "postgresql://postgres@127.0.0.1:1/none", data_dir=data_dir)
    assert down.returncode == ExitCode.DATABASE_UNAVAILABLE
    assert down.stderr.strip().startswith("Error: cannot connect to the database")


def test_an_unchanged_feed_costs_one_304_and_is_not_parsed_again(caliber_site, sqlite_url, data_dir):
    upgrade_db(sqlite_url)
    assert crawl(caliber_site, sqlite_url, data_dir).returncode == ExitCode.OK
    second = crawl(caliber_site, sqlite_url, data_dir)
    assert second.returncode == ExitCode.OK, second.stderr[-2000:]
    (stats,) = query(sqlite_url, select(CrawlRun.stats).order_by(CrawlRun.id.desc()).limit(1))[0]
    assert stats.get("conditional/not_modified") == 1  # rss.xml
    assert stats.get("downloader/response_status_count/304") == 1
    assert "feed has no entries" not in str(query(sqlite_url, select(CrawlEvent.message)))

    # A changed feed is fetched and read again.
    site = caliber_site.sites["caliber_az"]
    feed = site.resolve("/rss.xml")
    caliber_site.options.overrides["rss.xml"] = feed.read_bytes().replace(b"</channel>", b"<!-- new --></channel>")
    third = crawl(caliber_site, sqlite_url, data_dir)
    assert third.returncode == ExitCode.OK
    (stats,) = query(sqlite_url, select(CrawlRun.stats).order_by(CrawlRun.id.desc()).limit(1))[0]
    assert stats.get("conditional/not_modified") is None
