"""Read feeds (RSS 2.0, Atom, RDF) into article links; pure, no scrapy."""

from __future__ import annotations

from dataclasses import dataclass

import feedparser


@dataclass(frozen=True, slots=True)
class FeedEntry:
    url: str
    published_raw: str | None = None
    title: str | None = None


def parse_feed(body: bytes, base_url: str) -> list[FeedEntry]:
    """The entries of a feed with a link, in document order; an unreadable feed gives none."""
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    entries: list[FeedEntry] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        published = entry.get("published") or entry.get("updated") or entry.get("dc_date")
        entries.append(FeedEntry(url=link, published_raw=published, title=entry.get("title")))
    return entries
