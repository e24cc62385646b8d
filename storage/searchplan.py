"""How a search listing reads the database: newest first by the date index, or by the matches.

A listing shows the first few matches newest first. Two plans, each fast where the other is slow:

* **walk**: read the articles newest first (``ix_articles_date_published`` on SQLite,
  ``ix_articles_newest_first`` of migration 0014 on PostgreSQL) and test each one until the page
  is full. Cheap when many articles match (a common word: a few hundred tested), a pass over
  the whole archive when few do.
* **lookup**: read the matches from the search index, fetch them and sort them by date. Cheap
  when few match, slow when hundreds of thousands do (every match fetched and sorted).

Neither SQLite (no statistics of FTS5 queries) nor PostgreSQL (its estimate of a ``tsquery``
of stems and phrases was off by 20x at 20,000 articles) chooses well by itself, so the query
holds both plans in a ``UNION ALL`` whose arms are gated by one uncorrelated condition: whether
the search has at least :data:`WALK_FROM` matches, counted with a ``LIMIT`` (FTS5 reads that
many ids of its lists; PostgreSQL reads the GIN index for a loose form of the query, phrases as
AND, without the documents). The gate is each arm's own ``LIMIT``: the page size for the arm
chosen, 0 for the other, which neither database starts to read (a WHERE condition did not stop
SQLite's lookup arm from fetching every match first). Each arm finds the same articles; only
the time differs.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, select, text
from sqlalchemy.sql import column, table

from storage.query.compiler import tsquery
from storage.query.parser import parse
from storage.search import (
    POSTGRESQL_DOCUMENT_COLUMN,
    POSTGRESQL_SEARCH_TABLE,
    matching_article_ids,
    search_condition,
)

#: A search with at least this many matches is listed by walking newest first (at 1,000,000 articles
#: the walk then tests ~50 x 1,000,000 / 5,000 = 10,000 articles at most for a page of 50 of evenly
#: spread matches, and the lookup below it fetches and sorts fewer than 5,000).
WALK_FROM = 5_000


def many_matches(dialect: str, query: str) -> ColumnElement[bool]:
    """Whether ``query`` matches at least :data:`WALK_FROM` articles (an uncorrelated condition)."""
    if dialect == "postgresql":
        loose = text(f"{POSTGRESQL_DOCUMENT_COLUMN} @@ CAST(:loose_query AS tsquery)").bindparams(
            loose_query=tsquery(parse(query), loose=True)
        )
        probe: Select[Any] = select(column("article_id")).select_from(table(POSTGRESQL_SEARCH_TABLE)).where(loose)
    else:
        probe = matching_article_ids(dialect, query)
    capped = probe.limit(WALK_FROM).subquery("probe")
    counted = select((func.count() >= WALK_FROM).label("many")).select_from(capped)
    if dialect == "postgresql":  # counted once for both arms
        gate = counted.cte("search_gate").prefix_with("MATERIALIZED")
        return select(gate.c.many).scalar_subquery()
    return counted.scalar_subquery()


def walk_condition(id_column: ColumnElement[Any], dialect: str, query: str) -> ColumnElement[bool]:
    """The search as a test of each article met in date order (the walk plan)."""
    if dialect == "postgresql":
        # Correlated, and OFFSET 0 keeps PostgreSQL from turning it into a join over the GIN index.
        articles = table("articles", column("id")).alias("searched")
        document = text(f"searched.{POSTGRESQL_DOCUMENT_COLUMN} @@ CAST(:walk_query AS tsquery)").bindparams(
            walk_query=tsquery(parse(query))
        )
        return exists(select(1).select_from(articles).where(articles.c.id == id_column, document).offset(0))
    return search_condition(id_column, dialect, query)  # SQLite: id + 0 IN (matches), see there


def lookup_condition(id_column: ColumnElement[Any], dialect: str, query: str) -> ColumnElement[bool]:
    """The search as the set of matching ids to fetch (the lookup plan)."""
    if dialect == "postgresql":
        return search_condition(id_column, dialect, query)  # a MATERIALIZED set of the GIN index's matches
    return id_column.in_(matching_article_ids(dialect, query))  # SQLite lists by storage.sqlitesearch instead
