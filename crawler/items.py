"""Typed items that flow from extraction through the pipelines into storage.

Field names follow schema.org in snake_case; every normalized value keeps its
raw twin (``date_published`` / ``date_published_raw``, ``authors`` / ``byline_raw``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

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
