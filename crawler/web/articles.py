"""The article page: metadata, body, language editions, syndicated copies, revisions, the original."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session, selectinload
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from crawler.web.common import PageError, engine_of, render
from crawler.web.highlight import mark, wanted
from storage.models import Article, ArticleAuthor, ArticleRevision


def safe_link(url: str | None) -> str | None:
    """``url`` when it is http(s); ``None`` for ``javascript:``, ``data:`` and the like, shown only as text."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url if scheme in ("http", "https") else None


def _related(session: Session, article: Article) -> dict[str, list[Article]]:
    editions: list[Article] = []
    if article.story_key:
        editions = list(
            session.scalars(
                select(Article)
                .where(Article.story_key == article.story_key, Article.id != article.id)
                .order_by(Article.in_language, Article.id)
            )
        )
    original_id = article.duplicate_of_id or article.id
    copies = list(
        session.scalars(
            select(Article)
            .options(selectinload(Article.source))
            .where(or_(Article.duplicate_of_id == original_id, Article.id == original_id), Article.id != article.id)
            .order_by(Article.first_seen_at, Article.id)
            .limit(200)
        )
    )
    return {"editions": editions, "copies": copies}


def _load(engine: Engine, article_id: int) -> dict[str, Any] | None:
    with Session(engine) as session:
        article = session.scalar(
            select(Article)
            .options(
                selectinload(Article.source),
                selectinload(Article.author_links).selectinload(ArticleAuthor.author),
            )
            .where(Article.id == article_id)
        )
        if article is None:
            return None
        revisions = list(
            session.scalars(
                select(ArticleRevision)
                .where(ArticleRevision.article_id == article_id)
                .order_by(ArticleRevision.replaced_at.desc(), ArticleRevision.id.desc())
            )
        )
        authors = [link.author for link in sorted(article.author_links, key=lambda link: link.position)]
        return {"article": article, "authors": authors, "revisions": revisions, **_related(session, article)}


async def article_page(request: Request) -> Response:
    article_id = request.path_params["article_id"]
    found = await run_in_threadpool(_load, engine_of(request), article_id)
    if found is None:
        raise PageError(404, f"no article with id {article_id}")
    words = wanted(request.query_params.get("q"))
    article: Article = found["article"]
    context = {
        **found,
        "original": safe_link(article.url),
        "headline": mark(article.headline or "(no headline)", words),
        "paragraphs": [mark(p, words) for p in (article.article_body or "").split("\n") if p.strip()],
        "description": mark(article.description, words),
    }
    return render(request, "article.html", context)


routes = [Route("/articles/{article_id:int}", article_page, name="article")]
