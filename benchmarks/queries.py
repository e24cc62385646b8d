"""Analyst queries at the size of a real archive: search, listing, trend and watch run, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/queries.py --articles 1000000 --backend both [--dir .bench] [--seed 7]

Generates the archive once (benchmarks/benchgen.py: articles in English, Russian,
Azerbaijani and Turkish with Zipf-distributed words, the store's search index, bulk-loaded
into a database migrated by Alembic; benchmarks/benchdb.py keeps it under its size and seed
and reuses it), then prints p50 and p95 over repeated runs of: searches for a common word, a
rare word, a phrase and a boolean query with filters, a filtered and an unfiltered listing
(first 50, newest first, as ``storage.queries.list_articles`` builds them), a trend of a
query by day over one year (``storage.trends.trend``), and ``watch run`` of 20 watches over
10,000 new articles (``crawler.watchrun.run_watches``; the articles and watches are removed
afterwards). Targets at 1,000,000 articles: common word < 150 ms, rare word and phrase < 50 ms,
listing < 20 ms, trend < 1 s, watch run < 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchdb import _fill, archive
from benchgen import PG_SERVER, ROOT, WORDS

__all__ = ["PG_SERVER", "ROOT", "WORDS", "_pg_database", "fill"]

LIMIT = 50
YEAR = (datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC))
COMMON, RARE = WORDS["ru"][0], WORDS["en"][3_000]
PHRASE = f'"{WORDS["en"][0]} {WORDS["en"][1]}"'
BOOLEAN = f"({WORDS['az'][9]} OR {WORDS['az'][12]}) -{WORDS['az'][20]} lang:az {WORDS['az'][30][:4]}*"
PARTS = ("search", "trend", "watch")
TARGETS = {"common": 150, "rare": 50, "phrase": 50, "listing": 20, "trend": 1_000, "watch": 2_000}


def fill(url: str, count: int, seed: int = 7) -> float:
    """Fill an empty database with ``count`` generated articles (for benchmarks/web.py); the seconds taken."""
    return _fill(url, count, seed)


def _pg_database(action: str, name: str) -> str:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        if action == "create":
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        else:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()
    return make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False)


def _percentiles(runs: list[float]) -> tuple[float, float]:
    ordered = sorted(runs)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _time(action: Callable[[], object], runs: int) -> tuple[float, float, object]:
    result = action()  # warm-up
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - began) * 1000)
    return (*_percentiles(times), result)


def cases() -> list[tuple[str, str, object]]:
    """(name, target key, filters) of the timed listings."""
    from storage.queries import ArticleFilters

    return [
        (f"search common word {COMMON!r}", "common", ArticleFilters(search=COMMON)),
        (f"search rare word {RARE!r}", "rare", ArticleFilters(search=RARE)),
        (f"search phrase {PHRASE}", "phrase", ArticleFilters(search=PHRASE)),
        (
            "search boolean + source + dates",
            "common",
            ArticleFilters(search=BOOLEAN, sources=("source_01", "source_02"), since=YEAR[0], before=YEAR[1]),
        ),
        (
            "listing: source + 30 days + language",
            "listing",
            ArticleFilters(sources=("source_03",), languages=("ru",), since=datetime(2025, 6, 1, tzinfo=UTC)),
        ),
        ("listing: newest, no filter", "listing", ArticleFilters()),
    ]


def query_rows(url: str, runs: int, only: tuple[str, ...] = PARTS) -> list[tuple[str, str, float, float, str]]:
    from storage.db import make_engine
    from storage.queries import ArticleFilters, list_articles
    from storage.trends import trend

    engine = make_engine(url)
    dialect = engine.dialect.name
    rows = []
    with engine.connect() as connection:
        for name, target, filters in cases() if "search" in only else ():
            query = list_articles(filters, dialect, limit=LIMIT)  # type: ignore[arg-type]
            p50, p95, found = _time(lambda q=query: connection.execute(q).all(), runs)
            rows.append((name, target, p50, p95, f"{len(found)} rows"))  # type: ignore[arg-type]
        year = ArticleFilters(since=YEAR[0], before=YEAR[1])
        for word in (COMMON, RARE) if "trend" in only else ():
            p50, p95, found = _time(lambda w=word: trend(connection, [w], year, interval="day"), max(3, runs // 3))
            matches = sum(row.articles for row in found)  # type: ignore[attr-defined]
            rows.append((f"trend {word!r} by day over 2025", "trend", p50, p95, f"{matches:,} matches"))
    engine.dispose()
    return rows


def watch_row(url: str, count: int, seed: int, runs: int) -> tuple[str, str, float, float, str]:
    """``watch run`` of 20 watches over 10,000 articles stored after they were added, ``runs`` times."""
    import io

    from benchdb import append, reset

    from crawler.watchrun import run_watches
    from storage.db import make_engine
    from storage.watches import add_watch

    picks = [WORDS[lang][rank] for rank in (5, 40, 200, 900, 1_500, 2_000) for lang in ("en", "ru", "az")]
    times, reported = [], 0
    for _ in range(runs):
        reset(url, count)
        engine = make_engine(url)
        with engine.begin() as connection:
            for i in range(20):
                query = picks[i % len(picks)] if i < 18 else (PHRASE if i == 18 else f"{WORDS['tr'][3]} Türkiye")
                add_watch(connection, f"w{i:02}", query, ["source_01"] if i % 4 == 0 else [], None, backfill=False)
        append(url, count, 10_000, seed)
        out = io.StringIO()
        began = time.perf_counter()
        assert run_watches(engine, out=out) == 0
        times.append((time.perf_counter() - began) * 1000)
        reported = out.getvalue().count("\n")
        engine.dispose()
    reset(url, count)
    p50, p95 = _percentiles(times)
    return ("watch run: 20 watches, 10,000 new articles", "watch", p50, p95, f"{reported:,} matches")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="How many articles to generate.")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--dir", type=Path, default=ROOT / ".bench", help="Where generated SQLite archives are kept.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--suffix", default="", help="Added to the archives' names (SQLite file, PostgreSQL database): e.g. '_mine'."
    )
    parser.add_argument("--runs", type=int, default=15, help="Timed runs per query (after one warm-up).")
    parser.add_argument("--watch-runs", type=int, default=3)
    parser.add_argument("--only", nargs="+", choices=PARTS, default=PARTS, help="Which rows to time (all by default).")
    args = parser.parse_args()
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    results = {}
    for backend in backends:
        url, seconds = archive(backend, args.articles, args.seed, args.dir, args.suffix)
        made = f"generated in {seconds:.0f} s" if seconds else "reused"
        print(f"{backend}: {args.articles:,} articles ({made})", file=sys.stderr)
        rows = query_rows(url, args.runs, tuple(args.only))
        if args.watch_runs and "watch" in args.only:
            rows.append(watch_row(url, args.articles, args.seed, args.watch_runs))
        for name, target, p50, p95, note in rows:
            met = "ok" if p50 < TARGETS[target] else "MISSED"
            print(f"  {backend:<10} {name:<48} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  {note:>18}  {met}")
        results[backend] = rows
    print(f"\n| {args.articles:,} articles, p50 / p95 | " + " | ".join(results) + " | target |")
    print("|---|" + "---:|" * len(results) + "---|")
    for i, (name, target, *_rest) in enumerate(next(iter(results.values()))):
        cells = " | ".join(f"{rows[i][2]:,.1f} / {rows[i][3]:,.1f} ms" for rows in results.values())
        print(f"| {name} | {cells} | < {TARGETS[target]:,} ms |")


if __name__ == "__main__":
    main()
