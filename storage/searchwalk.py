"""PostgreSQL's search listing: a short walk newest first, which also measures how common the search is.

Two ways to list the first ``rows`` matches newest first (:mod:`storage.searchplan`): walk the
articles newest first testing each one's document, or look the matches up in the GIN index,
fetch them and sort them. At a density ``d`` of matches a walk tests ``rows / d`` articles and a
lookup fetches ``d x articles`` matches, and a test costs about :data:`WALK_COST` fetches (the
document is read from TOAST), so the walk is the cheaper one when
``d > sqrt(rows x WALK_COST / articles)``. Neither database estimates ``d`` well (PostgreSQL's
statistics of a ``tsquery`` of stems were off by 20x), and counting the matches in the GIN index
reads the heap page of every one (a common word's count of 5,000 was most of its time; a broad
boolean query's, 0.5-1 s at 1,000,000 articles, its candidates rechecked). So the statement walks first:

* the **short walk** tests at most ``rows x WALK_BUDGET`` articles (the filters applied, newest
  first; at most :data:`SHORT_WALK_CAP`, at least ``rows``); a common word or phrase fills its
  page here (a few hundred tests);
* when it does not, the matches it found measure ``d``: above the bound above, the walk
  **goes on** after the articles it tested; below it, the matches are **looked up** (a rare word:
  its few hundred matches' ids and dates read from the narrow ``article_search`` of migration 0016
  and sorted). ``articles`` is PostgreSQL's estimate ``pg_class.reltuples``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    BigInteger,
    BindParameter,
    ColumnElement,
    Float,
    Select,
    and_,
    bindparam,
    case,
    cast,
    exists,
    func,
    literal,
    select,
    text,
    true,
    union_all,
)
from sqlalchemy.sql import column
from sqlalchemy.sql.selectable import Subquery

from storage.filters import SEARCHED, SEARCHED_COLUMNS, ArticleFilters, filter_conditions
from storage.query.compiler import tsquery
from storage.query.parser import parse
from storage.search import POSTGRESQL_DOCUMENT_COLUMN
from storage.searchplan import walk_condition
from storage.tables import articles

#: Articles the short walk may test per row wanted (the filters applied, newest first): a search
#: that matches 1 article in 20 fills its page at once.
WALK_BUDGET = 20
#: The short walk tests at most this many articles (unless more rows are wanted).
SHORT_WALK_CAP = 1_000
#: What testing an article in the walk costs against fetching and sorting a match in the lookup
#: (the document read from TOAST: 13-30 against ~4 µs at 100,000 and 1,000,000 articles).
WALK_COST = 5

#: The same for a walk testing each article's authors (an index probe of ``article_authors``): about a fetch.
AUTHOR_WALK_COST = 1

Listing = Callable[..., Select[Any]]


def _unsearched(_column: ColumnElement[Any], _dialect: str, _query: str) -> ColumnElement[bool]:
    return true()


def _articles() -> ColumnElement[Any]:
    """PostgreSQL's estimate of the number of articles (``pg_class.reltuples``, at least 1)."""
    reltuples = text("SELECT greatest(reltuples, 1) FROM pg_class WHERE oid = 'articles'::regclass")
    return reltuples.columns(column("greatest")).scalar_subquery()


def _tested(rest: Subquery, search: str) -> Select[Any]:
    # A LIMIT or OFFSET inside ``rest`` keeps PostgreSQL from moving the test under it.
    return select(rest.c.article_id).where(walk_condition(rest.c.article_id, "postgresql", search))


def _matches_by_date(filters: ArticleFilters, collapse_duplicates: bool) -> Select[Any]:
    """The lookup: the matches' ids and dates read once from the narrow ``article_search`` (migration 0016) by
    its GIN index's bitmap, the filters tested on its rows (date, source, language; an author or a collapsed
    duplicate by id), as a MATERIALIZED set (or PostgreSQL may walk the date index instead), to be sorted.
    The search's matches were read by id from the view before, one primary-key probe each (17,356 matches at
    100,000 articles: 110 ms against ~40)."""
    assert filters.search is not None
    wanted: BindParameter[str] = bindparam("lookup_query", tsquery(parse(filters.search)), unique=True)
    document = text(f"article_search.{POSTGRESQL_DOCUMENT_COLUMN} @@ CAST(:lookup_query AS tsquery)")

    def matching(_id: ColumnElement[Any], _dialect: str, _search: str) -> ColumnElement[bool]:
        return and_(document.bindparams(wanted))

    conditions = filter_conditions(filters, "postgresql", SEARCHED_COLUMNS, matching)
    if collapse_duplicates:
        first = articles.c.id == SEARCHED.c.article_id
        conditions.append(exists(select(1).where(first, articles.c.duplicate_of_id.is_(None))))
    found = select(SEARCHED.c.article_id, SEARCHED.c.date_published).where(*conditions)
    hits = found.cte("lookup_hits").prefix_with("MATERIALIZED")
    return select(hits.c.article_id).order_by(hits.c.date_published.desc().nulls_last(), hits.c.article_id.desc())


def found_ids(
    query: Listing, id_column: ColumnElement[Any], filters: ArticleFilters, rows: int, collapse_duplicates: bool
) -> Subquery:
    """The ids of the first ``rows`` matches of ``filters`` (its search set).

    ``query(condition)`` is the filtered listing newest first with ``condition`` as its search (with
    ``collapse_duplicates`` applied).
    """
    assert filters.search is not None
    search = filters.search
    budget = max(min(rows * WALK_BUDGET, SHORT_WALK_CAP), rows)
    listing = query(_unsearched).with_only_columns(id_column)
    short_walk = _tested(listing.limit(budget).subquery("walked_over"), search).limit(rows)
    walked = short_walk.cte("walked").prefix_with("MATERIALIZED")
    hits = select(func.count()).select_from(walked).scalar_subquery()
    total = _articles()
    # (hits / budget)^2 >= rows x WALK_COST / articles, without a division
    walk_on = hits * hits * total >= literal(float(rows * WALK_COST * budget * budget), Float)
    full = hits >= rows
    short = select(walked.c.article_id).limit(case((full, rows), (walk_on, rows), else_=0))
    rest = _tested(listing.offset(budget).subquery("walked_on"), search)
    rest = rest.limit(case((full, 0), (walk_on, rows - hits), else_=0))
    lookup = _matches_by_date(filters, collapse_duplicates).limit(case((full, 0), (walk_on, 0), else_=rows))
    arms = (select(arm.subquery(name)) for arm, name in ((short, "short"), (rest, "rest"), (lookup, "lookup")))
    return union_all(*arms).subquery("found")


def author_ids(
    unfiltered: Select[Any], filtered: Select[Any], id_column: ColumnElement[Any], by_author: Select[Any], rows: int
) -> Subquery:
    """The ids of the first ``rows`` articles of an author filter (``by_author``: the matching authors' article
    ids; ``filtered``/``unfiltered``: the listing with and without it, newest first).

    PostgreSQL estimates a part of a name at one author (``петров``: 36, with 12,103 of 100,000 articles) and
    fetches and sorts all their articles. Counted up to ``sqrt(rows x articles x AUTHOR_WALK_COST)`` (an index read of
    ``article_authors``), as many or more are found by walking newest first and testing each article's authors
    (a probe of its ``article_authors`` rows, about what a fetch costs), fewer fetched and sorted.
    """
    cap = cast(func.ceil(func.sqrt(_articles() * rows * AUTHOR_WALK_COST)), BigInteger)
    counted = select(func.count() >= cap).select_from(by_author.limit(cap).subquery("authored"))
    gate = counted.cte("author_gate").prefix_with("MATERIALIZED")
    many = select(gate.c[0]).scalar_subquery()
    # OFFSET 0 keeps the test correlated (not a join PostgreSQL would hash and sort).
    written = by_author.where(by_author.selected_columns[0] == id_column).offset(0).exists()
    walk = unfiltered.with_only_columns(id_column).where(written).limit(case((many, rows), else_=0))
    lookup = filtered.with_only_columns(id_column).limit(case((many, 0), else_=rows))
    return union_all(select(walk.subquery("walk")), select(lookup.subquery("lookup"))).subquery("found")
