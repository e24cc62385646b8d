"""Attention over time: articles per period (UTC day, ISO week, month), counted in the database.

One grouped query per search query (the query language of :mod:`storage.search`), by source
or language if asked, and one more for all articles of each period when the share is asked
(Media Cloud's "attention": matching articles / all articles of the period, of the same source
or language when grouped). Periods without articles inside the range are zeros. The range
defaults to the data's own: the first and last publication dates of the articles that the
filters (other than the search queries) select. Undated articles are not counted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Date,
    Select,
    bindparam,
    cast,
    func,
    literal_column,
    select,
    text,
)

from storage.queries import ArticleFilters
from storage.query.compiler import fts5, tsquery
from storage.query.index import DOCUMENT_COLUMN
from storage.query.keys import highest_key, keyed_matches, lowest_key
from storage.query.parser import parse
from storage.reading import name_contains
from storage.search import matching_article_ids, search_condition
from storage.searchplan import WALK_FROM, many_matches
from storage.tables import article_authors, articles, authors
from storage.tables import sources as source_table

INTERVALS = ("day", "week", "month")
GROUPS = ("source", "language")
ALL = "*"  # the query column of a row that counts all articles (no search query)
#: PostgreSQL's work_mem for a trend's search (its statement only): room for exact bitmaps of a million articles.
BITMAP_WORK_MEM = "64MB"


def period_start(day: date, interval: str) -> date:
    """The first day of the period holding ``day`` (weeks start on Monday, ISO 8601)."""
    if interval == "week":
        return day - timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


def next_period(start: date, interval: str) -> date:
    if interval == "week":
        return start + timedelta(days=7)
    if interval == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start + timedelta(days=1)


def periods_back(last: date, count: int, interval: str) -> date:
    """The start of the period ``count - 1`` periods before the one holding ``last``."""
    start = period_start(last, interval)
    if interval == "month":
        months = start.year * 12 + start.month - 1 - (count - 1)
        return date(months // 12, months % 12 + 1, 1)
    return start - timedelta(days=(7 if interval == "week" else 1) * (count - 1))


def periods(first: date, last: date, interval: str) -> list[date]:
    """Every period start from the period of ``first`` to that of ``last``."""
    start, end, out = period_start(first, interval), period_start(last, interval), []
    while start <= end:
        out.append(start)
        start = next_period(start, interval)
    return out


_ARTICLES = articles


def _period(dialect: str, interval: str) -> ColumnElement[Any]:
    published = _ARTICLES.c.date_published
    if dialect == "postgresql":
        # Literals, not parameters: PostgreSQL matches the GROUP BY expression to the selected one by its text.
        return cast(func.date_trunc(literal_column(f"'{interval}'"), func.timezone("UTC", published)), Date)
    # SQLite stores UTC text; date() reads it. 'weekday 0' moves to the next Sunday (or stays), -6 days: its Monday.
    modifiers = {"day": (), "week": ("weekday 0", "-6 days"), "month": ("start of month",)}[interval]
    return func.date(published, *(literal_column(f"'{m}'") for m in modifiers))


def _group(by: str | None) -> ColumnElement[Any]:
    if by is None:
        return literal_column("''")
    return {"source": _ARTICLES.c.source_id, "language": _ARTICLES.c.in_language}[by]


def _as_date(value: Any) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _filtered(query: Select[Any], filters: ArticleFilters, dialect: str, many: bool = True) -> Select[Any]:
    """``storage.queries``' filters of ``article_index`` on the ``articles`` table itself.

    The view's join to ``sources`` made SQLite read every article row of the range (for its source id)
    where the date index alone holds what a count needs, and PostgreSQL's search through the view reads
    every match of the whole archive into a list first; on the table a count reads the fewest rows:
    SQLite the date index (date, id) tested against FTS5's ids, PostgreSQL the GIN and date indexes'
    bitmaps ANDed and the heap pages of the matches in the range.
    """
    a = _ARTICLES.c
    if filters.sources:
        query = query.where(a.source_id.in_(select(source_table.c.id).where(source_table.c.name.in_(filters.sources))))
    if filters.since is not None:
        query = query.where(a.date_published >= filters.since)
    if filters.before is not None:
        query = query.where(a.date_published < filters.before)
    if filters.languages:
        query = query.where(a.in_language.in_(filters.languages))
    if filters.author:
        by_author = (
            select(article_authors.c.article_id)
            .join(authors, authors.c.id == article_authors.c.author_id)
            .where(name_contains(filters.author))
        )
        query = query.where(a.id.in_(by_author))
    if filters.search is not None:
        if dialect == "postgresql" and not many:  # the few matches' ids from the GIN index, then their rows by id
            query = query.where(search_condition(a.id, dialect, filters.search))
        elif dialect == "postgresql":  # the GIN and date bitmaps ANDed (a rare word's date bitmap cost 400-670 ms)
            wanted: BindParameter[str] = bindparam("trend_query", tsquery(parse(filters.search)), unique=True)
            query = query.where(text(f"articles.{DOCUMENT_COLUMN} @@ CAST(:trend_query AS tsquery)").bindparams(wanted))
        else:
            query = query.where(_sqlite_search(a.id, filters, many))
    return query


def _sqlite_search(id_column: ColumnElement[Any], filters: ArticleFilters, many: bool) -> ColumnElement[bool]:
    """Many matches: the date index is read (it holds the id) and each id tested against the FTS5 matches
    (``id + 0``); few: the matches' rows are read by id (a walk of the whole range for a rare word
    took 180 ms at 100,000 articles, its 30 rows by id 28 ms). FTS5 reads only the matches of the
    range's dates (its keys begin with the publication second, migration 0015)."""
    low = lowest_key(filters.since) if filters.since is not None else None
    high = highest_key(filters.before) if filters.before is not None else None
    matches = keyed_matches(fts5(parse(filters.search or "")), low=low, high=high)
    return (id_column + 0).in_(matches) if many else id_column.in_(matches)


def _many_matches(connection: Connection, filters: ArticleFilters) -> bool:
    """Whether the search matches at least :data:`WALK_FROM` articles (counted with a limit: FTS5's ids, or
    PostgreSQL's GIN index for a loose form of the query, :func:`storage.searchplan.many_matches`)."""
    if filters.search is None:
        return True
    if connection.dialect.name == "postgresql":
        return bool(connection.scalar(select(many_matches("postgresql", filters.search))))
    capped = matching_article_ids("sqlite", filters.search).limit(WALK_FROM).subquery()
    return (connection.scalar(select(func.count()).select_from(capped)) or 0) >= WALK_FROM


def _source_names(connection: Connection) -> dict[int | None, str]:
    return {i: n for i, n in connection.execute(select(source_table.c.id, source_table.c.name)).all()}


def _counts(
    connection: Connection, filters: ArticleFilters, dialect: str, interval: str, by: str | None
) -> dict[tuple[date, str], int]:
    period, group = _period(dialect, interval).label("period"), _group(by).label("grp")
    query = select(period, group, func.count().label("n")).select_from(_ARTICLES)
    many = _many_matches(connection, filters)
    query = _filtered(query, filters, dialect, many).where(_ARTICLES.c.date_published.is_not(None))
    query = query.group_by(period, *([group] if by else []))
    if dialect == "postgresql" and filters.search is not None and many:
        # Bitmaps of a common word and a year over 1,000,000 articles outgrow the default 4 MB and turn lossy:
        # every article of a lossy page is then rechecked, its document read from TOAST (30 s instead of 3 s).
        old = connection.scalar(text("SELECT current_setting('work_mem')"))
        connection.execute(text("SELECT set_config('work_mem', :size, true)"), {"size": BITMAP_WORK_MEM})
        try:
            rows = connection.execute(query).all()
        finally:
            connection.execute(text("SELECT set_config('work_mem', :size, true)"), {"size": old})
    else:
        rows = connection.execute(query).all()
    names = _source_names(connection) if by == "source" else {}
    counts: dict[tuple[date, str], int] = {}
    for p, g, n in rows:
        key = (_as_date(p), "" if not by else (names.get(g) if by == "source" else g) or "(none)")
        counts[key] = counts.get(key, 0) + n
    return counts


def data_range(connection: Connection, filters: ArticleFilters, dialect: str) -> tuple[datetime, datetime] | None:
    """The first and last publication moments of the articles the filters select (``None`` when none)."""
    published = _ARTICLES.c.date_published
    # Two statements' worth of subqueries: SQLite reads a min() or max() alone from the end of the date index
    # (both in one select read every entry of the range: 500,000 for a year of 1,000,000 articles).
    first, last = connection.execute(
        select(
            *(
                _filtered(select(f(published)).select_from(_ARTICLES), filters, dialect).scalar_subquery()
                for f in (func.min, func.max)
            )
        )
    ).one()
    if first is None:
        return None
    start, end = (
        v if isinstance(v, datetime) else datetime.fromisoformat(v).replace(tzinfo=UTC) for v in (first, last)
    )
    return start, end


@dataclass(frozen=True, slots=True)
class TrendRow:
    period: date
    query: str
    group: str  # the source or language, "" when not grouped
    articles: int
    all_articles: int | None = None  # of the period (and group), when the share is asked
    share: float | None = None


def trend(
    connection: Connection,
    queries: Sequence[str | None],
    filters: ArticleFilters,
    *,
    interval: str = "day",
    by: str | None = None,
    share: bool = False,
) -> list[TrendRow]:
    """Rows by period, query and group; zeros for the periods and groups of the range without matches.

    ``filters.since``/``filters.before`` bound the range when given; otherwise it is the data's own.
    A query of ``None`` counts all articles (``ALL``).
    """
    if interval not in INTERVALS or (by is not None and by not in GROUPS):
        raise ValueError(f"interval must be one of {INTERVALS}, by one of {GROUPS}")
    dialect = connection.dialect.name
    base = replace(filters, search=None)
    bounds = data_range(connection, base, dialect)
    if bounds is None:
        return []
    first = (filters.since or bounds[0]).astimezone(UTC).date()
    last = ((filters.before - timedelta(microseconds=1)) if filters.before else bounds[1]).astimezone(UTC).date()
    grid = periods(first, last, interval)
    totals = _counts(connection, base, dialect, interval, by) if share or None in queries else {}
    per_query = {
        q: totals if q is None else _counts(connection, replace(filters, search=q), dialect, interval, by)
        for q in dict.fromkeys(queries)
    }
    groups = sorted({g for counts in (totals, *per_query.values()) for (_p, g) in counts}) if by else [""]
    return list(_rows(grid, queries, groups, per_query, totals if share else None))


def _rows(
    grid: list[date],
    queries: Sequence[str | None],
    groups: list[str],
    per_query: dict[str | None, dict[tuple[date, str], int]],
    totals: dict[tuple[date, str], int] | None,
) -> Iterator[TrendRow]:
    for period in grid:
        for query in dict.fromkeys(queries):
            for group in groups:
                n = per_query[query].get((period, group), 0)
                if totals is None:
                    yield TrendRow(period, query or ALL, group, n)
                else:
                    all_n = totals.get((period, group), 0)
                    yield TrendRow(period, query or ALL, group, n, all_n, round(n / all_n, 6) if all_n else 0.0)


def trend_table(rows: Sequence[TrendRow], by: str | None, share: bool) -> tuple[list[str], list[list[Any]]]:
    """The columns and cells of a trend, as ``mediamon trend`` prints them and the web page downloads them:
    period, query, the source or language (with ``by``), articles, and all articles and share (with ``share``)."""
    columns = ["period", "query", *([by] if by else []), "articles", *(["all_articles", "share"] if share else [])]
    cells = [
        [r.period, r.query, *([r.group] if by else []), r.articles, *([r.all_articles, r.share] if share else [])]
        for r in rows
    ]
    return columns, cells


def trend_csv(rows: Sequence[TrendRow], by: str | None, share: bool) -> str:
    """:func:`trend_table` as CSV, as ``mediamon trend --format csv`` prints it (the web page's download)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns, cells = trend_table(rows, by, share)
    writer.writerow(columns)
    writer.writerows([v.isoformat() if isinstance(v, date) else v for v in row] for row in cells)
    return out.getvalue()
