"""Read feeds (RSS 2.0, Atom, RDF) into article links; pure, no scrapy."""

from __future__ import annotations

from dataclasses import dataclass

import feedparser
from lxml import etree


@dataclass(frozen=True, slots=True)
class FeedEntry:
    url: str
    published_raw: str | None = None
    title: str | None = None


def parse_feed(body: bytes, base_url: str, max_entries: int | None = None) -> list[FeedEntry]:
    """The entries of a feed with a link, in document order (the first ``max_entries``); an unreadable feed gives none.

    feedparser reads the whole document: callers bound its size first, and run this off the reactor thread.
    """
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    entries: list[FeedEntry] = []
    for entry in parsed.entries[:max_entries]:
        link = entry.get("link")
        if not link:
            continue
        published = entry.get("published") or entry.get("updated") or entry.get("dc_date")
        entries.append(FeedEntry(url=link, published_raw=published, title=entry.get("title")))
    return entries


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    url: str
    lastmod: str | None = None
    #: ``news:publication_date`` of a Google News sitemap entry.
    published: str | None = None

    @property
    def date_raw(self) -> str | None:
        return self.published or self.lastmod


def parse_sitemap(body: bytes, max_entries: int | None = None) -> tuple[str | None, list[SitemapEntry]]:
    """(``"sitemapindex"`` or ``"urlset"``, entries) of a sitemap; ``(None, [])`` when it is not one.

    Only the first ``max_entries`` entries are read.

    Entities are not resolved and huge trees are refused (no XML bombs).
    """
    parser = etree.XMLParser(recover=True, remove_comments=True, resolve_entities=False, huge_tree=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None, []
    if root is None:
        return None, []
    kind = etree.QName(root).localname
    if kind not in ("sitemapindex", "urlset"):
        return None, []
    entries = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        values: dict[str, str] = {}
        for child in node.iter():
            if isinstance(child.tag, str) and child.text and child.text.strip():
                values.setdefault(etree.QName(child).localname, child.text.strip())
        if "loc" in values:
            entries.append(SitemapEntry(values["loc"], values.get("lastmod"), values.get("publication_date")))
            if max_entries is not None and len(entries) >= max_entries:
                break
    return kind, entries
