"""``mediamon import-warc`` over WARC files written here with warcio, on SQLite and PostgreSQL."""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import func, select
from warcio.warcwriter import WARCWriter

from benchmarks.sitegen import DEFAULT_HOST
from benchmarks.sitegen import GeneratedSite as _Site
from benchmarks.warcgen import article_pages, write_response, write_warc
from crawler.archive.reader import page_text, read_capture
from crawler.sources import dump_sources
from storage.models import Article, ArticleCapture, CrawlEvent, CrawlRun
from tests.e2e.conftest import REPO, count_articles, query, run_mediamon, upgrade_db, wait_for

ARTICLES = 12
ORIGIN = f"https://{DEFAULT_HOST}"


@pytest.fixture
def sources_file(tmp_path) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(dump_sources([_Site(tmp_path, DEFAULT_HOST, ARTICLES).source()]), encoding="utf-8")
    return path


def _mixed_warc(path: Path, *, whole_gzip: bool = False) -> Path:
    """12 articles of the source (one sent gzipped), and the records an import must pass over."""
    pages = list(article_pages(ARTICLES, page_kb=2))
    with open(path, "wb") as target:
        stream = gzip.GzipFile(fileobj=target, mode="wb") if whole_gzip else target
        writer = WARCWriter(stream, gzip=not whole_gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for number, (url, body) in enumerate(pages):
            if number == 5:
                write_response(writer, url, gzip.compress(body), headers=[("Content-Encoding", "gzip")])
            else:
                write_response(writer, url, body)
            write_response(writer, f"https://elsewhere.example/news/{number}.html", body)  # another site
        write_response(writer, pages[0][0], pages[0][1])  # fetched twice, as CC-NEWS files have it
        revisit = writer.create_revisit_record(
            f"{ORIGIN}/news/3.html", digest="sha1:AAAA", refers_to_uri=f"{ORIGIN}/news/3.html", refers_to_date="2026"
        )
        writer.write_record(revisit)
        write_response(writer, f"{ORIGIN}/news/90.html", b"\x89PNG\r\n\x1a\n", content_type="image/png")
        write_response(writer, f"{ORIGIN}/news/91.html", pages[1][1][:300], warc_headers={"WARC-Truncated": "length"})
        write_response(writer, f"{ORIGIN}/news/92.html", b"<html>gone</html>", status="404 Not Found")
        write_response(writer, f"{ORIGIN}/about.html", pages[2][1])  # not an article URL of the source
        if whole_gzip:
            stream.close()
    return path


def _import(sources_file: Path, db: str, data_dir: Path, *locations: str, timeout: float = 120):
    return run_mediamon(
        "--sources", str(sources_file), "import-warc", "--db", db, *locations, data_dir=data_dir, timeout=timeout
    )


def _events(db: str, run_id: int) -> dict[str, int]:
    rows = query(db, select(CrawlEvent.kind, func.count()).where(CrawlEvent.run_id == run_id).group_by(CrawlEvent.kind))
    return dict(rows)


@pytest.mark.parametrize("whole_gzip", [False, True], ids=["gzip-per-record", "whole-file-gzip"])
def test_import_keeps_the_sources_articles_and_skips_the_rest(sources_file, db_url, tmp_path, whole_gzip):
    upgrade_db(db_url)
    data_dir = tmp_path / "var"
    warc = _mixed_warc(tmp_path / "mixed.warc.gz", whole_gzip=whole_gzip)

    result = _import(sources_file, db_url, data_dir, str(warc))
    assert result.returncode == 0, result.stderr
    assert count_articles(db_url) == ARTICLES
    headlines = {row[0] for row in query(db_url, select(Article.headline))}
    assert any(h.endswith("(5)") for h in headlines)  # the gzipped response was read
    run = query(db_url, select(CrawlRun))[0][0]
    assert (run.source, run.status, run.articles_new, run.articles_known) == ("bench_news", "finished", 12, 1)
    assert run.stats["import/skipped/other_site"] == ARTICLES
    assert run.stats["import/skipped/not_article_url"] == 1
    assert _events(db_url, run.id) == {
        "skipped_revisit": 1,
        "skipped_not_html": 1,
        "skipped_truncated": 1,
        "skipped_http_status": 1,
    }
    assert result.stdout.splitlines() == [
        f"Run {run.id}: {2 * ARTICLES + 6} response record(s) read; 12 new article(s), 0 updated, 1 already stored.",
        "Skipped: http_status 1, not_article_url 1, not_html 1, other_site 12, revisit 1, truncated 1.",
    ]
    # Every imported article has a capture of its own in the archive: re-extraction works on it too.
    captures = query(db_url, select(ArticleCapture, Article.url).join(Article))
    assert len(captures) == ARTICLES
    for capture, url in captures:
        assert capture.url == url and str(data_dir / "archive" / "bench_news") in capture.warc_file
        page = read_capture(capture.warc_file, capture.warc_offset, capture.warc_length)
        assert "<article" in page_text(page)

    again = _import(sources_file, db_url, data_dir, str(warc))
    assert again.returncode == 0, again.stderr
    assert "0 new article(s), 0 updated, 13 already stored." in again.stdout
    assert count_articles(db_url) == ARTICLES
    assert query(db_url, select(func.count()).select_from(ArticleCapture))[0][0] == ARTICLES


def test_an_import_killed_mid_file_and_run_again_stores_each_article_once(sources_file, db_url, tmp_path):
    upgrade_db(db_url)
    data_dir = tmp_path / "var"
    total = 600
    warc = write_warc(tmp_path / "big.warc.gz", article_pages(total, page_kb=4))
    command = [sys.executable, "-m", "crawler.cli", "--sources", str(sources_file), "import-warc", "--db", db_url]
    process = subprocess.Popen(
        [*command, str(warc)],
        cwd=REPO,
        env={**os.environ, "MEDIAMON_DATA_DIR": str(data_dir)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(lambda: count_articles(db_url) > 0 or process.poll() is not None, timeout=120)
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate()
    first = count_articles(db_url)
    assert 0 < first < total, "the import was to be killed half-way"

    killed_run = query(db_url, select(CrawlRun.id, CrawlRun.status).where(CrawlRun.pid == process.pid))
    assert [status for _, status in killed_run] == ["running"]  # the killed process could not close its run

    result = _import(sources_file, db_url, data_dir, str(warc), timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"{total - first} new article(s), 0 updated, {first} already stored." in result.stdout
    assert "1 earlier import run(s) had died; marked failed" in result.stderr
    closed = query(db_url, select(CrawlRun.status, CrawlRun.finish_reason).where(CrawlRun.id == killed_run[0][0]))
    assert closed == [("failed", "process died before the run ended")]
    assert count_articles(db_url) == total
    urls = [row[0] for row in query(db_url, select(Article.url))]
    assert len(set(urls)) == total
    per_article = query(db_url, select(ArticleCapture.article_id, func.count()).group_by(ArticleCapture.article_id))
    assert len(per_article) == total and {n for _, n in per_article} == {1}


def test_a_cut_file_keeps_what_came_before_and_fails_loudly(sources_file, sqlite_url, tmp_path):
    upgrade_db(sqlite_url)
    warc = write_warc(tmp_path / "cut.warc.gz", article_pages(6, page_kb=2), whole_gzip=True)
    cut = tmp_path / "cut-short.warc.gz"
    cut.write_bytes(warc.read_bytes()[: warc.stat().st_size * 2 // 3])
    result = _import(sources_file, sqlite_url, tmp_path / "var", str(cut))
    assert result.returncode == 1
    assert "error(s): see `mediamon runs show" in result.stderr
    assert 0 < count_articles(sqlite_url) < 6
    run = query(sqlite_url, select(CrawlRun))[0][0]
    assert run.errors == 1 and "truncated_file" in _events(sqlite_url, run.id)


def test_an_import_streams_a_warc_from_an_http_url(sources_file, db_url, tmp_path):
    upgrade_db(db_url)
    served = tmp_path / "served"
    served.mkdir()
    write_warc(served / "news.warc.gz", article_pages(8, page_kb=2), other_sites=2)
    handler = partial(SimpleHTTPRequestHandler, directory=str(served))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        result = _import(sources_file, db_url, tmp_path / "var", f"{base}/news.warc.gz")
        assert result.returncode == 0, result.stderr
        assert count_articles(db_url) == 8
        missing = _import(sources_file, db_url, tmp_path / "var", f"{base}/missing.warc.gz")
    finally:
        server.shutdown()
        server.server_close()
    assert missing.returncode == 1
    run = query(db_url, select(CrawlRun).order_by(CrawlRun.id.desc()))[0][0]
    assert run.status == "failed" and _events(db_url, run.id) == {"import_error": 1}


def test_bad_locations_and_sources_are_one_line_errors(sources_file, sqlite_url, tmp_path):
    upgrade_db(sqlite_url)
    result = _import(sources_file, sqlite_url, tmp_path / "var", str(tmp_path / "nothing.warc.gz"))
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"Error: {tmp_path / 'nothing.warc.gz'}: no such file (give a WARC file or an http(s) URL)"
    )
    result = run_mediamon(
        "--sources",
        str(sources_file),
        "import-warc",
        "--source",
        "nope",
        "--db",
        sqlite_url,
        "x",
        data_dir=tmp_path / "var",
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    junk = tmp_path / "notes.warc"
    junk.write_text("hello world, not a WARC file\n")
    result = _import(sources_file, sqlite_url, tmp_path / "var", str(junk))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"Error: {junk}: no WARC record in it (not a WARC file?)"
