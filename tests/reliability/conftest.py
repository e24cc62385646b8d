"""Helpers for the reliability tests: a misbehaving site, crawls of it, and the numbers they measured.

Each crawl test reports what it injected and what it got (``measure``); the
numbers are printed at the end of the session (the table of docs/reliability.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from crawler.sources import Source, dump_sources
from storage.models import Article, CrawlEvent, CrawlRun
from tests.e2e.conftest import FAST, query, run_mediamon, upgrade_db
from tests.faults.badsite import BadSite


@dataclass(frozen=True)
class Measure:
    """What one reliability test injected and observed."""

    test: str
    faults_injected: int
    items_crawled: int
    items_stored: int
    items_lost: int


MEASURES: list[Measure] = []


@pytest.fixture
def measure(request: pytest.FixtureRequest):
    def record(*, faults: int, crawled: int, stored: int, lost: int) -> None:
        MEASURES.append(Measure(request.node.name, faults, crawled, stored, lost))

    return record


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not MEASURES:
        return
    terminalreporter.section("reliability measures")
    terminalreporter.write_line(f"{'test':<72} {'faults':>6} {'crawled':>7} {'stored':>6} {'lost':>4}")
    for m in MEASURES:
        terminalreporter.write_line(
            f"{m.test:<72} {m.faults_injected:>6} {m.items_crawled:>7} {m.items_stored:>6} {m.items_lost:>4}"
        )
    totals = [sum(getattr(m, f) for m in MEASURES) for f in ("faults_injected", "items_crawled", "items_stored")]
    lost = sum(m.items_lost for m in MEASURES)
    terminalreporter.write_line(f"{'total':<72} {totals[0]:>6} {totals[1]:>7} {totals[2]:>6} {lost:>4}")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "var"
    directory.mkdir()
    return directory


@pytest.fixture
def badsite() -> Iterator[BadSite]:
    site = BadSite()
    yield site
    site.close()


def write_sources(path: Path, *sources: Source) -> Path:
    path.write_text(dump_sources(sources), encoding="utf-8")
    return path


def crawl_sources(sources_file: Path, db: str, data_dir: Path, *extra: str, timeout: float = 240):
    """``mediamon crawl`` of every source in ``sources_file`` into ``db`` (upgraded first), at full speed."""
    upgrade_db(db)
    return run_mediamon(
        "--sources", str(sources_file), "crawl", *FAST, "--db", db, *extra, data_dir=data_dir, timeout=timeout
    )


@dataclass
class Outcome:
    """What a crawl left in the database."""

    articles: dict[str, tuple[str, str]]  # url -> (headline, body)
    events: list[tuple[str, str, str | None, str]]  # (kind, level, url, message)
    runs: list[tuple[str, dict[str, Any]]]  # (status, stats)

    def events_for(self, url: str) -> list[tuple[str, str, str | None, str]]:
        return [e for e in self.events if e[2] == url]


def outcome(db: str) -> Outcome:
    articles = {u: (h, b) for u, h, b in query(db, select(Article.url, Article.headline, Article.article_body))}
    events = [
        tuple(r) for r in query(db, select(CrawlEvent.kind, CrawlEvent.level, CrawlEvent.url, CrawlEvent.message))
    ]
    runs = [(s, st) for s, st in query(db, select(CrawlRun.status, CrawlRun.stats).order_by(CrawlRun.id))]
    return Outcome(articles, events, runs)  # type: ignore[arg-type]
