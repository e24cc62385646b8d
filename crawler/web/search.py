"""The analysts' search page and the export of the current search (CSV, JSON lines, Parquet)."""

from __future__ import annotations

import os
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Engine, Select, select
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from crawler.web.common import PAGE_SIZE, PageError, engine_of, page_link, positive_int, render
from crawler.web.highlight import mark, snippet, wanted
from storage.export import EXPORT_FORMATS, stream_chunks, write_export
from storage.models import Article, Source
from storage.queries import EXPORT_COLUMNS, ArticleFilters, article_index, export_articles, list_articles
from storage.query.parser import QuerySyntaxError, parse

CHOICES_SECONDS = 60.0
#: Beyond this many matches the page says "more than" (see :func:`capped_count`).
COUNT_CAP = 1_000
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
}


def _day(name: str, raw: str | None, *, end: bool = False) -> datetime | None:
    """A UTC day from YYYY-MM-DD (an end day is included whole)."""
    if not raw:
        return None
    try:
        day = datetime.strptime(raw.strip(), "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        raise PageError(400, f"{name}: {raw!r} is not a date (YYYY-MM-DD)") from None
    return day + timedelta(days=1) if end else day


def _choices(engine: Engine) -> tuple[list[str], list[str]]:
    """The sources and languages the archive holds, for the filter menus."""
    with engine.connect() as connection:
        sources = list(connection.scalars(select(Source.name).order_by(Source.name)))
        languages = [
            language
            for language in connection.scalars(
                select(Article.in_language)
                .where(Article.in_language.is_not(None))
                .distinct()
                .order_by(Article.in_language)
            )
            if language is not None  # never: narrows the column's type
        ]
    return sources, languages


async def choices(request: Request) -> tuple[list[str], list[str]]:
    """:func:`_choices`, kept for a minute (a full scan of the languages at 100,000 articles costs ~20 ms);
    read again when a request names a source the kept list lacks."""
    state, now = request.app.state, time.monotonic()
    kept = getattr(state, "choices", None)
    wanted_sources = set(request.query_params.getlist("source")) - {""}
    if kept is None or now - kept[0] > CHOICES_SECONDS or not wanted_sources <= set(kept[1][0]):
        kept = (now, await run_in_threadpool(_choices, engine_of(request)))
        state.choices = kept
    return kept[1]


def filters_of(request: Request, known_sources: list[str]) -> ArticleFilters:
    """The search filters of a request; a malformed part is a 400 page with one line."""
    params = request.query_params
    search = (params.get("q") or "").strip() or None
    if search is not None:
        try:
            parse(search)
        except QuerySyntaxError as exc:
            raise PageError(400, f"query: {exc}") from None
    sources = tuple(s for s in params.getlist("source") if s)
    if unknown := [s for s in sources if s not in known_sources]:
        raise PageError(400, f"unknown source {unknown[0]!r}")
    since, before = _day("since", params.get("since")), _day("until", params.get("until"), end=True)
    if since and before and since >= before:
        raise PageError(400, "since must be on or before until")
    return ArticleFilters(
        sources=sources,
        since=since,
        before=before,
        author=(params.get("author") or "").strip() or None,
        languages=tuple(lang for lang in params.getlist("lang") if lang),
        search=search,
    )


def _page_ids(filters: ArticleFilters, dialect: str, limit: int) -> Select[tuple[int]]:
    """The ids of the newest ``limit`` matches, in the page's order (no other column: no author list is built)."""
    ids = list_articles(filters, dialect, limit=None).with_only_columns(article_index.c.article_id)
    return ids.limit(limit)


def _results(engine: Engine, filters: ArticleFilters, page: int) -> tuple[list[Any], bool, int]:
    """The page's rows, whether more follow, and how many match, counted up to :data:`COUNT_CAP` + 1.

    The search runs once: the ids of the first ``max(COUNT_CAP, page end) + 1`` matches, newest first, give
    both the count and the page; then the page's 20 whole rows are read by id. (An exact count of a common
    word reads every match through the view: on PostgreSQL ~1 s at 100,000 articles; a second, capped count
    beside the page's query ran the search twice.)
    """
    dialect = engine.dialect.name
    start, end = (page - 1) * PAGE_SIZE, page * PAGE_SIZE
    with engine.connect() as connection:
        ids = list(connection.scalars(_page_ids(filters, dialect, max(COUNT_CAP, end) + 1)))
        wanted_ids = ids[start:end]
        rows = []
        if wanted_ids:
            whole = export_articles(ArticleFilters(), dialect).where(article_index.c.article_id.in_(wanted_ids))
            by_id = {row["article_id"]: row for row in connection.execute(whole.order_by(None)).mappings()}
            rows = [by_id[i] for i in wanted_ids if i in by_id]
    return rows, len(ids) > end, min(len(ids), COUNT_CAP + 1)


def _export_link(request: Request, fmt: str) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "page"]
    return f"/export.{fmt}" + (f"?{urlencode(params)}" if params else "")


def _trend_link(request: Request) -> str:
    """The trend page of this search: its query and filters, per week."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "page" and v != ""]
    return f"/trend?{urlencode([*params, ('interval', 'week')])}"


async def search_page(request: Request) -> Response:
    engine = engine_of(request)
    sources, languages = await choices(request)
    filters = filters_of(request, sources)
    page = positive_int(request, "page", 1, maximum=10_000)
    rows, more, total = await run_in_threadpool(_results, engine, filters, page)
    words = wanted(filters.search)
    results = [
        {
            "row": row,
            "headline": mark(row["headline"] or "(no headline)", words, row["language"]),
            "snippet": snippet(
                " ".join(filter(None, (row["description"], row["article_body"]))), words, language=row["language"]
            ),
        }
        for row in rows
    ]
    context = {
        "filters": filters,
        "params": request.query_params,
        "sources": sources,
        "languages": languages,
        "results": results,
        "total": total,
        "count_cap": COUNT_CAP,
        "page": page,
        "previous_link": page_link(request, page=page - 1) if page > 1 else None,
        "next_link": page_link(request, page=page + 1) if more else None,
        "export_links": {fmt: _export_link(request, fmt) for fmt in EXPORT_FORMATS},
        "trend_link": _trend_link(request) if filters.search else None,
    }
    return render(request, "search.html", context)


def _write(engine: Engine, filters: ArticleFilters, fmt: str, path: Path) -> int:
    with engine.connect() as connection, path.open("wb") as out:
        return write_export(
            fmt, out, EXPORT_COLUMNS, stream_chunks(connection, export_articles(filters, engine.dialect.name))
        )


async def export(request: Request) -> Response:
    """The whole current search in a file, written by the store's streaming writers to a temporary file."""
    fmt = request.path_params["fmt"]
    if fmt not in EXPORT_FORMATS:
        raise PageError(404, f"no export format {fmt!r} (one of {', '.join(EXPORT_FORMATS)})")
    engine = engine_of(request)
    sources, _languages = await choices(request)
    filters = filters_of(request, sources)
    handle, name = tempfile.mkstemp(prefix="mediamon-export-", suffix=f".{fmt}")
    os.close(handle)
    path = Path(name)
    try:
        await run_in_threadpool(_write, engine, filters, fmt, path)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return FileResponse(
        path,
        media_type=MEDIA_TYPES[fmt],
        filename=f"mediamon-{stamp}.{fmt}",
        background=BackgroundTask(path.unlink, missing_ok=True),
    )


routes = [Route("/", search_page, name="search"), Route("/export.{fmt}", export, name="export")]
