"""``mediamon trend`` (matching articles per period, a chart) and ``mediamon stats`` (articles per source per period).

Thin click layer over :mod:`storage.trends`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from crawler.cli.common import CliError, db_option, handle_db_errors, ready
from crawler.cli.output import format_option, render
from crawler.exitcodes import ExitCode

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy import Connection, Row

    from storage.queries import ArticleFilters
    from storage.trends import TrendRow

#: ``storage.trends.INTERVALS`` and ``GROUPS``, written out so that the help needs no database module (a test
#: keeps them equal).
INTERVALS = ("day", "week", "month")
GROUPS = ("source", "language")

interval_option = click.option(
    "--interval", type=click.Choice(INTERVALS), default="day", show_default=True, help="UTC days, ISO weeks or months."
)


def _range_filters(engine: Any, params: dict[str, Any], search: str | None = None) -> ArticleFilters:
    from crawler.cli.analysts import article_filters

    return article_filters(engine, {**params, "author": None, "search": search})


def _check_queries(queries: tuple[str, ...]) -> None:
    from storage.query.parser import QuerySyntaxError, parse

    for query in queries:
        try:
            parse(query)
        except QuerySyntaxError as exc:
            raise CliError(f"query {query!r}: {exc}", ExitCode.USAGE) from None


def _range_options(func: Any) -> Any:
    for option in reversed(
        [
            click.option("--since", metavar="DATE", help="From DATE (YYYY-MM-DD or ISO 8601, UTC)."),
            click.option("--until", metavar="DATE", help="To DATE, its whole day included [default: the data's]."),
            click.option("--source", "sources", multiple=True, metavar="NAME", help="Only this source (repeatable)."),
            click.option("--language", "languages", multiple=True, metavar="CODE", help="Only this language."),
            interval_option,
        ]
    ):
        func = option(func)
    return func


@click.command("trend")
@click.argument("queries", nargs=-1, required=True, metavar="QUERY [QUERY…]")
@click.option("--by", type=click.Choice(GROUPS), help="One series per source or language.")
@click.option("--share", is_flag=True, help="As a share of all articles of the period (of the source or language).")
@click.option(
    "--chart",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also draw it to FILE: .png, .svg, or .html (self-contained, opens offline).",
)
@_range_options
@db_option
@format_option
@handle_db_errors
def trend_command(
    queries: tuple[str, ...], by: str | None, share: bool, chart: Path | None, interval: str, db: str | None, fmt: str,
    **params: Any,
) -> None:  # fmt: skip
    """Count the articles matching each QUERY per day, week or month (zeros for empty periods).

    The range defaults to the first and last article of the archive (with --source/--language).
    """
    from crawler.charts import CHART_SUFFIXES, write_chart
    from storage.trends import trend, trend_table

    if chart is not None and chart.suffix.lower() not in CHART_SUFFIXES:
        raise CliError(f"--chart: {chart.name!r} is not a .png, .svg or .html file", ExitCode.USAGE)
    if chart is not None and not chart.parent.is_dir():
        raise CliError(f"--chart: the folder {str(chart.parent)!r} does not exist", ExitCode.USAGE)
    _check_queries(queries)
    _url, engine = ready(db)
    filters = _range_filters(engine, params)
    with engine.connect() as connection:
        rows = trend(connection, list(queries), filters, interval=interval, by=by, share=share)
    engine.dispose()
    columns, cells = trend_table(rows, by, share)
    if not rows:
        click.echo("No dated articles in that range (of those sources and languages).", err=True)
    render(columns, cells, fmt, title=f"Matching articles per {interval} (UTC)")
    if chart is not None and rows:
        try:
            write_chart(chart, rows, title=" | ".join(queries) + f" per {interval}", share=share)
        except OSError as exc:
            raise CliError(f"cannot write {chart}: {exc.strerror or exc}", ExitCode.USAGE) from None
        click.echo(f"Chart written to {chart}", err=True)


def _stats_range(
    connection: Connection, filters: ArticleFilters, interval: str, days: int | None
) -> tuple[date, date] | None:
    """Stats' first and last day: --days up to today, the filters' bounds, else the data's last 7 periods."""
    from storage.trends import data_range, next_period, period_start, periods_back

    if days is not None:
        today = datetime.now(UTC).date()
        return today - timedelta(days=days - 1), today
    bounds = data_range(connection, filters, connection.dialect.name)
    if bounds is None and not (filters.since and filters.before):
        return None
    if filters.before is not None:
        last = (filters.before - timedelta(microseconds=1)).date()
    else:
        last = bounds[1].date() if bounds else date.today()
    if filters.since is not None:
        return filters.since.date(), last
    return periods_back(last, 7, interval), next_period(period_start(last, interval), interval) - timedelta(days=1)


@click.command("stats")
@click.option("--days", type=click.IntRange(1, 3660), help="The last N UTC days up to today (instead of --since).")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000), help="How many authors to list.")
@_range_options
@db_option
@format_option
@handle_db_errors
def stats_command(days: int | None, top: int, interval: str, db: str | None, fmt: str, **params: Any) -> None:
    """Articles per source per period, newest first, and the top authors of that range.

    The range defaults to the last 7 periods up to the newest article (not up to today:
    an archive's articles may be months old); --since/--until or --days set it.
    """
    from storage.queries import top_authors
    from storage.trends import trend

    if days is not None and (params["since"] or params["until"]):
        raise CliError("--days and --since/--until exclude each other", ExitCode.USAGE)
    _url, engine = ready(db)
    filters = _range_filters(engine, params)
    with engine.connect() as connection:
        span = _stats_range(connection, filters, interval, days)
        if span is None:
            rows: list[TrendRow] = []
            authors: Sequence[Row[str, str, int, int]] = []
        else:
            since = datetime.combine(span[0], time(), UTC)
            before = datetime.combine(span[1] + timedelta(days=1), time(), UTC)
            filters = replace(filters, since=since, before=before)
            rows = trend(connection, [None], filters, interval=interval, by="source")
            authors = connection.execute(
                top_authors(since, before=before, limit=top, sources=filters.sources, languages=filters.languages)
            ).all()
    engine.dispose()
    sources = sorted({r.group for r in rows})
    grid: dict[date, dict[str, int]] = {}
    for row in rows:
        grid.setdefault(row.period, {})[row.group] = row.articles
    table = [
        [period.isoformat(), *(counts.get(s, 0) for s in sources), sum(counts.values())]
        for period, counts in sorted(grid.items(), reverse=True)
    ]
    where = f"{span[0]} to {span[1]}" if span else "no dated articles"
    render([interval, *sources, "total"], table, fmt, title=f"Articles per source per {interval} (UTC), {where}")
    if fmt != "table":
        click.echo()
    render(("author", "kind", "articles", "sources"), authors, fmt, title="Top authors")
