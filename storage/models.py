"""SQLAlchemy 2 typed models: ORM classes mapped onto the Core tables of :mod:`storage.tables`.

The columns, indexes and constraints are declared once, in :mod:`storage.tables` (the read side
uses those tables without the ORM); here each class maps its table and adds the relationships.
The ``Mapped`` annotations of columns type the attributes; the columns come from the table.
The schema changes only through Alembic migrations.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import DeclarativeBase, Mapped, relationship

from storage import tables
from storage.tables import NAMING_CONVENTION, utcnow

__all__ = [
    "NAMING_CONVENTION",
    "Article",
    "ArticleAuthor",
    "ArticleCapture",
    "ArticleRevision",
    "Author",
    "Base",
    "CrawlEvent",
    "CrawlRun",
    "FetchValidator",
    "Source",
    "SourceLock",
    "Watch",
    "WatchReport",
    "utcnow",
]


class Base(DeclarativeBase):
    metadata = tables.metadata


class Source(Base):
    """A configured news site, as last seen in the sources file."""

    __table__ = tables.sources

    id: Mapped[int]
    name: Mapped[str]
    title: Mapped[str | None]
    homepage: Mapped[str]
    timezone: Mapped[str]
    languages: Mapped[list[str]]
    created_at: Mapped[datetime]

    articles: Mapped[list[Article]] = relationship(back_populates="source")


class Article(Base):
    """One article, keyed by the hash of its canonical URL."""

    __table__ = tables.articles

    id: Mapped[int]
    source_id: Mapped[int | None]
    url_hash: Mapped[str]
    url: Mapped[str]
    canonical_url: Mapped[str]
    headline: Mapped[str | None]
    description: Mapped[str | None]
    article_body: Mapped[str | None]
    byline_raw: Mapped[str | None]
    date_published: Mapped[datetime | None]
    date_published_raw: Mapped[str | None]
    date_modified: Mapped[datetime | None]
    date_modified_raw: Mapped[str | None]
    in_language: Mapped[str | None]
    section: Mapped[str | None]
    keywords: Mapped[list[str]]
    image_url: Mapped[str | None]
    word_count: Mapped[int]
    content_hash: Mapped[str]
    first_seen_at: Mapped[datetime]
    fetched_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    story_key: Mapped[str | None]
    fingerprint: Mapped[int | None]
    duplicate_of_id: Mapped[int | None]

    source: Mapped[Source | None] = relationship(back_populates="articles")
    author_links: Mapped[list[ArticleAuthor]] = relationship(
        back_populates="article", order_by="ArticleAuthor.position", cascade="all, delete-orphan"
    )
    revisions: Mapped[list[ArticleRevision]] = relationship(back_populates="article", cascade="all, delete-orphan")


class Author(Base):
    """A person or organization credited on articles; one row per spelling key and kind."""

    __table__ = tables.authors

    id: Mapped[int]
    name: Mapped[str]
    name_key: Mapped[str]
    kind: Mapped[str]


class ArticleAuthor(Base):
    """Ordered link between an article and its authors."""

    __table__ = tables.article_authors

    article_id: Mapped[int]
    author_id: Mapped[int]
    position: Mapped[int]

    article: Mapped[Article] = relationship(back_populates="author_links")
    author: Mapped[Author] = relationship()


class ArticleRevision(Base):
    """A previous version of an article whose content changed when it was fetched again."""

    __table__ = tables.article_revisions

    id: Mapped[int]
    article_id: Mapped[int]
    content_hash: Mapped[str]
    headline: Mapped[str | None]
    description: Mapped[str | None]
    article_body: Mapped[str | None]
    date_modified: Mapped[datetime | None]
    fetched_at: Mapped[datetime]
    replaced_at: Mapped[datetime]

    article: Mapped[Article] = relationship(back_populates="revisions")


class CrawlRun(Base):
    """One crawl of one source: who, when, how it ended, its stats."""

    __table__ = tables.crawl_runs

    id: Mapped[int]
    source: Mapped[str]
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    status: Mapped[str]
    finish_reason: Mapped[str | None]
    host: Mapped[str]
    pid: Mapped[int]
    log_path: Mapped[str | None]
    crawl_id: Mapped[str | None]
    pages_fetched: Mapped[int]
    articles_new: Mapped[int]
    articles_updated: Mapped[int]
    articles_unchanged: Mapped[int]
    articles_known: Mapped[int]
    articles_dropped: Mapped[int]
    errors: Mapped[int]
    stats: Mapped[dict[str, Any]]

    events: Mapped[list[CrawlEvent]] = relationship(back_populates="run", order_by="CrawlEvent.id")


class CrawlEvent(Base):
    """A warning or error of a run: an unreadable date, a page that failed, a storage fault."""

    __table__ = tables.crawl_events

    id: Mapped[int]
    run_id: Mapped[int]
    at: Mapped[datetime]
    level: Mapped[str]
    kind: Mapped[str]
    url: Mapped[str | None]
    message: Mapped[str]

    run: Mapped[CrawlRun] = relationship(back_populates="events")


class FetchValidator(Base):
    """HTTP validators of a discovery URL (feed, sitemap) for conditional requests."""

    __table__ = tables.fetch_validators

    url_hash: Mapped[str]
    url: Mapped[str]
    etag: Mapped[str | None]
    last_modified: Mapped[str | None]
    updated_at: Mapped[datetime]


class SourceLock(Base):
    """A source's lock on PostgreSQL: the run crawling it holds a row lock on its row (see crawler.runtime.locks)."""

    __table__ = tables.source_locks

    source: Mapped[str]


class ArticleCapture(Base):
    """Where the HTTP response an article was extracted from is kept: a record of a WARC file."""

    __table__ = tables.article_captures

    id: Mapped[int]
    article_id: Mapped[int]
    url: Mapped[str]
    warc_file: Mapped[str]
    warc_offset: Mapped[int]
    warc_length: Mapped[int]
    fetched_at: Mapped[datetime]
    http_status: Mapped[int]
    payload_digest: Mapped[str]


class Watch(Base):
    """A saved query whose new matches are reported (storage.watches); ``last_article_id`` is its cursor."""

    __table__ = tables.watches

    id: Mapped[int]
    name: Mapped[str]
    query: Mapped[str]
    sources: Mapped[list[str]]
    notify: Mapped[str | None]
    created_at: Mapped[datetime]
    last_article_id: Mapped[int]
    first_article_id: Mapped[int]
    last_run_at: Mapped[datetime | None]


class WatchReport(Base):
    """One match of a watch: claimed by one run (unique per watch and article), delivered once."""

    __table__ = tables.watch_reports

    id: Mapped[int]
    watch_id: Mapped[int]
    article_id: Mapped[int]
    claimed_by: Mapped[str | None]
    claimed_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
