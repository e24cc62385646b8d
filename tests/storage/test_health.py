"""Health verdicts over a real ledger (SQLite): each names the run to look at."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.db import make_engine, make_sessionmaker
from storage.health import source_health
from storage.ledger import finish_run, start_run
from storage.migrate import upgrade
from storage.models import CrawlRun

NOW = datetime.now(UTC)


def _ledger(tmp_path, runs: list[tuple[str, str, dict[str, int]]]) -> tuple[list[str], list[int]]:
    """Runs of one source, oldest first, an hour apart: (status, reason, counts); the warnings and the run ids."""
    tmp_path.mkdir(exist_ok=True)
    url = f"sqlite:///{tmp_path / 'health.db'}"
    upgrade(url)
    engine = make_engine(url)
    ids = []
    with make_sessionmaker(engine).begin() as session:
        for n, (status, reason, counts) in enumerate(runs):
            run_id = start_run(session, source="alpha", host="h", pid=1, log_path=None)
            session.get(CrawlRun, run_id).started_at = NOW - timedelta(hours=len(runs) - n)
            finish_run(session, run_id, status=status, finish_reason=reason, counts=counts, stats={})
            ids.append(run_id)
    with make_sessionmaker(engine)() as session:
        (health,) = source_health(session, NOW)
    engine.dispose()
    return [str(w) for w in health.warnings], ids


def test_a_jump_in_errors_names_the_run(tmp_path):
    quiet = ("finished", "finished", {"pages_fetched": 20, "errors": 0, "articles_new": 1})
    noisy = ("finished", "finished with 12 error(s)", {"pages_fetched": 20, "errors": 12, "articles_new": 1})
    warnings, ids = _ledger(tmp_path, [quiet, quiet, quiet, noisy])
    assert warnings == [
        f"errors: 12 in the last run (60% of its pages), 0% before (run {ids[-1]}: mediamon runs show {ids[-1]})"
    ]


def test_runs_that_find_no_article_url_are_flagged_from_the_third(tmp_path):
    empty = ("finished", "discovery found no article URL (10 page(s) fetched)", {"pages_fetched": 10})
    fine = ("finished", "finished", {"pages_fetched": 10, "articles_new": 2})
    assert _ledger(tmp_path / "a", [fine, empty, empty])[0] == []
    warnings, ids = _ledger(tmp_path / "b", [fine, empty, empty, empty])
    assert warnings == [
        "discovery found no article URL in the last 3 runs (the listing or the URL pattern changed?) "
        f"(run {ids[-1]}: mediamon runs show {ids[-1]})"
    ]


def test_a_healthy_source_has_no_warning(tmp_path):
    fine = ("finished", "finished", {"pages_fetched": 10, "articles_new": 2, "errors": 1})
    assert _ledger(tmp_path, [fine] * 4)[0] == []
