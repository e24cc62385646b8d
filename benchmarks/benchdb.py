"""Generated archives (benchmarks/benchgen.py) stored in bulk, kept and reused between runs.

``archive(backend, count, seed, directory)`` returns the URL of a database holding ``count``
generated articles at the newest migration: SQLite ``DIRECTORY/sqlite-N-sSEED.db`` (filled
as ``….partial`` and renamed when whole), PostgreSQL ``mediamon_bench_N_sSEED`` (filled as
``…_partial`` and renamed when whole). Only a whole archive is reused; what a benchmark adds
to it (the watch run's new articles, its watches and runs) is removed by :func:`reset`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from benchgen import AUTHORS, PG_SERVER, SOURCES, Batch, batches, progress
from sqlalchemy import Engine, insert, text
from sqlalchemy.engine import make_url

from storage.db import make_engine
from storage.migrate import upgrade
from storage.models import Article, ArticleAuthor, Author, Source
from storage.query.index import DOCUMENT_COLUMN, write_sqlite_index

_COPY_COLUMNS = [
    "id",
    "source_id",
    "url_hash",
    "url",
    "canonical_url",
    "headline",
    "description",
    "article_body",
    "date_published",
    "in_language",
    "section",
    "keywords",
    "word_count",
    "content_hash",
    "first_seen_at",
    "fetched_at",
    "updated_at",
]
# PostgreSQL's narrow search table (migration 0016): filled once after the load, not row by row by its trigger.
_SEARCH_TRIGGER = "article_search_insert"
_SEARCH_GIN = "CREATE INDEX ix_article_search_document ON article_search USING gin (search_document)"
_SEARCH_FILL = (
    "INSERT INTO article_search (article_id, date_published, source_id, in_language, search_document)"
    " SELECT id, date_published, source_id, in_language, search_document FROM articles"
    " WHERE search_document IS NOT NULL"
)


def _admin(sql: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.exec_driver_sql(sql)
    engine.dispose()


def _pg_exists(name: str) -> bool:
    from sqlalchemy import create_engine

    engine = create_engine(PG_SERVER)
    with engine.connect() as connection:
        found = connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
    engine.dispose()
    return bool(found)


def _pg_url(name: str) -> str:
    return make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False)


def _names(engine: Engine) -> None:
    """Sources and authors with the ids the generator uses (1…)."""
    now = time.time()
    from datetime import UTC, datetime

    created = datetime.fromtimestamp(now, UTC)
    with engine.begin() as connection:
        connection.execute(
            insert(Source),
            [
                {"id": i + 1, "name": name, "homepage": f"https://s{i}.example/", "timezone": "UTC", "languages": []}
                | {"created_at": created}
                for i, name in enumerate(SOURCES)
            ],
        )
        connection.execute(
            insert(Author),
            [{"id": i + 1, "name": n, "name_key": n.casefold(), "kind": "person"} for i, n in enumerate(AUTHORS)],
        )


def _links(batch: Batch) -> list[dict[str, int]]:
    return [
        {"article_id": int(row["id"]), "author_id": a + 1, "position": position}  # type: ignore[call-overload]
        for row, picked in zip(batch.rows, batch.authors, strict=True)
        for position, a in enumerate(picked, start=1)
    ]


def store_sqlite(engine: Engine, batch: Batch) -> None:
    with engine.begin() as connection:
        connection.execute(insert(Article), [row | {"keywords": []} for row in batch.rows])
        documents = {int(row["id"]): document for row, document in zip(batch.rows, batch.documents, strict=True)}  # type: ignore[call-overload]
        write_sqlite_index(connection, documents)
        if links := _links(batch):
            connection.execute(insert(ArticleAuthor), links)


def store_postgresql(engine: Engine, batch: Batch) -> None:
    """COPY the batch's articles (with their ``tsvector``) and author links."""
    raw = engine.raw_connection()
    try:
        pg: Any = raw.driver_connection
        with pg.cursor() as cursor:
            columns = ", ".join([*_COPY_COLUMNS, DOCUMENT_COLUMN])
            with cursor.copy(f"COPY articles ({columns}) FROM STDIN") as copy:
                for row, document in zip(batch.rows, batch.documents, strict=True):
                    copy.write_row([*(row[c] for c in _COPY_COLUMNS), document.tsvector(str(row["content_hash"]))])
            with cursor.copy("COPY article_authors (article_id, author_id, position) FROM STDIN") as copy:
                for link in _links(batch):
                    copy.write_row((link["article_id"], link["author_id"], link["position"]))
        pg.commit()
    finally:
        raw.close()


def append(url: str, first: int, count: int, seed: int) -> None:
    """Store generated articles numbered ``first``… into an archive (as its fill did)."""
    engine = make_engine(url)
    store = store_sqlite if engine.dialect.name == "sqlite" else store_postgresql
    for batch in batches(first, count, seed):
        store(engine, batch)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.exec_driver_sql("SELECT setval('articles_id_seq', (SELECT max(id) FROM articles))")
    engine.dispose()


def reset(url: str, count: int) -> None:
    """Remove what benchmarks added to an archive of ``count`` articles: later articles, watches, runs."""
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM watch_reports")
        connection.exec_driver_sql("DELETE FROM watches")
        connection.exec_driver_sql("DELETE FROM crawl_events")
        connection.exec_driver_sql("DELETE FROM crawl_runs")
        connection.execute(text("DELETE FROM articles WHERE id > :n"), {"n": count})
    engine.dispose()


def _fill(url: str, count: int, seed: int) -> float:
    upgrade(url)
    engine = make_engine(url)
    _names(engine)
    postgresql = engine.dialect.name == "postgresql"
    if postgresql:
        with engine.begin() as connection:  # built once after the load: faster than row by row
            connection.exec_driver_sql("DROP INDEX ix_article_search_document")
            connection.exec_driver_sql(f"ALTER TABLE articles DISABLE TRIGGER {_SEARCH_TRIGGER}")
    else:
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA synchronous = OFF")
    began, done = time.perf_counter(), 0
    for batch in batches(0, count, seed):
        (store_postgresql if postgresql else store_sqlite)(engine, batch)
        done += len(batch.rows)
        progress(done, count, began)
    print(file=sys.stderr)
    with engine.connect() as connection:
        if postgresql:
            connection.exec_driver_sql("SET maintenance_work_mem = '256MB'")
            connection.exec_driver_sql(_SEARCH_FILL)
            connection.exec_driver_sql(f"ALTER TABLE articles ENABLE TRIGGER {_SEARCH_TRIGGER}")
            connection.exec_driver_sql(_SEARCH_GIN)
            connection.exec_driver_sql("SELECT setval('articles_id_seq', (SELECT max(id) FROM articles))")
            connection.commit()
        else:
            connection.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
            connection.commit()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE" if postgresql else "ANALYZE")
    engine.dispose()
    return time.perf_counter() - began


def archive(backend: str, count: int, seed: int, directory: Path, suffix: str = "") -> tuple[str, float | None]:
    """The URL of a whole archive of ``count`` articles (made now if missing) and the seconds its fill took.

    ``suffix`` is added to the name (SQLite file and PostgreSQL database): archives of another schema or
    another user, which must not be reused for the plain one.
    """
    seconds = None
    if backend == "sqlite":
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"sqlite-{count}-s{seed}{suffix}.db"
        if not path.exists():
            partial = path.with_suffix(".partial")
            for leftover in directory.glob(partial.name + "*"):
                leftover.unlink()
            seconds = _fill(f"sqlite:///{partial}", count, seed)
            partial.rename(path)
        url = f"sqlite:///{path}"
    else:
        name = f"mediamon_bench_{count}_s{seed}{suffix}"
        if not _pg_exists(name):
            _admin(f'DROP DATABASE IF EXISTS "{name}_partial" WITH (FORCE)')
            _admin(f'CREATE DATABASE "{name}_partial"')
            seconds = _fill(_pg_url(f"{name}_partial"), count, seed)
            _admin(f'ALTER DATABASE "{name}_partial" RENAME TO "{name}"')
        url = _pg_url(name)
    upgrade(url)  # a kept archive gets the newest migrations
    reset(url, count)
    return url, seconds
