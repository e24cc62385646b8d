"""The schema as SQLAlchemy Core tables: what the read side queries, and what the models map.

The analysts' and ops' commands build their statements from these tables, so they start
without importing ``sqlalchemy.orm`` (about half of SQLAlchemy's import time) or setting up
the declarative models; :mod:`storage.models` maps its classes onto the same tables (one
definition of the schema, the one Alembic compares against). The schema changes only
through Alembic migrations.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from storage.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC)


def _id() -> Column[int]:
    return Column("id", Integer, primary_key=True)


def _required(name: str, *args: Any, **kwargs: Any) -> Column[Any]:
    return Column(name, *args, nullable=False, **kwargs)


def _when(name: str, *, required: bool = False, now: bool = False) -> Column[datetime]:
    """A UTC timestamp column; ``now``: filled with the time of the insert (and then required)."""
    return Column(name, UTCDateTime(), nullable=not (required or now), default=utcnow if now else None)


#: A configured news site, as last seen in the sources file.
sources = Table(
    "sources",
    metadata,
    _id(),
    _required("name", String(100), unique=True),
    Column("title", String(200)),
    _required("homepage", String(2000)),
    _required("timezone", String(64), default="UTC"),
    _required("languages", JSON(), default=list),
    _when("created_at", now=True),
)

#: One article, keyed by the hash of its canonical URL.
articles = Table(
    "articles",
    metadata,
    _id(),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="SET NULL")),
    _required("url_hash", String(32), unique=True),
    _required("url", Text),
    _required("canonical_url", Text),
    Column("headline", Text),
    Column("description", Text),
    Column("article_body", Text),
    Column("byline_raw", Text),
    _when("date_published"),
    Column("date_published_raw", String(500)),
    _when("date_modified"),
    Column("date_modified_raw", String(500)),
    Column("in_language", String(16)),
    Column("section", String(500)),
    _required("keywords", JSON(), default=list),
    Column("image_url", Text),
    _required("word_count", Integer, default=0),
    _required("content_hash", String(32)),
    _when("first_seen_at", now=True),
    _when("fetched_at", now=True),
    _when("updated_at", now=True),
    # Language editions of one story share a key (see storage.stories).
    Column("story_key", String(32), index=True),
    # Near-duplicate detection: a 64-bit SimHash of the body, and the first-seen copy this one repeats.
    Column("fingerprint", BigInteger),
    Column("duplicate_of_id", Integer, ForeignKey("articles.id", ondelete="SET NULL"), index=True),
    Index("ix_articles_source_id_date_published", "source_id", "date_published"),
    Index("ix_articles_date_published", "date_published"),
    Index("ix_articles_in_language_date_published", "in_language", "date_published"),
)

#: A person or organization credited on articles; one row per spelling key and kind.
authors = Table(
    "authors",
    metadata,
    _id(),
    _required("name", String(300)),
    _required("name_key", String(300)),
    _required("kind", String(20)),
    UniqueConstraint("name_key", "kind"),
)

#: Ordered link between an article and its authors.
article_authors = Table(
    "article_authors",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("author_id", Integer, ForeignKey("authors.id", ondelete="CASCADE"), primary_key=True, index=True),
    _required("position", Integer),
)

#: A previous version of an article whose content changed when it was fetched again.
article_revisions = Table(
    "article_revisions",
    metadata,
    _id(),
    _required("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), index=True),
    _required("content_hash", String(32)),
    Column("headline", Text),
    Column("description", Text),
    Column("article_body", Text),
    _when("date_modified"),
    _when("fetched_at", required=True),
    _when("replaced_at", now=True),
)

#: One crawl of one source: who, when, how it ended, its stats.
crawl_runs = Table(
    "crawl_runs",
    metadata,
    _id(),
    _required("source", String(100)),
    _when("started_at", now=True),
    _when("finished_at"),
    _required("status", String(20), default="running"),
    Column("finish_reason", String(200)),
    _required("host", String(255)),
    _required("pid", Integer),
    Column("log_path", Text),
    # Runs of one crawl share this id (one run per worker and source).
    Column("crawl_id", String(36), index=True),
    _required("pages_fetched", Integer, default=0),
    _required("articles_new", Integer, default=0),
    _required("articles_updated", Integer, default=0),
    _required("articles_unchanged", Integer, default=0),
    # Articles found already stored: unchanged on a refetch, or not fetched at all (incremental runs).
    _required("articles_known", Integer, default=0, server_default="0"),
    _required("articles_dropped", Integer, default=0),
    _required("errors", Integer, default=0),
    _required("stats", JSON(), default=dict),
    Index("ix_crawl_runs_source_started_at", "source", "started_at"),
)

#: A warning or error of a run: an unreadable date, a page that failed, a storage fault.
crawl_events = Table(
    "crawl_events",
    metadata,
    _id(),
    _required("run_id", Integer, ForeignKey("crawl_runs.id", ondelete="CASCADE"), index=True),
    _when("at", now=True),
    _required("level", String(10)),
    _required("kind", String(50)),
    Column("url", Text),
    _required("message", Text),
)

#: HTTP validators of a discovery URL (feed, sitemap) for conditional requests.
fetch_validators = Table(
    "fetch_validators",
    metadata,
    Column("url_hash", String(32), primary_key=True),
    _required("url", Text),
    Column("etag", String(500)),
    Column("last_modified", String(100)),
    _when("updated_at", now=True),
)

#: A source's lock on PostgreSQL: the run crawling it holds a row lock on its row (see crawler.runtime.locks).
source_locks = Table("source_locks", metadata, Column("source", String(100), primary_key=True))

#: Where the HTTP response an article was extracted from is kept: a record of a WARC file
#: (``warc_offset`` and ``warc_length`` delimit it; ``payload_digest`` is WARC's ``sha1:BASE32``).
article_captures = Table(
    "article_captures",
    metadata,
    _id(),
    _required("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), index=True),
    _required("url", Text),
    _required("warc_file", Text),
    _required("warc_offset", BigInteger),
    _required("warc_length", BigInteger),
    _when("fetched_at", required=True),
    _required("http_status", Integer),
    _required("payload_digest", String(64)),
    Index("ix_article_captures_fetched_at", "fetched_at"),
)

#: A saved query whose new matches are reported (storage.watches); ``last_article_id`` is its cursor.
watches = Table(
    "watches",
    metadata,
    _id(),
    _required("name", String(100), unique=True),
    _required("query", Text),
    _required("sources", JSON(), default=list),
    Column("notify", Text),  # an http(s) URL or mailto:ADDRESS
    _when("created_at", now=True),
    _required("last_article_id", BigInteger, default=0),
    # The newest article id when the watch was added (0 with --backfill): older ones are never new.
    _required("first_article_id", BigInteger, default=0),
    _when("last_run_at"),
)

#: One match of a watch: claimed by one run (unique per watch and article), delivered once.
watch_reports = Table(
    "watch_reports",
    metadata,
    _id(),
    _required("watch_id", Integer, ForeignKey("watches.id", ondelete="CASCADE")),
    _required("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), index=True),
    Column("claimed_by", String(300)),  # host:pid:start of the run delivering it
    _when("claimed_at"),
    _when("delivered_at"),
    UniqueConstraint("watch_id", "article_id"),
)
