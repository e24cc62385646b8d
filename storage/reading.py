"""Reads for people: the list of authors and one whole article with its editions, copies and revisions.

Functions take a connection or return ``Select``s; the CLI renders them (``mediamon authors``,
``mediamon show``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Select, func, or_, select

from storage.models import Article, ArticleAuthor, ArticleRevision, Author, Source

#: What case-folding "İ" leaves after the "i" ("İlham" -> "i\u0307lham"): left out of name matches.
COMBINING_DOT = "\u0307"
AUTHOR_COLUMNS = ("author", "kind", "articles", "sources", "first_seen", "last_seen")


def name_contains(part: str) -> Any:
    """A condition on ``authors``: the name contains ``part``, in any case (İ and I alike)."""
    from storage.repository import author_key  # here: the store's module (and numpy) is not needed to read

    key = author_key(part)[:300].replace(COMBINING_DOT, "")
    return func.replace(Author.name_key, COMBINING_DOT, "").contains(key, autoescape=True)


def _names(column: Any, dialect: str) -> Any:
    """The distinct values of a column in one comma-separated string, sorted where the backend can."""
    if dialect == "postgresql":
        return func.string_agg(column.distinct(), ", ")
    return func.group_concat(column.distinct())


def authors_summary(dialect: str, *, name: str | None = None, limit: int = 50) -> Select[Any]:
    """Authors with their kind, article count, sources, first and last seen; most articles first."""
    articles = func.count(Article.id.distinct()).label("articles")
    query = (
        select(
            Author.name.label("author"),
            Author.kind,
            articles,
            _names(Source.name, dialect).label("sources"),
            func.min(Article.first_seen_at).label("first_seen"),
            func.max(Article.first_seen_at).label("last_seen"),
        )
        .join(ArticleAuthor, ArticleAuthor.author_id == Author.id)
        .join(Article, Article.id == ArticleAuthor.article_id)
        .outerjoin(Source, Source.id == Article.source_id)
        .group_by(Author.id, Author.name, Author.kind)
        .order_by(articles.desc(), Author.name)
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


_BRIEF = (Article.id, Article.in_language, Article.headline, Article.canonical_url)


def _brief(rows: Any) -> list[dict[str, Any]]:
    return [{"id": r.id, "language": r.in_language, "headline": r.headline, "url": r.canonical_url} for r in rows]


def find_article(connection: Connection, key: str) -> ArticleView | None:
    """The article with this id, or this URL (canonical or as fetched); ``None`` when there is none."""
    by_id = key.isascii() and key.isdigit() and len(key) <= 18  # an id fits in 64 bits
    condition = Article.id == int(key) if by_id else or_(Article.canonical_url == key, Article.url == key)
    article = connection.execute(
        select(Article, Source.name.label("source")).outerjoin(Source, Source.id == Article.source_id).where(condition)
    ).first()
    if article is None:
        return None
    a = article._mapping
    authors = connection.execute(
        select(Author.name, Author.kind)
        .join(ArticleAuthor, ArticleAuthor.author_id == Author.id)
        .where(ArticleAuthor.article_id == a["id"])
        .order_by(ArticleAuthor.position)
    ).all()
    fields = {
        "id": a["id"],
        "source": a["source"],
        "headline": a["headline"],
        "description": a["description"],
        "authors": ", ".join(f"{n} ({k})" if k != "person" else n for n, k in authors),
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
                select(*_BRIEF).where(Article.story_key == a["story_key"], Article.id != a["id"]).order_by(Article.id)
            )
        )
    original = a["duplicate_of_id"] or a["id"]
    view.copies = _brief(
        connection.execute(
            select(*_BRIEF)
            .where(or_(Article.duplicate_of_id == original, Article.id == original), Article.id != a["id"])
            .order_by(Article.id)
        )
    )
    revisions = select(ArticleRevision.replaced_at, ArticleRevision.headline, ArticleRevision.date_modified)
    view.revisions = [
        dict(r._mapping)
        for r in connection.execute(
            revisions.where(ArticleRevision.article_id == a["id"]).order_by(ArticleRevision.replaced_at)
        )
    ]
    return view
