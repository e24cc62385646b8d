"""What analysts filter articles by, and the one builder of its conditions.

The listings filter the ``article_index`` view (:mod:`storage.queries`); the trends count on a
table (``articles``, or PostgreSQL's narrow ``article_search``, :mod:`storage.trends`); the search
listings test the matches they find on either table (:mod:`storage.sqlitesearch`,
:mod:`storage.searchwalk`). Each names its columns in a :class:`FilterColumns`, and
:func:`filter_conditions` writes the same conditions on them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Column, ColumnElement, Integer, MetaData, Select, String, Table, and_, or_, select

from storage.reading import name_contains
from storage.tables import article_authors, articles, authors
from storage.tables import sources as source_table
from storage.types import UTCDateTime


@dataclass(frozen=True, slots=True)
class ArticleFilters:
    """What analysts filter articles by; every part is optional and they combine with AND."""

    sources: tuple[str, ...] = ()
    since: datetime | None = None  # published at or after
    before: datetime | None = None  # published before
    author: str | None = None  # part of an author's name, any case
    languages: tuple[str, ...] = ()
    search: str | None = None  # a query of the query language (storage.query.parser)
    #: Only articles listed after this one, newest first: its (date_published, id), a page's "older" cursor.
    after: tuple[datetime | None, int] | None = None


#: ``search(id_column, dialect, query)``: the condition that an article matches ``query``.
SearchCondition = Callable[[ColumnElement[Any], str, str], ColumnElement[bool]]


@dataclass(frozen=True, slots=True)
class FilterColumns:
    """The columns the filters test, and how a source is named there."""

    article_id: ColumnElement[Any]
    date_published: ColumnElement[Any]
    language: ColumnElement[Any]
    #: ``(source names) -> condition``: a name column tested directly, or a source id looked up by name.
    source_in: Callable[[Sequence[str]], ColumnElement[bool]]


def source_ids_in(source_id: ColumnElement[Any]) -> Callable[[Sequence[str]], ColumnElement[bool]]:
    """The ``source_in`` of a table with a ``source_id``: the ids of the sources so named."""
    return lambda names: source_id.in_(select(source_table.c.id).where(source_table.c.name.in_(names)))


#: PostgreSQL's narrow search table of migration 0016 (one row per article with a search document, its
#: ``search_document`` under the GIN index); not in ``storage.tables``, whose schema both backends share.
SEARCHED = Table(
    "article_search",
    MetaData(),
    Column("article_id", Integer, primary_key=True),
    Column("date_published", UTCDateTime()),
    Column("source_id", Integer),
    Column("in_language", String(16)),
)
ARTICLE_COLUMNS = FilterColumns(
    articles.c.id, articles.c.date_published, articles.c.in_language, source_ids_in(articles.c.source_id)
)
SEARCHED_COLUMNS = FilterColumns(
    SEARCHED.c.article_id, SEARCHED.c.date_published, SEARCHED.c.in_language, source_ids_in(SEARCHED.c.source_id)
)


def by_author(part: str) -> Select[Any]:
    """The ids of the articles of the authors whose name contains ``part`` (any case)."""
    return (
        select(article_authors.c.article_id)
        .join(authors, authors.c.id == article_authors.c.author_id)
        .where(name_contains(part))
    )


def filter_conditions(
    filters: ArticleFilters, dialect: str, columns: FilterColumns, search: SearchCondition | None
) -> list[ColumnElement[bool]]:
    """A condition for each filter given; ``search`` writes the search's (required with one)."""
    conditions: list[ColumnElement[bool]] = []
    if filters.sources:
        conditions.append(columns.source_in(filters.sources))
    if filters.since is not None:
        conditions.append(columns.date_published >= filters.since)
    if filters.before is not None:
        conditions.append(columns.date_published < filters.before)
    if filters.languages:
        conditions.append(columns.language.in_(filters.languages))
    if filters.author:
        conditions.append(columns.article_id.in_(by_author(filters.author)))
    if filters.after is not None:
        conditions.append(listed_after(columns, *filters.after))
    if filters.search is not None:
        if search is None:
            raise ValueError("a search filter needs the search condition of its table")
        conditions.append(search(columns.article_id, dialect, filters.search))
    return conditions


def filter_articles(
    query: Select[Any], filters: ArticleFilters, dialect: str, columns: FilterColumns, search: SearchCondition | None
) -> Select[Any]:
    """``query`` with the conditions of :func:`filter_conditions`."""
    conditions = filter_conditions(filters, dialect, columns, search)
    return query.where(*conditions) if conditions else query


def listed_after(columns: FilterColumns, published: datetime | None, article_id: int) -> ColumnElement[bool]:
    """The articles after (published, article_id) newest first, undated ones last (``storage.queries``' order).

    ``date_published <= published`` lets each database start its walk of the date index at the cursor.
    """
    date, key = columns.date_published, columns.article_id
    if published is None:
        return and_(date.is_(None), key < article_id)
    return or_(and_(date <= published, or_(date < published, key < article_id)), date.is_(None))
