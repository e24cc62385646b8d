"""How a search listing reads the database: newest first by the date index, or by the matches.

A listing shows the first few matches newest first. Two plans, each fast where the other is slow:

* **walk**: read the articles newest first (``ix_articles_date_published`` on SQLite,
  ``ix_articles_newest_first`` of migration 0014 on PostgreSQL) and test each one until the page
  is full. Cheap when many articles match (a common word: a few hundred tested), a pass over
  the whole archive when few do.
* **lookup**: read the matches from the search index, fetch them and sort them by date. Cheap
  when few match, slow when hundreds of thousands do (every match fetched and sorted).

Neither SQLite (no statistics of FTS5 queries) nor PostgreSQL (its estimate of a ``tsquery``
of stems and phrases was off by 20x at 20,000 articles) chooses well by itself. SQLite lists a
search from FTS5 newest first (:mod:`storage.sqlitesearch`, migration 0015), and counts a trend's
matches one way or the other by :data:`WALK_FROM` (:mod:`storage.trends`); PostgreSQL walks first
and measures the search by its hits (:mod:`storage.searchwalk`, whose walk tests each article with
:func:`walk_condition`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, exists, select, text
from sqlalchemy.sql import column, table

from storage.query.compiler import tsquery
from storage.query.parser import parse
from storage.search import POSTGRESQL_DOCUMENT_COLUMN, search_condition

#: From this many matches (counted with a limit) SQLite's trend tests the range's articles against FTS5's
#: ids; below it, it reads the few matches by id (storage.trends).
WALK_FROM = 5_000


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
