"""The analysts' search page and the export of the current search (CSV, JSON lines, Parquet)."""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Connection, Engine, select
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
#: The query parameters of one page of a search (left out of its export and trend links).
PAGING = ("page", "older")
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


def _cursor(connection: Connection, older: int | None) -> tuple[datetime | None, int] | None:
    """The listing position of article ``older`` (an "Older" link's cursor), or None when there is no such article."""
    if older is None:
        return None
    published = connection.execute(select(Article.date_published).where(Article.id == older)).first()
    return None if published is None else (published[0], older)


def _results(engine: Engine, filters: ArticleFilters, page: int, older: int | None) -> tuple[list[Any], bool]:
    """The page's rows and whether more follow.

    The ids of ``PAGE_SIZE + 1`` matches are read by :func:`storage.queries.list_articles` (on PostgreSQL the
    plans of :mod:`storage.searchwalk`: a short walk newest first, the walk on or a lookup of the matches; on
    SQLite FTS5's matches newest first, :mod:`storage.sqlitesearch`), after the
    cursor of an "Older" link (``older``: the id of the previous page's last article) or else after
    ``(page - 1) * PAGE_SIZE`` matches; then the page's whole rows by id. Nothing counts the matches (a count
    of a common word, even capped at 1,000, cost 0.2-1.8 s on PostgreSQL at 100,000 articles:
    docs/performance.md).
    """
    dialect = engine.dialect.name
    with engine.connect() as connection:
        cursor = _cursor(connection, older)
        if cursor is not None:
            filters, offset = replace(filters, after=cursor), 0
        else:
            offset = (page - 1) * PAGE_SIZE
        listing = list_articles(filters, dialect, limit=PAGE_SIZE + 1, offset=offset)
        ids = list(connection.scalars(listing.with_only_columns(article_index.c.article_id)))
        wanted_ids = ids[:PAGE_SIZE]
        rows = []
        if wanted_ids:
            whole = export_articles(ArticleFilters(), dialect).where(article_index.c.article_id.in_(wanted_ids))
            by_id = {row["article_id"]: row for row in connection.execute(whole.order_by(None)).mappings()}
            rows = [by_id[i] for i in wanted_ids if i in by_id]
    return rows, len(ids) > PAGE_SIZE


def _summary(page: int, shown: int, more: bool) -> str:
    """How many articles match, as far as the pages read so far tell."""
    before = (page - 1) * PAGE_SIZE
    if more:
        return f"more than {before + shown:,} articles, page {page}"
    if shown == 0:
        return "0 articles" if page == 1 else f"no more articles on page {page}"
    total = before + shown
    return f"{total:,} article{'' if total == 1 else 's'}, page {page}"


def _export_link(request: Request, fmt: str) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in PAGING]
    return f"/export.{fmt}" + (f"?{urlencode(params)}" if params else "")


def _trend_link(request: Request) -> str:
    """The trend page of this search: its query and filters, per week."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in PAGING and v != ""]
    return f"/trend?{urlencode([*params, ('interval', 'week')])}"


async def search_page(request: Request) -> Response:
    engine = engine_of(request)
    sources, languages = await choices(request)
    filters = filters_of(request, sources)
    page = positive_int(request, "page", 1, maximum=10_000)
    older = positive_int(request, "older", 0, maximum=2**62) or None
    rows, more = await run_in_threadpool(_results, engine, filters, page, older)
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
        "summary": _summary(page, len(rows), more),
        "page": page,
        # Older: after this page's last article (a cursor: no offset to walk); Newer: the page before, by number.
        "previous_link": page_link(request, page=page - 1 if page > 2 else None, older=None) if page > 1 else None,
        "next_link": page_link(request, page=page + 1, older=rows[-1]["article_id"]) if more else None,
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
