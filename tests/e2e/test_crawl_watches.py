"""`mediamon crawl --watches`: the watches report what the crawl stored, at its end."""

from __future__ import annotations

import json

from tests.e2e.conftest import count_articles, crawl, run_mediamon, upgrade_db


def test_crawl_with_watches_reports_the_new_articles(caliber_site, sqlite_url, data_dir):
    upgrade_db(sqlite_url)
    added = run_mediamon(
        "watch", "add", "everything", "NOT nothing_matches_this", "--db", sqlite_url, data_dir=data_dir
    )
    assert added.returncode == 0, added.stderr
    result = crawl(caliber_site, sqlite_url, data_dir, "--watches")
    assert result.returncode == 0, result.stderr
    stored = count_articles(sqlite_url)
    matches = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert stored > 0 and len(matches) == stored
    assert {m["watch"] for m in matches} == {"everything"} and all(m["source"] == "caliber_az" for m in matches)
    assert f"{stored} match(es) of 1 watch(es) reported" in result.stderr
    again = run_mediamon("watch", "run", "--db", sqlite_url, data_dir=data_dir)
    assert again.returncode == 0 and again.stdout == ""
