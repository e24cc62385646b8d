"""Read-side queries: functions that return ``Select`` objects the caller executes.

The analysts' queries are built from the Core tables of :mod:`storage.tables`, without the ORM
(the commands then start without importing ``sqlalchemy.orm``); the runs' queries that return
ORM objects (for the crawl and the web app) import the models when they are called.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Date,
    DateTime,
    Integer,
    Select,
    String,
    Text,
    any_,
    cast,
    func,
    select,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import column, table
from sqlalchemy.types import TypeDecorator

from storage.filters import ArticleFilters, FilterColumns, SearchCondition, filter_articles
from storage.filters import by_author as by_author_ids
from storage.tables import article_authors, articles, authors, crawl_events
from storage.tables import sources as source_table
from storage.types import UTCDateTime

if TYPE_CHECKING:
    from storage.models import CrawlEvent, CrawlRun


def latest_running_run(source: str) -> Select[CrawlRun]:
    """The newest run of a source still marked ``running``."""
    from storage.models import CrawlRun

    return (
        select(CrawlRun)
        .where(CrawlRun.source == source, CrawlRun.status == "running")
        .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc())
        .limit(1)
    )


def recent_runs(*, source: str | None = None, status: str | None = None, limit: int = 20) -> Select[CrawlRun]:
    """Runs, newest first, optionally of one source and one status."""
    from storage.models import CrawlRun

    query = select(CrawlRun).order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc()).limit(limit)
    if source:
        query = query.where(CrawlRun.source == source)
    if status:
        query = query.where(CrawlRun.status == status)
    return query


def run_events_by_kind(run_id: int) -> Select[str, str, int]:
    """Event counts of a run by kind and level, most frequent first."""
    event = crawl_events.c
    return (
        select(event.kind, event.level, func.count().label("count"))
        .where(event.run_id == run_id)
        .group_by(event.kind, event.level)
        .order_by(func.count().desc(), event.kind)
    )


def run_event_rows(run_id: int, *, limit: int = 50) -> Select[Any]:
    """The first events of a run as rows of (at, level, kind, url, message); :func:`run_events` as ORM objects."""
    event = crawl_events.c
    columns = (event.at, event.level, event.kind, event.url, event.message)
    return select(*columns).where(event.run_id == run_id).order_by(event.id).limit(limit)


def run_events(run_id: int, *, kind: str | None = None, limit: int = 50) -> Select[CrawlEvent]:
    from storage.models import CrawlEvent

    query = select(CrawlEvent).where(CrawlEvent.run_id == run_id).order_by(CrawlEvent.id).limit(limit)
    if kind:
        query = query.where(CrawlEvent.kind == kind)
    return query


def last_successful_start(source: str) -> Select[datetime | None]:
    """When the newest ``finished`` run of a source started."""
    from storage.models import CrawlRun

    return select(func.max(CrawlRun.started_at)).where(CrawlRun.source == source, CrawlRun.status == "finished")


# -- analysts: the article_index view, filters, statistics -----------------------------------


class LocalDateTime(TypeDecorator[datetime]):
    """A naive local timestamp: PostgreSQL's ``timestamp``, SQLite's ``YYYY-MM-DD HH:MM:SS`` text."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if isinstance(value, str):
            return datetime.fromisoformat(value)
        return value


# The view of migrations 0003 and 0011 (one row per article); docs/schema.md describes it.
article_index = table(
    "article_index",
    column("article_id", Integer),
    column("source", String),
    column("headline", Text),
    column("date_published", UTCDateTime()),
    column("date_published_local", LocalDateTime()),
    column("authors", Text),
    column("language", String),
    column("section", String),
    column("url", Text),
    column("word_count", Integer),
    column("tags", Text),
    column("image_url", Text),
    column("date_modified", UTCDateTime()),
    column("first_seen", UTCDateTime()),
    column("story_key", String),
    column("duplicate_of", Integer),
)
INDEX_COLUMNS: tuple[str, ...] = tuple(c.name for c in article_index.columns)
EXPORT_COLUMNS: tuple[str, ...] = (*INDEX_COLUMNS, "description", "article_body")


#: The view's columns as the filters name them (storage.filters).
VIEW_COLUMNS = FilterColumns(
    article_index.c.article_id,
    article_index.c.date_published,
    article_index.c.language,
    lambda names: article_index.c.source.in_(names),
)


def _filtered(
    query: Select[Any], filters: ArticleFilters, dialect: str, search: SearchCondition | None = None
) -> Select[Any]:
    if filters.search is not None and search is None:  # the search modules (and the stemmers) only for a search
        from storage.search import search_condition

        search = search_condition
    return filter_articles(query, filters, dialect, VIEW_COLUMNS, search)


def _newest_first(query: Select[Any], dialect: str) -> Select[Any]:
    published = article_index.c.date_published.desc()
    # SQLite puts NULLs last in descending order already (and then uses the date index).
    published = published.nulls_last() if dialect == "postgresql" else published
    return query.order_by(published, article_index.c.article_id.desc())


def _with_copies(query: Select[Any]) -> Select[Any]:
    """Only the first-seen copy of a syndicated story, with a ``copies`` column counting it and its duplicates."""
    copy = articles.alias("copy")
    copies = (
        select(func.count()).select_from(copy).where(copy.c.duplicate_of_id == article_index.c.article_id)
    ).scalar_subquery()
    return query.add_columns((copies + 1).label("copies")).where(articles.c.duplicate_of_id.is_(None))


def list_articles(
    filters: ArticleFilters,
    dialect: str,
    *,
    limit: int | None = 20,
    offset: int = 0,
    collapse_duplicates: bool = False,
) -> Select[Any]:
    """Rows of ``article_index`` matching the filters, newest first.

    With ``collapse_duplicates`` a syndicated story is shown once, by its first-seen
    copy, with a ``copies`` column counting it and its near-duplicates. A search with a
    ``limit`` holds plans of which PostgreSQL runs one or two (:mod:`storage.searchwalk`), as does an author
    filter without a search; SQLite reads the
    matches newest first from FTS5 (:mod:`storage.sqlitesearch`).
    """

    def query(search: SearchCondition | None = None, chosen: ArticleFilters = filters) -> Select[Any]:
        if not collapse_duplicates:
            base = select(article_index)
        else:
            joined = select(article_index).join_from(
                article_index, articles, articles.c.id == article_index.c.article_id
            )
            base = _with_copies(joined)
        return _newest_first(_filtered(base, chosen, dialect, search), dialect)

    by_author = dialect == "postgresql" and filters.search is None and filters.author is not None
    if (filters.search is None and not by_author) or limit is None:
        listing = query()
        listing = listing.limit(limit) if limit is not None else listing
        return listing.offset(offset) if offset else listing
    if dialect == "sqlite":  # FTS5 read newest first (migration 0015)
        from storage.sqlitesearch import newest_matches

        page = newest_matches(filters, limit + offset, collapse_duplicates=collapse_duplicates)
        listing = query(lambda column, _dialect, _query: column.in_(page)).limit(limit)
        return listing.offset(offset) if offset else listing
    # PostgreSQL: each arm lists ids only (the view's computed columns of the page's rows are read once, below).
    rows = limit + offset
    if by_author and filters.author is not None:  # the author's articles walked or fetched
        from storage.searchwalk import author_ids

        others = replace(filters, author=None)
        walk_base, lookup_base = query(chosen=others), query()
        both = author_ids(walk_base, lookup_base, article_index.c.article_id, by_author_ids(filters.author), rows)
        filters = others  # the page's rows below need not test the author again
    else:
        from storage.searchwalk import found_ids

        assert filters.search is not None
        both = found_ids(query, article_index.c.article_id, filters, rows, collapse_duplicates)
    # An array of ids read by the primary key (IN let the planner walk the date index).
    ids = cast(select(func.array_agg(both.c.article_id)).scalar_subquery(), ARRAY(Integer))
    found = article_index.c.article_id == any_(ids)
    listing = query(chosen=replace(filters, search=None)).where(found).limit(limit)
    return listing.offset(offset) if offset else listing


def export_articles(filters: ArticleFilters, dialect: str, *, collapse_duplicates: bool = False) -> Select[Any]:
    """:func:`list_articles` without a limit, plus each article's description and body."""
    query = select(article_index, articles.c.description, articles.c.article_body).join_from(
        article_index, articles, articles.c.id == article_index.c.article_id
    )
    query = _with_copies(query) if collapse_duplicates else query
    return _newest_first(_filtered(query, filters, dialect), dialect)


def count_articles(filters: ArticleFilters, dialect: str) -> Select[int]:
    return _filtered(select(func.count()).select_from(article_index), filters, dialect)


def _utc_day(dialect: str) -> ColumnElement[Any]:
    if dialect == "postgresql":
        return cast(func.timezone("UTC", articles.c.date_published), Date)
    return func.date(articles.c.date_published)


def articles_per_source_per_day(since: datetime, dialect: str) -> Select[str | None, Any, int]:
    """(source, UTC day, articles) for articles published since ``since``."""
    day = _utc_day(dialect).label("day")
    return (
        select(source_table.c.name, day, func.count().label("articles"))
        .select_from(articles)
        .outerjoin(source_table, source_table.c.id == articles.c.source_id)
        .where(articles.c.date_published >= since)
        .group_by(source_table.c.name, day)
        .order_by(day.desc(), source_table.c.name)
    )


def top_authors(
    since: datetime,
    *,
    limit: int = 10,
    before: datetime | None = None,
    sources: tuple[str, ...] = (),
    languages: tuple[str, ...] = (),
) -> Select[str, str, int, int]:
    """Authors with the most articles published in ``[since, before)``: name, kind, articles, sources."""
    article = articles.c
    count = func.count(func.distinct(article.id)).label("articles")
    query = (
        select(authors.c.name, authors.c.kind, count, func.count(func.distinct(article.source_id)).label("sources"))
        .join(article_authors, article_authors.c.author_id == authors.c.id)
        .join(articles, article.id == article_authors.c.article_id)
        .where(article.date_published >= since)
    )
    if before is not None:
        query = query.where(article.date_published < before)
    if sources:
        named = select(source_table.c.id).where(source_table.c.name.in_(sources))
        query = query.where(article.source_id.in_(named))
    if languages:
        query = query.where(article.in_language.in_(languages))
    query = query.group_by(authors.c.id, authors.c.name, authors.c.kind)
    return query.order_by(count.desc(), authors.c.name).limit(limit)
