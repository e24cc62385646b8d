"""Trend and watch timings on an archive filled by benchmarks/queries.py (its ``--trends`` flag).

A trend of a query by day over the generated year (``storage.trends.trend``, median of 3),
and one ``watch run`` of 20 watches (words of the three languages, some limited to a source)
over 10,000 articles stored after the watches were added, delivering to stdout (a buffer).
Targets: < 1 s and < 2 s.
"""

from __future__ import annotations

import io
import random
import statistics
import time
from datetime import timedelta

WATCHES = 20
NEW_ARTICLES = 10_000


def trend_seconds(url: str, query: str, start, interval: str = "day") -> tuple[float, int]:
    """Median seconds of a trend of ``query`` per ``interval`` over the year from ``start``, and its rows."""
    from storage.db import make_engine
    from storage.queries import ArticleFilters
    from storage.trends import trend

    engine = make_engine(url)
    filters = ArticleFilters(since=start, before=start + timedelta(days=365))
    runs, rows = [], []
    with engine.connect() as connection:
        for _ in range(3):
            began = time.perf_counter()
            rows = trend(connection, [query], filters, interval=interval)
            runs.append(time.perf_counter() - began)
    engine.dispose()
    return statistics.median(runs), len(rows)


def _append(url: str, first: int, count: int, make_row) -> None:
    """Store ``count`` more generated articles (numbers ``first``…) as the benchmark's fill does."""
    from sqlalchemy import insert, select

    from storage.db import make_engine, make_sessionmaker
    from storage.models import Source
    from storage.query.index import write_sqlite_index
    from storage.repository import add_search_documents, articles_table

    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    articles = articles_table(engine.dialect.name)
    rng = random.Random(first)
    with engine.begin() as connection:
        source_ids = list(connection.scalars(select(Source.id).order_by(Source.name)))
    for offset in range(first, first + count, 2_000):
        rows = [make_row(n, rng, source_ids) for n in range(offset, min(offset + 2_000, first + count))]
        documents = add_search_documents(rows, engine.dialect.name)
        with sessions.begin() as session:
            ids = session.scalars(insert(articles).returning(articles.c.id, sort_by_parameter_order=True), rows).all()
            if engine.dialect.name == "sqlite":
                write_sqlite_index(session, {i: documents[r["url_hash"]] for i, r in zip(ids, rows, strict=True)})
    engine.dispose()


def watch_run_seconds(url: str, stored: int, words: dict[str, list[str]], make_row) -> tuple[float, int]:
    """Seconds of one run of 20 watches over 10,000 new articles, and the matches it reported."""
    from crawler.watchrun import run_watches
    from storage.db import make_engine
    from storage.watches import add_watch

    engine = make_engine(url)
    picks = [words[lang][rank] for rank in (5, 40, 200, 900, 1_500, 2_000) for lang in ("en", "ru", "az")]
    with engine.begin() as connection:
        for i in range(WATCHES):
            query = picks[i % len(picks)] if i < 18 else f'"{words["en"][0]} {words["en"][1]}"'
            sources = ["source_01"] if i % 4 == 0 else []
            add_watch(connection, f"w{i:02}", query, sources, None, backfill=False)
    _append(url, stored, NEW_ARTICLES, make_row)
    out = io.StringIO()
    began = time.perf_counter()
    code = run_watches(engine, out=out)
    seconds = time.perf_counter() - began
    engine.dispose()
    assert code == 0
    return seconds, out.getvalue().count("\n")


def lines(url: str, backend: str, count: int, words: dict[str, list[str]], start, make_row) -> list[str]:
    common, rare = words["en"][5], words["ru"][900]
    out = []
    for word in (common, rare):
        seconds, rows = trend_seconds(url, word, start)
        out.append(f"  trend {word!r} by day over a year ({rows} days)   {seconds * 1000:8.1f} ms")
    seconds, rows = trend_seconds(url, common, start, interval="week")
    out.append(f"  trend {common!r} by week over a year ({rows} weeks) {seconds * 1000:8.1f} ms")
    seconds, reported = watch_run_seconds(url, count, words, make_row)
    out.append(
        f"  watch run: {WATCHES} watches, {NEW_ARTICLES:,} new articles, {reported:,} matches  {seconds * 1000:8.1f} ms"
    )
    return out
