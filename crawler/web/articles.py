"""The article page: metadata, body, language editions, syndicated copies, revisions, the original.

It reads what ``mediamon show`` prints (:func:`storage.reading.find_article`).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from crawler.web.common import PageError, engine_of, render
from crawler.web.highlight import mark, wanted
from storage.reading import ArticleView, find_article


def safe_link(url: str | None) -> str | None:
    """``url`` when it is http(s); ``None`` for ``javascript:``, ``data:`` and the like, shown only as text."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def _load(request: Request, article_id: int) -> ArticleView | None:
    with engine_of(request).connect() as connection:
        return find_article(connection, str(article_id))


async def article_page(request: Request) -> Response:
    article_id = request.path_params["article_id"]
    view = await run_in_threadpool(_load, request, article_id)
    if view is None:
        raise PageError(404, f"no article with id {article_id}")
    words = wanted(request.query_params.get("q"))
    fields = view.fields
    language = fields["language"]
    context = {
        "view": view,
        "article": fields,
        "original": safe_link(fields["url"]),
        "headline": mark(fields["headline"] or "(no headline)", words, language),
        "description": mark(fields["description"], words, language),
        "paragraphs": [mark(p, words, language) for p in (view.body or "").split("\n") if p.strip()],
    }
    return render(request, "article.html", context)


routes = [Route("/articles/{article_id:int}", article_page, name="article")]
