"""The crawl as a Python API (:func:`crawler.crawl.run_crawl`): a real crawl of a sample site, called from Python.

Scrapy's Twisted reactor starts once per process, so the crawl runs in a Python process of its
own, started with a small program that calls the API and prints the report as JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from crawler.crawl import CrawlOptions, run_crawl
from crawler.exitcodes import ExitCode, ExitError
from crawler.sources import load_sources
from storage.models import Article, CrawlRun, Source
from tests.e2e.conftest import REPO, manifest_articles, query, upgrade_db

PROGRAM = """
import json, sys
from crawler.crawl import CrawlOptions, run_crawl
from crawler.sources import load_sources

sources = list(load_sources(sys.argv[1]).values())
options = CrawlOptions(settings={"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0}, max_articles=int(sys.argv[3]))
notes = []
report = run_crawl(sources, sys.argv[2], options, notify=notes.append)
runs = [{"source": r.source, "run_id": r.run_id, "status": r.status, "new": r.new, "pages": r.pages}
        for r in report.runs]
print(json.dumps({"crawl_id": report.crawl_id, "exit_code": report.exit_code, "runs": runs,
                  "locked": list(report.locked), "new": report.new, "notes": notes}))
"""


def _crawl_from_python(sources_file, url: str, data_dir, max_articles: int) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(sources_file), url, str(max_articles)],
        cwd=REPO,
        env={**os.environ, "MEDIAMON_DATA_DIR": str(data_dir)},
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_a_crawl_called_from_python_reports_its_runs_and_stores_the_articles(
    caliber_site, sqlite_url, data_dir
) -> None:
    upgrade_db(sqlite_url)
    expected = len(manifest_articles("caliber_az"))
    report = _crawl_from_python(caliber_site.sources_file, sqlite_url, data_dir, max_articles=1000)
    assert report["exit_code"] == ExitCode.OK and report["locked"] == []
    [run] = report["runs"]
    assert run["source"] == "caliber_az" and run["status"] == "finished"
    assert run["new"] == report["new"] == expected and run["pages"] > expected
    assert any(note.startswith("Logs: ") for note in report["notes"])  # the notes went to the callback
    stored = query(sqlite_url, select(Article.canonical_url).join(Source).where(Source.name == "caliber_az"))
    assert len(stored) == expected
    assert {urlsplit(url).path.rstrip("/") for (url,) in stored} == {
        a["path"].rstrip("/") for a in manifest_articles("caliber_az")
    }
    [(run_id, status, crawl_id, new)] = query(
        sqlite_url, select(CrawlRun.id, CrawlRun.status, CrawlRun.crawl_id, CrawlRun.articles_new)
    )
    assert (run_id, status, crawl_id, new) == (run["run_id"], "finished", report["crawl_id"], expected)

    again = _crawl_from_python(caliber_site.sources_file, sqlite_url, data_dir, max_articles=1000)
    assert again["exit_code"] == ExitCode.OK and again["new"] == 0  # incremental: nothing fetched twice
    assert again["runs"][0]["run_id"] != run["run_id"]


def test_run_crawl_refuses_a_database_whose_schema_is_old_before_crawling(sqlite_url) -> None:
    """No reactor started: the error comes first, with the exit code cron would see."""
    source = next(iter(load_sources().values()))
    with pytest.raises(ExitError) as raised:
        run_crawl([source], sqlite_url, CrawlOptions())
    assert raised.value.exit_code == ExitCode.SCHEMA_OUT_OF_DATE
    assert "mediamon db upgrade" in raised.value.message
    # Whether the reactor was imported is asked of a fresh process: in this one, earlier tests may have.
    program = (
        "import sys\n"
        "from crawler.crawl import CrawlOptions, run_crawl\n"
        "from crawler.exitcodes import ExitError\n"
        "from crawler.sources import load_sources\n"
        "try:\n"
        "    run_crawl([next(iter(load_sources().values()))], sys.argv[1], CrawlOptions())\n"
        "except ExitError as error:\n"
        "    print(error.exit_code, 'twisted.internet.reactor' in sys.modules)\n"
    )
    fresh = subprocess.run(
        [sys.executable, "-c", program, sqlite_url], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert fresh.stdout.split() == [str(int(ExitCode.SCHEMA_OUT_OF_DATE)), "False"], fresh.stderr


def test_run_crawl_names_an_unreachable_redis(sqlite_url) -> None:
    upgrade_db(sqlite_url)
    source = next(iter(load_sources().values()))
    with pytest.raises(ExitError) as raised:
        run_crawl([source], sqlite_url, CrawlOptions(redis_url="redis://:pw@127.0.0.1:1/0"))
    assert raised.value.exit_code == ExitCode.DATABASE_UNAVAILABLE
    assert raised.value.message.startswith("cannot connect to Redis at redis://:***@127.0.0.1:1/0")
