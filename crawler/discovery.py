"""Read feeds (RSS 2.0, Atom, RDF) into article links; pure, no scrapy."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import feedparser
from lxml import etree


@dataclass(frozen=True, slots=True)
class FeedEntry:
    url: str
    published_raw: str | None = None
    title: str | None = None


#: Feeds up to this size that lxml finds no entries in are given to feedparser (it reads odd feeds, slowly:
#: 47 s and 350 MB for 200,000 items, 89 s for a truncated 10 MB feed, which sends it to its loose parser).
FEEDPARSER_MAX_BYTES = 1024 * 1024
_ENTRY_TAGS = frozenset({"item", "entry"})
_DATE_TAGS = ("pubDate", "published", "updated", "date")  # RSS, Atom, Atom, Dublin Core (RDF)


def parse_feed(body: bytes, base_url: str, max_entries: int | None = None) -> list[FeedEntry]:
    """The entries of a feed with a link, in document order (the first ``max_entries``); an unreadable feed gives none.

    RSS 2.0, Atom and RDF are streamed with lxml (entities never resolved, each entry freed
    once read, a truncated document read up to where it breaks); a small feed lxml cannot
    read goes to feedparser, which accepts more kinds of broken feed.
    """
    entries = _stream_feed(body, max_entries)
    if entries is None and len(body) <= FEEDPARSER_MAX_BYTES:
        entries = _feedparser_entries(body, base_url, max_entries)
    return entries or []


def _stream_feed(body: bytes, max_entries: int | None) -> list[FeedEntry] | None:
    """Entries read by lxml; None when the document is not a feed lxml can read."""
    events = etree.iterparse(
        io.BytesIO(body),
        events=("start", "end"),
        recover=True,
        resolve_entities=False,
        huge_tree=False,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
    )
    entries: list[FeedEntry] = []
    root_seen = False
    try:
        for event, element in events:
            if not isinstance(element.tag, str):
                continue
            name = etree.QName(element).localname
            if not root_seen:
                root_seen = True
                if name not in ("rss", "feed", "RDF"):
                    return None
                continue
            if event != "end" or name not in _ENTRY_TAGS:
                continue
            if entry := _feed_entry(element):
                entries.append(entry)
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
            if max_entries is not None and len(entries) >= max_entries:
                break
    except (etree.XMLSyntaxError, ValueError):
        pass  # read up to where the document breaks
    return entries if entries or root_seen else None


def _feed_entry(item: Any) -> FeedEntry | None:
    values: dict[str, str] = {}
    link = None
    for child in item:
        if not isinstance(child.tag, str):
            continue
        name = etree.QName(child).localname
        text = (child.text or "").strip()
        if name == "link":
            href = (child.get("href") or "").strip()
            if href and child.get("rel", "alternate") == "alternate":
                link = link or href
            elif text:
                link = link or text
        elif name == "guid":
            if text and child.get("isPermaLink", "true") != "false":
                values.setdefault("guid", text)
        elif text:
            values.setdefault(name, text)
    link = link or values.get("guid")
    if not link:
        return None
    published = next((values[tag] for tag in _DATE_TAGS if tag in values), None)
    return FeedEntry(url=link, published_raw=published, title=values.get("title"))


def _feedparser_entries(body: bytes, base_url: str, max_entries: int | None) -> list[FeedEntry]:
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
