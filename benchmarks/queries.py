"""Analyst queries at scale: full-text search, a filtered listing and exports on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/queries.py [--articles 100000] [--backends sqlite,postgresql] [--trends|--trends-only]

Fills a SQLite file in a temporary directory and a PostgreSQL database of its own
(created and dropped) with generated articles in English, Russian and Azerbaijani
(bulk inserts, with the search index the store writes), then prints, per backend: search and
listing times (median of 7 runs), and per export format the rows/s and the peak RSS of
a fresh process running ``mediamon export``, beside the same process on an empty database.
Targets: search and listing under 50 ms on SQLite at 100,000 articles; export peak RSS
within 50 MB of the empty-database run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
TEXTS = {
    "en": "the government said minister talks economy oil gas energy market growth city new park president "
    "security region border agreement visit summit bank budget reform election court police report "
    "weather football team season company investment trade export import road railway school health",
    "ru": "правительство министр переговоры экономика нефть газ энергетика рынок рост город новый парк "
    "президент безопасность регион граница соглашение визит саммит банк бюджет реформа выборы суд "
    "полиция доклад погода футбол команда сезон компания инвестиции торговля дорога школа здоровье",
    "az": "hökumət nazir danışıqlar iqtisadiyyat neft qaz enerji bazar artım şəhər yeni park prezident "
    "təhlükəsizlik region sərhəd saziş səfər sammit bank büdcə islahat seçki məhkəmə polis hesabat "
    "hava futbol komanda mövsüm şirkət investisiya ticarət yol məktəb səhiyyə Azərbaycan Bakı",
}
SYLLABLES = {
    "en": "ba ter con min sta pro lo ver ing tion al ex ra mo de",
    "ru": "ка ро ни ст ва по ле ми ра ть то за ны ко де",
    "az": "ba lı qə şə ya rə ma ın lər də ğı çi öz ün xa",
}


def _vocabulary(language: str, rng: random.Random, size: int = 3_000) -> list[str]:
    """The language's news words first, then made-up words; drawn with Zipf weights (rank 1 most often)."""
    syllables = SYLLABLES[language].split()
    made_up = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(size)}
    return TEXTS[language].split() + sorted(made_up)


_VOCABULARY_RNG = random.Random(7)
WORDS = {language: _vocabulary(language, _VOCABULARY_RNG) for language in TEXTS}
ZIPF = {language: [1 / rank for rank in range(1, len(words) + 1)] for language, words in WORDS.items()}


def _text(language: str, rng: random.Random, count: int) -> str:
    return " ".join(rng.choices(WORDS[language], ZIPF[language], k=count))


ZONES = ["Asia/Baku", "Europe/Moscow", "Europe/London", "Europe/Berlin", "America/New_York"]
START = datetime(2025, 1, 1, tzinfo=UTC)


def _sources() -> list:
    from crawler.sources import Source

    return [
        Source(name=f"source_{i:02d}", homepage=f"https://s{i}.example/", languages=("en", "ru", "az"), timezone=z)
        for i, z in enumerate(ZONES * 2)
    ]


def _rows(n: int, rng: random.Random, source_ids: list[int]) -> dict[str, object]:
    language = rng.choice(("en", "ru", "az"))
    body = _text(language, rng, rng.randint(80, 220))
    url = f"https://s{n % len(source_ids)}.example/a/{n}"
    fetched = datetime(2026, 1, 2, tzinfo=UTC)
    return {
        "source_id": source_ids[n % len(source_ids)],
        "url_hash": hashlib.blake2b(url.encode(), digest_size=16).hexdigest(),
        "url": url,
        "canonical_url": url,
        "headline": _text(language, rng, 8).capitalize(),
        "description": _text(language, rng, 20),
        "article_body": body,
        "date_published": START + timedelta(seconds=rng.randint(0, 365 * 86_400)),
        "in_language": language,
        "section": rng.choice(("Politics", "Economy", "Society", "Sport")),
        "keywords": [],
        "word_count": body.count(" ") + 1,
        "content_hash": f"{n:032x}",
        "first_seen_at": fetched,
        "fetched_at": fetched,
        "updated_at": fetched,
    }


def fill(url: str, count: int) -> float:
    """Migrate, then bulk-insert ``count`` generated articles with authors in batches of 2,000.

    Plain multi-row INSERTs with the search documents the repository writes; the
    sources go through ``storage.repository.sync_sources``. Returns the seconds taken.
    """
    from sqlalchemy import insert, select

    from storage.db import make_engine, make_sessionmaker
    from storage.migrate import upgrade
    from storage.models import ArticleAuthor, Author
    from storage.query.index import write_sqlite_index
    from storage.repository import add_search_documents, articles_table, author_key, sync_sources

    upgrade(url)
    rng = random.Random(6)
    first = {"en": ["John", "Anna", "Mark"], "ru": ["Иван", "Мария", "Олег"], "az": ["Leyla", "Vüqar", "Əli"]}
    last = {"en": ["Smith", "Brown", "Lee"], "ru": ["Петров", "Иванова", "Смирнов"], "az": ["Əliyeva", "Məmmədov"]}
    names = [f"{f} {ln} {i}" for lang in first for f in first[lang] for ln in last[lang] for i in range(12)]
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    began = time.perf_counter()
    with sessions.begin() as session:
        source_ids = list(sync_sources(session, _sources()).values())
        session.execute(insert(Author), [{"name": n, "name_key": author_key(n), "kind": "person"} for n in names])
        author_ids = list(session.scalars(select(Author.id)))
    for offset in range(0, count, 2_000):
        rows = [_rows(n, rng, source_ids) for n in range(offset, min(offset + 2_000, count))]
        documents = add_search_documents(rows, engine.dialect.name)  # as the store writes them
        articles = articles_table(engine.dialect.name)
        with sessions.begin() as session:
            ids = session.scalars(insert(articles).returning(articles.c.id, sort_by_parameter_order=True), rows).all()
            if engine.dialect.name == "sqlite":
                index = {i: documents[row["url_hash"]] for i, row in zip(ids, rows, strict=True)}
                write_sqlite_index(session, index)
            links = [
                {"article_id": article_id, "author_id": author_id, "position": position}
                for article_id in ids
                for position, author_id in enumerate(rng.sample(author_ids, rng.choice((0, 1, 1, 2))), start=1)
            ]
            if links:
                session.execute(insert(ArticleAuthor), links)
        print(f"\r  stored {offset + len(rows):,}/{count:,}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
        connection.commit()
    engine.dispose()
    return time.perf_counter() - began


def _timed(url: str, queries: dict[str, object]) -> dict[str, float]:
    from storage.db import make_engine

    engine = make_engine(url)
    times: dict[str, float] = {}
    with engine.connect() as connection:
        for name, query in queries.items():
            connection.execute(query).all()  # warm up
            runs = []
            for _ in range(7):
                began = time.perf_counter()
                connection.execute(query).all()
                runs.append(time.perf_counter() - began)
            times[name] = statistics.median(runs) * 1000
    engine.dispose()
    return times


def query_times(url: str, dialect: str) -> dict[str, float]:
    from storage.queries import ArticleFilters, list_articles

    listing = ArticleFilters(
        sources=("source_03",),
        since=datetime(2025, 6, 1, tzinfo=UTC),
        before=datetime(2025, 7, 1, tzinfo=UTC),
        languages=("ru",),
    )
    common, medium, rare = WORDS["az"][9], WORDS["ru"][300], WORDS["en"][2_000]
    return _timed(
        url,
        {
            f"search {common!r} (common word)": list_articles(ArticleFilters(search=common), dialect),
            f"search {medium!r} (medium word)": list_articles(ArticleFilters(search=medium), dialect),
            f"search {rare!r} (rare word)": list_articles(ArticleFilters(search=rare), dialect),
            "search 2 words + source + language": list_articles(
                ArticleFilters(search=f"energy {WORDS['en'][100]}", sources=("source_01",), languages=("en",)),
                dialect,
            ),
            f'phrase "{WORDS["en"][0]} {WORDS["en"][1]}"': list_articles(
                ArticleFilters(search=f'"{WORDS["en"][0]} {WORDS["en"][1]}"'), dialect
            ),
            "boolean + fields + filter": list_articles(
                ArticleFilters(
                    search=f"({common} OR {WORDS['az'][12]}) -{WORDS['az'][20]} lang:az {WORDS['az'][30][:4]}*",
                    since=datetime(2025, 1, 1, tzinfo=UTC),
                ),
                dialect,
            ),
            "listing: source + 30 days + language": list_articles(listing, dialect),
            "listing: newest 20, no filter": list_articles(ArticleFilters(), dialect),
        },
    )


def _peak_rss_worker(url: str, fmt: str, out: str) -> None:
    """In a fresh process: run `mediamon export` while a thread samples RSS; print JSON."""
    import psutil

    from crawler.cli import main

    process = psutil.Process()
    peak = process.memory_info().rss
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, process.memory_info().rss)
            time.sleep(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    began = time.perf_counter()
    main(["export", "--format", fmt, "--out", out, "--db", url], standalone_mode=False)
    seconds = time.perf_counter() - began
    done.set()
    sampler.join()
    print(json.dumps({"seconds": seconds, "peak_rss": max(peak, process.memory_info().rss)}))


def export_run(url: str, fmt: str, out: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--export-worker", url, fmt, str(out)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


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


def bench_backend(backend: str, count: int, workdir: Path, trends: str = "") -> list[str]:
    from storage.migrate import upgrade

    names: list[str] = []
    if backend == "sqlite":
        full, empty = f"sqlite:///{workdir / 'full.db'}", f"sqlite:///{workdir / 'empty.db'}"
    else:
        names = [f"mediamon_bench_{uuid.uuid4().hex[:10]}", f"mediamon_bench_{uuid.uuid4().hex[:10]}"]
        full, empty = _pg_database("create", names[0]), _pg_database("create", names[1])
    lines = []
    try:
        upgrade(empty)
        print(f"{backend}: storing {count:,} articles…", file=sys.stderr)
        seconds = fill(full, count)
        lines.append(f"{backend}: stored {count:,} articles in {seconds:.0f} s ({count / seconds:,.0f}/s)")
        if trends:  # benchmarks/trends_watches.py: a trend by day over the year, a watch run over 10,000 new articles
            from trends_watches import lines as trend_lines

            lines += trend_lines(full, backend, count, WORDS, START, _rows)
        if trends == "only":
            return lines
        for name, ms in query_times(full, backend).items():
            lines.append(f"  {name:<40} {ms:8.1f} ms")
        for fmt in ("csv", "jsonl", "parquet"):
            base = export_run(empty, fmt, workdir / f"empty.{fmt}")
            run = export_run(full, fmt, workdir / f"full.{fmt}")
            size = (workdir / f"full.{fmt}").stat().st_size / 2**20
            growth = (run["peak_rss"] - base["peak_rss"]) / 2**20
            peak, baseline = run["peak_rss"] / 2**20, base["peak_rss"] / 2**20
            lines.append(
                f"  export {fmt:<8} {count / run['seconds']:9,.0f} rows/s {run['seconds']:6.1f} s {size:5.0f} MB file"
                f"  peak RSS {peak:4.0f} MB (empty db {baseline:4.0f} MB, {growth:+.0f} MB)"
            )
    finally:
        for name in names:
            _pg_database("drop", name)
    return lines


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--export-worker":
        _peak_rss_worker(*sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000, help="How many articles to generate.")
    parser.add_argument("--backends", default="sqlite,postgresql", help="Comma-separated: sqlite, postgresql.")
    parser.add_argument("--trends", action="store_const", const="also", default="", help="Also time trends, watches.")
    parser.add_argument("--trends-only", dest="trends", action="store_const", const="only", help="Only those.")
    args = parser.parse_args()
    report: list[str] = []
    with tempfile.TemporaryDirectory(prefix="mediamon-bench-") as tmp:
        for backend in args.backends.split(","):
            report += bench_backend(backend.strip(), args.articles, Path(tmp), args.trends)
    print("\n".join(report))


if __name__ == "__main__":
    main()
