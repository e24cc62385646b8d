"""Security: database passwords never leak; the crawler stays on its source, obeys robots.txt and says who it is."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from crawler.exitcodes import ExitCode
from storage.models import Article, CrawlEvent, CrawlRun
from tests.e2e.conftest import run_mediamon
from tests.faults import badsite as bad
from tests.reliability.conftest import crawl_sources, outcome, write_sources

pytestmark = pytest.mark.slow

PASSWORD = "S3cretPw"
USER_AGENT = re.compile(r"mediamon/\S+ \(\+https?://\S+\)")


def _everything_written(db: str, data_dir, *outputs: str) -> str:
    """The CLI's output, every file under the data directory, and every run and event row, as one text."""
    from tests.e2e.conftest import query

    parts = list(outputs)
    parts += [p.read_text(errors="replace") for p in data_dir.rglob("*") if p.is_file()]
    parts += [repr(tuple(r)) for r in query(db, select(CrawlRun.__table__))]
    parts += [repr(tuple(r)) for r in query(db, select(CrawlEvent.__table__))]
    return "\n".join(parts)


@pytest.mark.postgres
def test_database_password_never_appears_in_logs_runs_events_or_errors(badsite, pg_url, data_dir):
    url = make_url(pg_url).set(password=PASSWORD).render_as_string(hide_password=False)
    assert PASSWORD in url  # PostgreSQL trusts local connections and ignores the password
    badsite.add_article("/news/good-1", "A good article for the password test")
    badsite.add("/news/broken", bad.status(500))
    sources = write_sources(data_dir / "sources.toml", badsite.source())

    result = crawl_sources(sources, url, data_dir, "-s", "RETRY_TIMES=0", "--log-level", "DEBUG")
    assert result.returncode == ExitCode.FINISHED_WITH_ERRORS, result.stderr[-3000:]
    assert [h for (h, _b) in outcome(pg_url).articles.values()] == ["A good article for the password test"]
    assert [p for p in data_dir.rglob("*.log") if p.stat().st_size], "the run wrote a log file"
    unreachable = make_url(url).set(port=1).render_as_string(hide_password=False)
    refused = run_mediamon("--sources", str(sources), "crawl", "--db", unreachable, data_dir=data_dir)
    assert refused.returncode == ExitCode.DATABASE_UNAVAILABLE
    assert "***" in refused.stderr

    written = _everything_written(pg_url, data_dir, result.stdout, result.stderr, refused.stdout, refused.stderr)
    assert "HTTP 500" in written  # the event and the log are there to be searched
    assert PASSWORD not in written


def test_crawler_stays_on_its_domains_obeys_robots_and_names_itself(badsite, sqlite_url, data_dir, measure):
    badsite.add_article("/news/good-1", "An article on the source's own host")
    elsewhere = f"http://localhost:{badsite.port}/news/elsewhere"
    badsite.prefixes["/news/elsewhere"] = lambda h: h.send_body(200, bad.article_html("Offsite article").encode())
    badsite.add("/news/offsite", bad.redirect(elsewhere))
    badsite.add("/news/offsite-permanent", bad.redirect(elsewhere + "-2", code=301))
    badsite.add_article("/news/private-scoop", "Disallowed by robots.txt")
    sources = write_sources(data_dir / "sources.toml", badsite.source())

    result = crawl_sources(sources, sqlite_url, data_dir)

    assert result.returncode in (ExitCode.OK, ExitCode.FINISHED_WITH_ERRORS), result.stderr[-3000:]
    got = outcome(sqlite_url)
    assert set(got.articles) == {badsite.url("/news/good-1")}
    assert [h for (h,) in _headlines(sqlite_url)] == ["An article on the source's own host"]
    hosts = {s.host.split(":")[0] for s in badsite.seen}
    assert hosts == {"127.0.0.1"}, "nothing was fetched from another host"
    assert not badsite.requests_for("/news/private-scoop"), "robots.txt Disallow is obeyed"
    assert badsite.requests_for("/robots.txt")
    assert badsite.seen and all(USER_AGENT.fullmatch(s.user_agent) for s in badsite.seen), {
        s.user_agent for s in badsite.seen
    }
    log_text = "\n".join(p.read_text(errors="replace") for p in (data_dir / "log").glob("*.log"))
    assert "Spider closed" in log_text
    assert "listening" not in log_text, "the crawl opens no control port (telnet console, remote control server)"
    measure(faults=3, crawled=len({s.path for s in badsite.seen if s.path.startswith("/news/")}), stored=1, lost=0)


def _headlines(db: str) -> list:
    from tests.e2e.conftest import query

    return query(db, select(Article.headline))
