"""The watches page: every watch, its query, sources, target (secrets hidden), last run and latest matches.

Read-only: watches are added and removed with ``mediamon watch``. Two queries in all, however
many watches: the watches with their counts (:func:`storage.watches.list_watches`) and the newest
matches of each (one window query).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, Engine, func, select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from crawler.web.common import engine_of, render
from storage.models import Article, Source, WatchReport
from storage.watches import list_watches

#: The newest matches shown under each watch.
LATEST = 5


def shown_target(target: str | None) -> str:
    """Where a watch reports, with nothing that could be a secret: a ``mailto:`` address as it is; a webhook
    only as its scheme, host and port (a user, a password, the path and the query can all hold a token)."""
    if not target:
        return ""
    if target.startswith("mailto:"):
        return target
    try:
        parts = urlsplit(target)
        host, port = parts.hostname, parts.port
    except ValueError:
        return "(a target that is not a URL)"
    if not host:
        return "(a target that is not a URL)"
    shown = f"{parts.scheme}://" + ("•••@" if parts.username or parts.password else "") + host
    shown += f":{port}" if port else ""
    hidden = parts.path not in ("", "/") or parts.query or parts.fragment
    return shown + ("/•••" if hidden else "/")


def latest_matches(connection: Connection, per_watch: int = LATEST) -> dict[int, list[Any]]:
    """The ``per_watch`` newest matches (by article id) of every watch, in one query."""
    rank = func.row_number().over(partition_by=WatchReport.watch_id, order_by=WatchReport.article_id.desc())
    ranked = (
        select(WatchReport.watch_id, WatchReport.article_id, WatchReport.delivered_at, rank.label("rank"))
    ).subquery()
    query = (
        select(
            ranked.c.watch_id,
            ranked.c.delivered_at,
            Article.id,
            Article.headline,
            Article.url,
            Article.date_published,
            Source.name.label("source"),
        )
        .join(Article, Article.id == ranked.c.article_id)
        .outerjoin(Source, Source.id == Article.source_id)
        .where(ranked.c.rank <= per_watch)
        .order_by(ranked.c.watch_id, ranked.c.rank)
    )
    found: dict[int, list[Any]] = {}
    for row in connection.execute(query).mappings():
        found.setdefault(row["watch_id"], []).append(row)
    return found


def _watches(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        rows = list_watches(connection)
        latest = latest_matches(connection)
    return [{"watch": row, "target": shown_target(row["notify"]), "latest": latest.get(row["id"], [])} for row in rows]


async def watches_page(request: Request) -> Response:
    rows = await run_in_threadpool(_watches, engine_of(request))
    return render(request, "watches.html", {"rows": rows, "latest": LATEST})


routes = [Route("/watches", watches_page, name="watches")]
