"""Write path of the store: upsert articles with their authors and revisions, sources, runs.

Functions take a session and never commit: the caller owns the transaction.
Upserts use the dialect's ``INSERT … ON CONFLICT`` on the article's URL hash and
on the author's (name key, kind), so concurrent crawlers never duplicate a row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, Literal

from sqlalchemy import Column, MetaData, Table, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from crawler.items import ArticleItem
from crawler.items import Author as AuthorItem
from crawler.normalize.text import clean_text
from crawler.normalize.urls import url_hash
from crawler.sources import Source as SourceConfig
from storage import tables
from storage.models import Article, ArticleAuthor, ArticleRevision, Author, FetchValidator, Source
from storage.query.document import SearchDocument
from storage.query.index import DOCUMENT_COLUMN, add_documents, row_document, write_sqlite_index
from storage.reading import author_key
from storage.stories import fingerprint_text, story_key

UpsertStatus = Literal["inserted", "updated", "unchanged"]


@dataclass(frozen=True, slots=True)
class UpsertResult:
    article_id: int
    url_hash: str
    status: UpsertStatus


def _insert(session: Session, table: Any) -> Any:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"mediamon supports SQLite and PostgreSQL, not {dialect}")


def _articles() -> Table:
    return tables.articles


@lru_cache(maxsize=1)
def _postgresql_articles() -> Table:
    articles = _articles().to_metadata(MetaData())
    articles.append_column(Column(DOCUMENT_COLUMN, postgresql.TSVECTOR()))
    return articles


def articles_table(dialect: str) -> Table:
    """The ``articles`` table to write to: on PostgreSQL with its search document column (migration 0006)."""
    return _postgresql_articles() if dialect == "postgresql" else _articles()


def add_search_documents(
    rows: list[dict[str, Any]], dialect: str, items: dict[str, ArticleItem] | None = None
) -> dict[str, SearchDocument]:
    """The search documents of article rows by URL hash (``storage.query``), their authors and source
    read from ``items``; rows bound for PostgreSQL carry theirs (SQLite's go to the FTS table later)."""
    items = items or {}
    documents = {}
    for row in rows:
        item = items.get(row["url_hash"])
        authors = [a.name for a in item.authors] if item else []
        documents[row["url_hash"]] = row_document(row, authors, item.source if item else None)
    if dialect == "postgresql":
        add_documents(rows, documents)
    return documents


def content_hash(item: ArticleItem) -> str:
    """A hash of the article's normalized content; a change of it makes a revision."""
    parts = [
        item.headline or "",
        item.description or "",
        clean_text((item.article_body or "").replace("\n", " ")),  # = " ".join(body.split()), faster on clean lines
        item.date_published.isoformat() if item.date_published else "",
        "|".join(f"{a.kind}:{author_key(a.name)}" for a in item.authors),
    ]
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).hexdigest()


def sync_sources(session: Session, sources: Iterable[SourceConfig]) -> dict[str, int]:
    """Insert or refresh the ``sources`` rows of configured sources; return name -> id."""
    rows = [
        {
            "name": s.name,
            "title": s.title,
            "homepage": s.homepage,
            "timezone": s.timezone,
            "languages": list(s.languages),
            "created_at": datetime.now(UTC),
        }
        for s in sources
    ]
    if rows:
        stmt = _insert(session, Source).values(rows)
        stmt = stmt.on_conflict_do_update(
            index_elements=[Source.name],
            set_={
                "title": stmt.excluded.title,
                "timezone": stmt.excluded.timezone,
                "languages": stmt.excluded.languages,
            },
        )
        session.execute(stmt)
    names = [r["name"] for r in rows]
    return dict(session.execute(select(Source.name, Source.id).where(Source.name.in_(names))).all())


def _article_row(item: ArticleItem, source_id: int | None, key: str, digest: str, now: datetime) -> dict[str, Any]:
    words, fingerprint = fingerprint_text(item.article_body)
    return {
        "source_id": source_id,
        "url_hash": key,
        "url": item.url,
        "canonical_url": item.canonical_url,
        "headline": item.headline,
        "description": item.description,
        "article_body": item.article_body,
        "byline_raw": item.byline_raw,
        "date_published": item.date_published,
        "date_published_raw": (item.date_published_raw or None) and item.date_published_raw[:500],
        "date_modified": item.date_modified,
        "date_modified_raw": (item.date_modified_raw or None) and item.date_modified_raw[:500],
        "in_language": item.in_language,
        "section": item.section and item.section[:500],
        "keywords": list(item.keywords),
        "image_url": item.image_url,
        "word_count": words,
        "content_hash": digest,
        "story_key": story_key(key, (url_hash(u) for u in item.translations.values())),
        "fingerprint": fingerprint,
        "first_seen_at": item.fetched_at or now,
        "fetched_at": item.fetched_at or now,
        "updated_at": now,
    }


def upsert_article(session: Session, item: ArticleItem) -> UpsertResult:
    """Insert or update one article by its canonical URL."""
    return upsert_articles(session, [item])[0]


def upsert_articles(session: Session, items: Sequence[ArticleItem]) -> list[UpsertResult]:
    """Insert new articles, update changed ones (keeping a revision), touch unchanged ones.

    Returns one result per distinct canonical URL, in the order first seen.
    """
    now = datetime.now(UTC)
    batch: dict[str, ArticleItem] = {}
    for item in items:
        batch[url_hash(item.canonical_url)] = item
    if not batch:
        return []
    names = {i.source for i in batch.values() if i.source}
    source_ids = (
        dict(session.execute(select(Source.name, Source.id).where(Source.name.in_(names))).all()) if names else {}
    )
    existing = {
        row.url_hash: row
        for row in session.execute(
            select(
                Article.id,
                Article.url_hash,
                Article.content_hash,
                Article.headline,
                Article.description,
                Article.article_body,
                Article.date_modified,
                Article.fetched_at,
            ).where(Article.url_hash.in_(list(batch)))
        )
    }
    rows: list[dict[str, Any]] = []
    statuses: dict[str, UpsertStatus] = {}
    unchanged_ids: list[int] = []
    for key, item in batch.items():
        digest = content_hash(item)
        old = existing.get(key)
        if old is not None and old.content_hash == digest:
            statuses[key] = "unchanged"
            unchanged_ids.append(old.id)
            continue
        statuses[key] = "inserted" if old is None else "updated"
        rows.append(_article_row(item, source_ids.get(item.source or ""), key, digest, now))

    ids: dict[str, int] = {k: existing[k].id for k in statuses if statuses[k] == "unchanged"}
    # Lock rows in one global order (by key) so that concurrent writers never deadlock.
    rows.sort(key=lambda row: row["url_hash"])
    if rows:
        dialect = session.get_bind().dialect.name
        articles = articles_table(dialect)
        documents = add_search_documents(rows, dialect, batch)
        stmt = _insert(session, articles)
        keep_on_update = {"id", "url_hash", "first_seen_at"}
        stmt = stmt.on_conflict_do_update(
            index_elements=[articles.c.url_hash],
            set_={c: getattr(stmt.excluded, c) for c in rows[0] if c not in keep_on_update},
        ).returning(articles.c.id, articles.c.url_hash, sort_by_parameter_order=True)
        for article_id, key in session.execute(stmt, rows):
            ids[key] = article_id
        if dialect == "sqlite":
            write_sqlite_index(session, {ids[key]: document for key, document in documents.items()})
        revisions = [
            {
                "article_id": existing[k].id,
                "content_hash": existing[k].content_hash,
                "headline": existing[k].headline,
                "description": existing[k].description,
                "article_body": existing[k].article_body,
                "date_modified": existing[k].date_modified,
                "fetched_at": existing[k].fetched_at,
                "replaced_at": now,
            }
            for k, status in statuses.items()
            if status == "updated"
        ]
        if revisions:
            session.execute(_insert(session, ArticleRevision), revisions)
        _link_authors(session, {ids[r["url_hash"]]: batch[r["url_hash"]].authors for r in rows})
    if unchanged_ids:
        session.execute(update(Article).where(Article.id.in_(sorted(unchanged_ids))).values(fetched_at=now))
    return [UpsertResult(ids[k], k, statuses[k]) for k in batch]


def ensure_authors(session: Session, authors: Iterable[AuthorItem]) -> dict[tuple[str, str], int]:
    """Author ids by (name key, kind), inserting the ones not yet known."""
    wanted: dict[tuple[str, str], str] = {}
    for author in authors:
        key = author_key(author.name)[:300]
        if key:
            wanted.setdefault((key, author.kind), author.name.strip()[:300])
    if not wanted:
        return {}
    rows = [{"name": name, "name_key": key, "kind": kind} for (key, kind), name in sorted(wanted.items())]
    session.execute(_insert(session, Author).values(rows).on_conflict_do_nothing(index_elements=["name_key", "kind"]))
    found = session.execute(
        select(Author.name_key, Author.kind, Author.id).where(Author.name_key.in_([k for k, _ in wanted]))
    )
    return {(key, kind): author_id for key, kind, author_id in found if (key, kind) in wanted}


def _link_authors(session: Session, authors_by_article: dict[int, list[AuthorItem]]) -> None:
    """Replace each article's ordered author links."""
    author_ids = ensure_authors(session, (a for authors in authors_by_article.values() for a in authors))
    session.execute(delete(ArticleAuthor).where(ArticleAuthor.article_id.in_(list(authors_by_article))))
    links: list[dict[str, int]] = []
    for article_id, authors in authors_by_article.items():
        seen: set[int] = set()
        for author in authors:
            author_id = author_ids.get((author_key(author.name)[:300], author.kind))
            if author_id is None or author_id in seen:
                continue
            seen.add(author_id)
            links.append({"article_id": article_id, "author_id": author_id, "position": len(seen)})
    if links:
        session.execute(_insert(session, ArticleAuthor), links)


def known_articles(session: Session, hashes: Iterable[str]) -> dict[str, datetime | None]:
    """The URL hashes among these that the store holds, with each article's publication date."""
    hashes = list(hashes)
    if not hashes:
        return {}
    rows = session.execute(select(Article.url_hash, Article.date_published).where(Article.url_hash.in_(hashes)))
    return dict(rows.all())


def load_validators(session: Session, url: str) -> tuple[str | None, str | None] | None:
    """The (ETag, Last-Modified) last seen for a URL, if any."""
    row = session.execute(
        select(FetchValidator.etag, FetchValidator.last_modified).where(FetchValidator.url_hash == url_hash(url))
    ).first()
    return None if row is None else (row[0], row[1])


def save_validators(session: Session, url: str, *, etag: str | None, last_modified: str | None) -> None:
    values = {
        "url_hash": url_hash(url),
        "url": url,
        "etag": etag and etag[:500],
        "last_modified": last_modified and last_modified[:100],
        "updated_at": datetime.now(UTC),
    }
    stmt = _insert(session, FetchValidator).values(values)
    stmt = stmt.on_conflict_do_update(
        index_elements=[FetchValidator.url_hash],
        set_={k: getattr(stmt.excluded, k) for k in ("url", "etag", "last_modified", "updated_at")},
    )
    session.execute(stmt)
