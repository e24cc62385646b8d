"""Typed items that flow from extraction through the pipelines into storage.

Field names follow schema.org in snake_case; every normalized value keeps its
raw twin (``date_published`` / ``date_published_raw``, ``authors`` / ``byline_raw``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

AuthorKind = Literal["person", "organization"]


@dataclass(frozen=True, slots=True)
class Author:
    """One credited author: a person, or an organization (news agency, outlet)."""

    name: str
    kind: AuthorKind = "person"
    url: str | None = None


@dataclass(slots=True)
class ArticleItem:
    """One extracted, normalized article, ready for validation and storage."""

    url: str
    canonical_url: str
    headline: str | None = None
    description: str | None = None
    article_body: str | None = None
    authors: list[Author] = field(default_factory=list)
    byline_raw: str | None = None
    date_published: datetime | None = None
    date_published_raw: str | None = None
    date_modified: datetime | None = None
    date_modified_raw: str | None = None
    in_language: str | None = None
    section: str | None = None
    keywords: list[str] = field(default_factory=list)
    image_url: str | None = None
    source: str | None = None
    fetched_at: datetime | None = None
    # Alternate-language editions of the same story (hreflang), language -> URL.
    translations: dict[str, str] = field(default_factory=dict)
    # Where the response is archived (crawler.archive.writer.Capture.to_dict()), when it is.
    capture: dict[str, object] | None = None


def item_to_dict(item: ArticleItem) -> dict[str, object]:
    """A JSON-ready dict of an item (datetimes as ISO 8601), for the spool and exports."""
    data: dict[str, object] = {}
    for name in ArticleItem.__dataclass_fields__:
        value = getattr(item, name)
        if isinstance(value, datetime):
            value = value.isoformat()
        elif name == "authors":
            value = [{"name": a.name, "kind": a.kind, "url": a.url} for a in value]
        elif isinstance(value, list | dict):
            value = value.copy()
        data[name] = value
    return data


def item_from_dict(data: dict[str, object]) -> ArticleItem:
    """The inverse of :func:`item_to_dict`."""
    values: dict[str, Any] = dict(data)  # as item_to_dict wrote them
    for name in ("date_published", "date_modified", "fetched_at"):
        raw = values.get(name)
        values[name] = datetime.fromisoformat(raw) if isinstance(raw, str) else None
    authors = values.get("authors")
    values["authors"] = [Author(**a) for a in authors] if isinstance(authors, list) else []
    known = ArticleItem.__dataclass_fields__
    return ArticleItem(**{k: v for k, v in values.items() if k in known})
