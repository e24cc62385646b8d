"""SQLAlchemy 2 typed models. The schema changes only through Alembic migrations."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON(), list[str]: JSON()}  # noqa: RUF012


class Source(Base):
    """A configured news site, as last seen in the sources file."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str | None] = mapped_column(String(200))
    homepage: Mapped[str] = mapped_column(String(2000))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    languages: Mapped[list[str]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    articles: Mapped[list[Article]] = relationship(back_populates="source")


class Article(Base):
    """One article, keyed by the hash of its canonical URL."""

    __tablename__ = "articles"
    __table_args__ = (
        Index("ix_articles_source_id_date_published", "source_id", "date_published"),
        Index("ix_articles_date_published", "date_published"),
        Index("ix_articles_in_language_date_published", "in_language", "date_published"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    url_hash: Mapped[str] = mapped_column(String(32), unique=True)
    url: Mapped[str] = mapped_column(Text)
    canonical_url: Mapped[str] = mapped_column(Text)
    headline: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    article_body: Mapped[str | None] = mapped_column(Text)
    byline_raw: Mapped[str | None] = mapped_column(Text)
    date_published: Mapped[datetime | None]
    date_published_raw: Mapped[str | None] = mapped_column(String(500))
    date_modified: Mapped[datetime | None]
    date_modified_raw: Mapped[str | None] = mapped_column(String(500))
    in_language: Mapped[str | None] = mapped_column(String(16))
    section: Mapped[str | None] = mapped_column(String(500))
    keywords: Mapped[list[str]] = mapped_column(default=list)
    image_url: Mapped[str | None] = mapped_column(Text)
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    content_hash: Mapped[str] = mapped_column(String(32))
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Language editions of one story share a key (see storage.stories).
    story_key: Mapped[str | None] = mapped_column(String(32), index=True)
    # Near-duplicate detection: a 64-bit SimHash of the body, and the first-seen copy this one repeats.
    fingerprint: Mapped[int | None] = mapped_column(BigInteger)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"), index=True)

    source: Mapped[Source | None] = relationship(back_populates="articles")
    author_links: Mapped[list[ArticleAuthor]] = relationship(
        back_populates="article", order_by="ArticleAuthor.position", cascade="all, delete-orphan"
    )
    revisions: Mapped[list[ArticleRevision]] = relationship(back_populates="article", cascade="all, delete-orphan")


class Author(Base):
    """A person or organization credited on articles; one row per spelling key and kind."""

    __tablename__ = "authors"
    __table_args__ = (UniqueConstraint("name_key", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))


class ArticleAuthor(Base):
    """Ordered link between an article and its authors."""

    __tablename__ = "article_authors"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id", ondelete="CASCADE"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)

    article: Mapped[Article] = relationship(back_populates="author_links")
    author: Mapped[Author] = relationship()


class ArticleRevision(Base):
    """A previous version of an article whose content changed when it was fetched again."""

    __tablename__ = "article_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    content_hash: Mapped[str] = mapped_column(String(32))
    headline: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    article_body: Mapped[str | None] = mapped_column(Text)
    date_modified: Mapped[datetime | None]
    fetched_at: Mapped[datetime]
    replaced_at: Mapped[datetime] = mapped_column(default=utcnow)

    article: Mapped[Article] = relationship(back_populates="revisions")


class CrawlRun(Base):
    """One crawl of one source: who, when, how it ended, its stats."""

    __tablename__ = "crawl_runs"
    __table_args__ = (Index("ix_crawl_runs_source_started_at", "source", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(100))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20), default="running")
    finish_reason: Mapped[str | None] = mapped_column(String(200))
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    log_path: Mapped[str | None] = mapped_column(Text)
    # Runs of one crawl share this id (one run per worker and source).
    crawl_id: Mapped[str | None] = mapped_column(String(36), index=True)
    pages_fetched: Mapped[int] = mapped_column(Integer, default=0)
    articles_new: Mapped[int] = mapped_column(Integer, default=0)
    articles_updated: Mapped[int] = mapped_column(Integer, default=0)
    articles_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    # Articles found already stored: unchanged on a refetch, or not fetched at all (incremental runs).
    articles_known: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    articles_dropped: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)

    events: Mapped[list[CrawlEvent]] = relationship(back_populates="run", order_by="CrawlEvent.id")


class CrawlEvent(Base):
    """A warning or error of a run: an unreadable date, a page that failed, a storage fault."""

    __tablename__ = "crawl_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    level: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(50))
    url: Mapped[str | None] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)

    run: Mapped[CrawlRun] = relationship(back_populates="events")


class FetchValidator(Base):
    """HTTP validators of a discovery URL (feed, sitemap) for conditional requests."""

    __tablename__ = "fetch_validators"

    url_hash: Mapped[str] = mapped_column(String(32), primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class SourceLock(Base):
    """A source's lock on PostgreSQL: the run crawling it holds a row lock on its row (see crawler.runtime.locks)."""

    __tablename__ = "source_locks"

    source: Mapped[str] = mapped_column(String(100), primary_key=True)


class ArticleCapture(Base):
    """Where the HTTP response an article was extracted from is kept: a record of a WARC file.

    ``warc_offset`` and ``warc_length`` delimit the record (one gzip member); ``payload_digest``
    is the SHA-1 of the HTTP body as WARC writes it (``sha1:BASE32``).
    """

    __tablename__ = "article_captures"
    __table_args__ = (Index("ix_article_captures_fetched_at", "fetched_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text)
    warc_file: Mapped[str] = mapped_column(Text)
    warc_offset: Mapped[int] = mapped_column(BigInteger)
    warc_length: Mapped[int] = mapped_column(BigInteger)
    fetched_at: Mapped[datetime]
    http_status: Mapped[int] = mapped_column(Integer)
    payload_digest: Mapped[str] = mapped_column(String(64))


class Watch(Base):
    """A saved query whose new matches are reported (storage.watches); ``last_article_id`` is its cursor."""

    __tablename__ = "watches"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    query: Mapped[str] = mapped_column(Text)
    sources: Mapped[list[str]] = mapped_column(default=list)
    notify: Mapped[str | None] = mapped_column(Text)  # an http(s) URL or mailto:ADDRESS
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_article_id: Mapped[int] = mapped_column(BigInteger, default=0)
    # The newest article id when the watch was added (0 with --backfill): older ones are never new.
    first_article_id: Mapped[int] = mapped_column(BigInteger, default=0)
    last_run_at: Mapped[datetime | None]


class WatchReport(Base):
    """One match of a watch: claimed by one run (unique per watch and article), delivered once."""

    __tablename__ = "watch_reports"
    __table_args__ = (UniqueConstraint("watch_id", "article_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    watch_id: Mapped[int] = mapped_column(ForeignKey("watches.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    claimed_by: Mapped[str | None] = mapped_column(String(300))  # host:pid:start of the run delivering it
    claimed_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
