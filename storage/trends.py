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
    Table,
    and_,
    bindparam,
    cast,
    func,
    literal_column,
    select,
    text,
)

from storage.filters import (
    ARTICLE_COLUMNS,
    SEARCHED,
    SEARCHED_COLUMNS,
    ArticleFilters,
    SearchCondition,
    filter_articles,
)
from storage.query.compiler import fts5, tsquery
from storage.query.index import DOCUMENT_COLUMN
from storage.query.keys import highest_key, keyed_matches, lowest_key
from storage.query.parser import parse
from storage.search import matching_article_ids
from storage.searchplan import WALK_FROM
from storage.tables import articles
from storage.tables import sources as source_table

INTERVALS = ("day", "week", "month")
GROUPS = ("source", "language")
ALL = "*"  # the query column of a row that counts all articles (no search query)


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


def _period(published: ColumnElement[Any], dialect: str, interval: str) -> ColumnElement[Any]:
    if dialect == "postgresql":
        # Literals, not parameters: PostgreSQL matches the GROUP BY expression to the selected one by its text.
        return cast(func.date_trunc(literal_column(f"'{interval}'"), func.timezone("UTC", published)), Date)
    # SQLite stores UTC text; date() reads it. 'weekday 0' moves to the next Sunday (or stays), -6 days: its Monday.
    modifiers = {"day": (), "week": ("weekday 0", "-6 days"), "month": ("start of month",)}[interval]
    return func.date(published, *(literal_column(f"'{m}'") for m in modifiers))


def _group(table: Table, by: str | None) -> ColumnElement[Any]:
    if by is None:
        return literal_column("''")
    return table.c["source_id" if by == "source" else "in_language"]


def _as_date(value: Any) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _postgresql_search(_id: ColumnElement[Any], _dialect: str, search: str) -> ColumnElement[bool]:
    """The narrow table's document tested in place: its GIN index's matches, the date range on its few pages."""
    wanted: BindParameter[str] = bindparam("trend_query", tsquery(parse(search)), unique=True)
    return and_(text(f"article_search.{DOCUMENT_COLUMN} @@ CAST(:trend_query AS tsquery)").bindparams(wanted))


def _sqlite_search(filters: ArticleFilters, many: bool) -> SearchCondition:
    """Many matches: the date index is read (it holds the id) and each id tested against the FTS5 matches
    (``id + 0``); few: the matches' rows are read by id (a walk of the whole range for a rare word
    took 180 ms at 100,000 articles, its 30 rows by id 28 ms). FTS5 reads only the matches of the
    range's dates (its keys begin with the publication second, migration 0015)."""
    low = lowest_key(filters.since) if filters.since is not None else None
    high = highest_key(filters.before) if filters.before is not None else None

    def condition(id_column: ColumnElement[Any], _dialect: str, search: str) -> ColumnElement[bool]:
        matches = keyed_matches(fts5(parse(search)), low=low, high=high)
        return (id_column + 0).in_(matches) if many else id_column.in_(matches)

    return condition


def _counted(connection: Connection, filters: ArticleFilters, dialect: str) -> tuple[Table, Select[Any]]:
    """The table a count reads and its filters (without the select list).

    Without a search: ``articles`` (its date index holds what a count needs). With one, PostgreSQL reads
    ``article_search`` (migration 0016): the GIN index and the narrow rows of the matches for their date,
    not the wide ``articles`` heap pages (94,067 for a common word over a year of 1,000,000 articles).
    SQLite reads the date index ``(date, id)`` and tests each id against FTS5's, or the few matches by id.
    """
    if filters.search is not None and dialect == "postgresql":
        return SEARCHED, filter_articles(select(), filters, dialect, SEARCHED_COLUMNS, _postgresql_search)
    many = filters.search is None or _many_matches(connection, filters.search)
    return _ARTICLES, filter_articles(select(), filters, dialect, ARTICLE_COLUMNS, _sqlite_search(filters, many))


def _many_matches(connection: Connection, search: str) -> bool:
    """Whether FTS5 finds at least :data:`WALK_FROM` matches (its ids counted with a limit)."""
    capped = matching_article_ids("sqlite", search).limit(WALK_FROM).subquery()
    return (connection.scalar(select(func.count()).select_from(capped)) or 0) >= WALK_FROM


def _source_names(connection: Connection) -> dict[int | None, str]:
    return {i: n for i, n in connection.execute(select(source_table.c.id, source_table.c.name)).all()}


def _counts(
    connection: Connection, filters: ArticleFilters, dialect: str, interval: str, by: str | None
) -> dict[tuple[date, str], int]:
    table, filtered = _counted(connection, filters, dialect)
    published = table.c.date_published
    period, group = _period(published, dialect, interval).label("period"), _group(table, by).label("grp")
    query = filtered.add_columns(period, group, func.count().label("n")).select_from(table)
    query = query.where(published.is_not(None)).group_by(period, *([group] if by else []))
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
                filter_articles(
                    select(f(published)).select_from(_ARTICLES), filters, dialect, ARTICLE_COLUMNS, None
                ).scalar_subquery()
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
