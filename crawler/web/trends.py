"""The trend page: one or more queries counted per day, week or month, charted, tabled, downloadable as CSV.

The counts are :func:`storage.trends.trend`'s, the chart is ``mediamon trend --chart``'s
(:func:`crawler.charts.chart_svg`, matplotlib's SVG shown as an ``<img>`` from a ``data:`` URL,
so no script and no inline style reaches the page), the CSV is ``mediamon trend --format csv``'s
(:func:`storage.trends.trend_csv`).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from crawler.charts import chart_svg, series
from crawler.web.common import PageError, engine_of, render
from crawler.web.search import choices, filters_of
from storage.queries import ArticleFilters
from storage.query.parser import QuerySyntaxError, parse
from storage.trends import GROUPS, INTERVALS, TrendRow, data_range, periods, trend
from storage.trends import trend_csv as csv_text

#: At most this many queries on one page, and this many rows (periods × queries × groups) in one trend.
MAX_QUERIES = 6
MAX_ROWS = 5_000
#: Beyond this many series (queries × sources or languages) the chart is not drawn; the table has them all.
MAX_DRAWN = 24


@dataclass(frozen=True, slots=True)
class TrendAsk:
    """What a trend request asks for."""

    queries: tuple[str, ...]
    filters: ArticleFilters
    interval: str
    by: str | None
    share: bool

    @property
    def title(self) -> str:
        return " | ".join(self.queries) + f" per {self.interval}"


async def ask_of(request: Request) -> TrendAsk:
    """The trend a request asks for; a malformed part is a 400 page with one line."""
    params = request.query_params
    queries = tuple(dict.fromkeys(q.strip() for q in params.getlist("q") if q.strip()))
    if len(queries) > MAX_QUERIES:
        raise PageError(400, f"at most {MAX_QUERIES} queries on one trend, not {len(queries)}")
    for query in queries:
        try:
            parse(query)
        except QuerySyntaxError as exc:
            raise PageError(400, f"query {query!r}: {exc}") from None
    interval = params.get("interval") or "day"
    if interval not in INTERVALS:
        raise PageError(400, f"interval: {interval!r} is not one of {', '.join(INTERVALS)}")
    by = params.get("by") or None
    if by is not None and by not in GROUPS:
        raise PageError(400, f"by: {by!r} is not one of {', '.join(GROUPS)}")
    sources, _languages = await choices(request)
    filters = replace(filters_of(request, sources), search=None)
    return TrendAsk(queries, filters, interval, by, params.get("share") in ("1", "on", "true"))


def _rows(engine: Engine, ask: TrendAsk) -> list[TrendRow]:
    """The trend's rows; a range too long for its interval is a 400 page (before counting anything)."""
    with engine.connect() as connection:
        bounds = data_range(connection, ask.filters, engine.dialect.name)
        if bounds is None:
            return []
        first = (ask.filters.since or bounds[0]).astimezone(UTC).date()
        before = ask.filters.before
        last = ((before - timedelta(microseconds=1)) if before else bounds[1]).astimezone(UTC).date()
        count = len(periods(first, last, ask.interval))
        if count * len(ask.queries) > MAX_ROWS:
            raise PageError(
                400, f"{count:,} {ask.interval}s from {first} to {last}: choose a longer interval or a shorter range"
            )
        return trend(connection, list(ask.queries), ask.filters, interval=ask.interval, by=ask.by, share=ask.share)


def _table(rows: list[TrendRow], share: bool) -> tuple[list[str], list[tuple[str, list[Any]]]]:
    """The rows pivoted for the page: one column per series, one row per period (cells: count, share)."""
    counts, shares = series(rows, False), series(rows, True) if share else {}
    labels = list(counts)
    first = counts[labels[0]] if labels else []
    body = [
        (period, [(counts[label][i][1], shares[label][i][1] if share else None) for label in labels])
        for i, (period, _value) in enumerate(first)
    ]
    return labels, body


def _chart(rows: list[TrendRow], ask: TrendAsk) -> str:
    svg = chart_svg(rows, title=ask.title, share=ask.share)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def _link(request: Request, path: str, **changes: str | None) -> str:
    """``path`` with this request's parameters (empty ones left out), ``changes`` first (``None`` removes one)."""
    params = [(k, v) for k, v in changes.items() if v is not None]
    params += [(k, v) for k, v in request.query_params.multi_items() if k not in changes and v != ""]
    return f"{path}?{urlencode(params)}" if params else path


async def trend_page(request: Request) -> Response:
    sources, languages = await choices(request)
    ask = await ask_of(request)
    rows = await run_in_threadpool(_rows, engine_of(request), ask) if ask.queries else []
    labels, body = _table(rows, ask.share)
    drawn = bool(rows) and len(labels) <= MAX_DRAWN
    context = {
        "ask": ask,
        "params": request.query_params,
        "sources": sources,
        "languages": languages,
        "intervals": INTERVALS,
        "groups": GROUPS,
        "query_fields": [*ask.queries, ""][:MAX_QUERIES],
        "rows": rows,
        "labels": labels,
        "body": body,
        "chart": await run_in_threadpool(_chart, rows, ask) if drawn else None,
        "too_many": len(labels) if rows and not drawn else 0,
        "csv_link": _link(request, "/trend.csv"),
        "search_links": {q: _link(request, "/", q=q, interval=None, by=None, share=None) for q in ask.queries},
    }
    return render(request, "trend.html", context)


async def trend_csv(request: Request) -> Response:
    """The trend's numbers as ``mediamon trend --format csv`` prints them."""
    ask = await ask_of(request)
    if not ask.queries:
        raise PageError(400, "a trend needs at least one query (q=…)")
    rows = await run_in_threadpool(_rows, engine_of(request), ask)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return Response(
        csv_text(rows, ask.by, ask.share),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="mediamon-trend-{stamp}.csv"'},
    )


routes = [Route("/trend", trend_page, name="trend"), Route("/trend.csv", trend_csv, name="trend_csv")]
