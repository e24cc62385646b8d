"""The repository is a Scrapy project: `scrapy list` and `scrapy crawl news -a source=...` work from its root."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_scrapy_list_names_the_news_spider():
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["news"]


def test_scrapy_crawl_without_a_source_says_so(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "news", "-s", f"MEDIAMON_DATABASE_URL=sqlite:///{tmp_path}/x.db"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "the news spider needs a source: -a source=NAME" in result.stderr
