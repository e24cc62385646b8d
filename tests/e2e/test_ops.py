"""What ops read: per-run log files (plain or JSON lines), health warnings, bounded runs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from crawler.exitcodes import ExitCode
from storage.models import CrawlRun
from tests.e2e.conftest import count_articles, crawl, manifest_articles, query, run_mediamon, upgrade_db

pytestmark = pytest.mark.slow


def test_each_run_has_its_own_json_lines_log_file(caliber_site, sqlite_url, data_dir):
    upgrade_db(sqlite_url)
    result = crawl(caliber_site, sqlite_url, data_dir, "--log-format", "json")
    assert result.returncode == ExitCode.OK, result.stderr[-2000:]
    ((log_path,),) = query(sqlite_url, select(CrawlRun.log_path))
    assert re.search(r"/log/caliber_az-\d{8}T\d{6}Z-\d+\.log$", log_path)
    records = [json.loads(line) for line in Path(log_path).read_text(encoding="utf-8").splitlines()]
    assert records and {"time", "level", "logger", "message"} <= set(records[0])
    assert any(r.get("source") == "caliber_az" and r["message"] == "Spider closed (finished)" for r in records)


def test_since_bounds_discovery(caliber_site, sqlite_url, data_dir):
    upgrade_db(sqlite_url)
    future = crawl(caliber_site, sqlite_url, data_dir, "--since", "2100-01-01", "-s", "MEDIAMON_LISTING_DEPTH=0")
    assert future.returncode == ExitCode.OK, future.stderr[-2000:]
    skipped = int(re.search(r"(\d+) feed or sitemap entries older than the last run", future.stdout).group(1))
    assert skipped >= 1
    # Only the articles the homepage links were fetched: the dated feed entries were not followed.
    homepage = caliber_site.sites["caliber_az"].resolve("/en/").read_text(encoding="utf-8")
    linked = {a["path"] for a in manifest_articles("caliber_az") if a["path"] in homepage}
    fetched = {p for p in caliber_site.options.requests if "/en/post/" in p}
    assert fetched == linked
    assert count_articles(sqlite_url) == len(linked)


def test_max_articles_bounds_a_run(caliber_site, sqlite_url, data_dir):
    upgrade_db(sqlite_url)
    bounded = crawl(caliber_site, sqlite_url, data_dir, "--max-articles", "3", "-s", "CONCURRENT_REQUESTS=1")
    assert bounded.returncode == ExitCode.OK, bounded.stderr[-2000:]
    assert 3 <= count_articles(sqlite_url) < len(manifest_articles("caliber_az"))
    ((reason, status),) = query(sqlite_url, select(CrawlRun.finish_reason, CrawlRun.status))
    assert (reason, status) == ("closespider_itemcount", "stopped")  # a bound it was given, not a failure
    health = run_mediamon("health", "--db", sqlite_url, data_dir=data_dir)
    assert "failed" not in health.stdout + health.stderr, health.stdout + health.stderr


def test_health_flags_a_source_whose_pages_suddenly_lack_dates(caliber_site, sqlite_url, data_dir):
    upgrade_db(sqlite_url)
    assert crawl(caliber_site, sqlite_url, data_dir).returncode == ExitCode.OK
    healthy = run_mediamon("health", "--db", sqlite_url, data_dir=data_dir)
    assert healthy.returncode == ExitCode.OK, healthy.stdout + healthy.stderr
    assert "All sources look healthy." in healthy.stdout

    site = caliber_site.sites["caliber_az"]
    for article in manifest_articles("caliber_az"):
        file = site.resolve(article["path"])
        page = file.read_text(encoding="utf-8")
        # The redesigned pages carry no dateline (nor dated cards in the sidebar).
        without_date = re.sub(r'<div class="(?:post_time|float_block_time)">.*?</div>', "", page, flags=re.S)
        assert without_date != page
        caliber_site.options.overrides[file.relative_to(site.directory).as_posix()] = without_date.encode("utf-8")
    redesigned = crawl(caliber_site, sqlite_url, data_dir, "--refetch")
    assert redesigned.returncode == ExitCode.OK, redesigned.stderr[-2000:]

    flagged = run_mediamon("health", "--db", sqlite_url, data_dir=data_dir)
    assert flagged.returncode == ExitCode.FINISHED_WITH_ERRORS, flagged.stdout
    assert "WARNING caliber_az: missing date: 100% in the last run, 0% before (extraction broken?)" in flagged.stdout
