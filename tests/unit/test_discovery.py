"""Feeds and sitemaps read into article links (pure functions, small documents)."""

from __future__ import annotations

import gzip

import pytest

from crawler.discovery import parse_feed, parse_sitemap

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Caliber.Az</title>
<item><title>One</title><link>https://caliber.az/en/post/one</link>
<pubDate>Thu, 25 Jun 2026 13:24:00 +0400</pubDate></item>
<item><title>No link</title></item>
<item><title>Two</title><link>https://caliber.az/en/post/two?utm_source=rss</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>A</title><link href="https://lenta.ru/news/2026/02/25/a/"/><updated>2026-02-25T14:05:00+03:00</updated></entry>
</feed>"""

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://www.azernews.az/nation/1.html</loc><lastmod>2026-05-01</lastmod></url>
<url><loc> https://www.azernews.az/nation/2.html </loc>
  <news:news><news:publication><news:name>Azernews</news:name></news:publication>
  <news:publication_date>2026-05-02T10:00:00+04:00</news:publication_date></news:news></url>
<url><lastmod>2026-05-03</lastmod></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://www.azernews.az/sitemap-1.xml.gz</loc><lastmod>2026-05-03</lastmod></sitemap>
</sitemapindex>"""


def test_rss_entries_with_links_in_order():
    entries = parse_feed(RSS, "https://caliber.az/rss.xml")
    assert [e.url for e in entries] == [
        "https://caliber.az/en/post/one",
        "https://caliber.az/en/post/two?utm_source=rss",
    ]
    assert entries[0].published_raw == "Thu, 25 Jun 2026 13:24:00 +0400"
    assert entries[1].published_raw is None


def test_atom_entries():
    (entry,) = parse_feed(ATOM, "https://lenta.ru/rss")
    assert entry.url == "https://lenta.ru/news/2026/02/25/a/"
    assert entry.published_raw == "2026-02-25T14:05:00+03:00"


@pytest.mark.parametrize("junk", [b"", b"<html><body>not a feed</body></html>", b"\x00\xff" * 50])
def test_junk_is_not_a_feed(junk):
    assert parse_feed(junk, "https://x.example/feed") == []


def test_urlset_with_lastmod_and_google_news_dates():
    kind, entries = parse_sitemap(URLSET)
    assert kind == "urlset"
    assert [(e.url, e.date_raw) for e in entries] == [
        ("https://www.azernews.az/nation/1.html", "2026-05-01"),
        ("https://www.azernews.az/nation/2.html", "2026-05-02T10:00:00+04:00"),
    ]


def test_sitemap_index():
    kind, entries = parse_sitemap(INDEX)
    assert kind == "sitemapindex"
    assert entries[0].url == "https://www.azernews.az/sitemap-1.xml.gz"


def test_entities_are_not_expanded():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/&b;</loc></url></urlset>"""
    _, entries = parse_sitemap(bomb)
    assert all("aaaaaaaaaa" not in e.url for e in entries)


@pytest.mark.parametrize(
    ("junk", "kind"),
    [(b"", None), (b"<html/>", None), (gzip.compress(URLSET), None), (b"<urlset><url><loc>", "urlset")],
)
def test_not_a_sitemap_gives_nothing(junk, kind):
    assert parse_sitemap(junk) == (kind, [])
