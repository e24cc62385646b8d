"""Reads for people: the list of authors and one whole article with its editions, copies and revisions.

Functions take a connection or return ``Select``s; the CLI renders them (``mediamon authors``,
``mediamon show``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Select, func, or_, select

from storage.tables import article_authors, article_revisions, articles, authors, sources

#: What case-folding "İ" leaves after the "i" ("İlham" -> "i\u0307lham"): left out of name matches.
COMBINING_DOT = "\u0307"
_SPACE = re.compile(r"\s+")
AUTHOR_COLUMNS = ("author", "kind", "articles", "sources", "first_seen", "last_seen")


def author_key(name: str) -> str:
    """The identity of an author's spelling: case-folded, whitespace collapsed (``authors.name_key``)."""
    return _SPACE.sub(" ", name).strip().casefold()


def name_contains(part: str) -> Any:
    """A condition on ``authors``: the name contains ``part``, in any case (İ and I alike)."""
    key = author_key(part)[:300].replace(COMBINING_DOT, "")
    return func.replace(authors.c.name_key, COMBINING_DOT, "").contains(key, autoescape=True)


def _names(column: Any, dialect: str) -> Any:
    """The distinct values of a column in one comma-separated string, sorted where the backend can."""
    if dialect == "postgresql":
        return func.string_agg(column.distinct(), ", ")
    return func.group_concat(column.distinct())


def authors_summary(dialect: str, *, name: str | None = None, limit: int = 50) -> Select[Any]:
    """Authors with their kind, article count, sources, first and last seen; most articles first."""
    author, article = authors.c, articles.c
    count = func.count(article.id.distinct()).label("articles")
    query = (
        select(
            author.name.label("author"),
            author.kind,
            count,
            _names(sources.c.name, dialect).label("sources"),
            func.min(article.first_seen_at).label("first_seen"),
            func.max(article.first_seen_at).label("last_seen"),
        )
        .join(article_authors, article_authors.c.author_id == author.id)
        .join(articles, article.id == article_authors.c.article_id)
        .outerjoin(sources, sources.c.id == article.source_id)
        .group_by(author.id, author.name, author.kind)
        .order_by(count.desc(), author.name)
        .limit(limit)
    )
    return query.where(name_contains(name)) if name else query


@dataclass
class ArticleView:
    """One article as ``mediamon show`` prints it."""

    fields: dict[str, Any]
    body: str | None
    editions: list[dict[str, Any]] = field(default_factory=list)
    copies: list[dict[str, Any]] = field(default_factory=list)
    revisions: list[dict[str, Any]] = field(default_factory=list)


_BRIEF = (articles.c.id, articles.c.in_language, articles.c.headline, articles.c.canonical_url)


def _brief(rows: Any) -> list[dict[str, Any]]:
    return [{"id": r.id, "language": r.in_language, "headline": r.headline, "url": r.canonical_url} for r in rows]


def find_article(connection: Connection, key: str) -> ArticleView | None:
    """The article with this id, or this URL (canonical or as fetched); ``None`` when there is none."""
    by_id = key.isascii() and key.isdigit() and len(key) <= 18  # an id fits in 64 bits
    column = articles.c
    condition = column.id == int(key) if by_id else or_(column.canonical_url == key, column.url == key)
    article = connection.execute(
        select(articles, sources.c.name.label("source"))
        .outerjoin(sources, sources.c.id == column.source_id)
        .where(condition)
    ).first()
    if article is None:
        return None
    a = article._mapping
    credited = connection.execute(
        select(authors.c.name, authors.c.kind)
        .join(article_authors, article_authors.c.author_id == authors.c.id)
        .where(article_authors.c.article_id == a["id"])
        .order_by(article_authors.c.position)
    ).all()
    fields = {
        "id": a["id"],
        "source": a["source"],
        "headline": a["headline"],
        "description": a["description"],
        "authors": ", ".join(f"{n} ({k})" if k != "person" else n for n, k in credited),
        "date_published": a["date_published"],
        "date_modified": a["date_modified"],
        "first_seen": a["first_seen_at"],
        "fetched": a["fetched_at"],
        "language": a["in_language"],
        "section": a["section"],
        "tags": ", ".join(a["keywords"] or []),
        "image_url": a["image_url"],
        "url": a["canonical_url"],
        "story_key": a["story_key"],
        "duplicate_of": a["duplicate_of_id"],
        "word_count": a["word_count"],
    }
    view = ArticleView(fields, a["article_body"])
    if a["story_key"]:
        view.editions = _brief(
            connection.execute(
                select(*_BRIEF).where(column.story_key == a["story_key"], column.id != a["id"]).order_by(column.id)
            )
        )
    original = a["duplicate_of_id"] or a["id"]
    view.copies = _brief(
        connection.execute(
            select(*_BRIEF)
            .where(or_(column.duplicate_of_id == original, column.id == original), column.id != a["id"])
            .order_by(column.id)
        )
    )
    revision = article_revisions.c
    revisions = select(revision.replaced_at, revision.headline, revision.date_modified)
    view.revisions = [
        dict(r._mapping)
        for r in connection.execute(revisions.where(revision.article_id == a["id"]).order_by(revision.replaced_at))
    ]
    return view
