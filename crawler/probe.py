"""Probe a news site and propose a source entry: ``mediamon sources add URL``.

Reads robots.txt (sitemaps), the homepage (``<html lang>``, feed links, article
links), the feeds and sitemaps, and a sample of article pages; proposes the
languages, time zone (from the offsets the pages' dates carry), discovery URLs and
an article URL pattern generalized from the sample; and extracts three articles
to show what the source would yield.
"""

from __future__ import annotations

import re
import urllib.request
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.error import URLError
from urllib.parse import urljoin, urlsplit

from lxml import etree, html

from crawler.discovery import parse_feed
from crawler.domains import origin_domain
from crawler.extract import article_from_html
from crawler.extract.dom import xpath_elements, xpath_strings
from crawler.items import ArticleItem
from crawler.sources import Source

Fetch = Callable[[str], bytes | None]
_ALTERNATE_LINKS = etree.XPath("//link[@rel='alternate'][@href]")
_HREFS = etree.XPath("//a/@href")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")
_OFFSET = re.compile(r"(?:[+-]\d{2}:?\d{2}|Z)$")
_DIGITS = re.compile(r"^\d+$")
_NUMERIC_TAIL = re.compile(r"^(.*?)(\d+)(\.html?)?$")
#: A representative zone for (language, UTC offset in hours) seen in a site's dates.
_ZONES = {
    ("az", 4): "Asia/Baku",
    ("ru", 3): "Europe/Moscow",
    ("ru", 4): "Asia/Baku",
    ("en", 4): "Asia/Baku",
    ("tr", 3): "Europe/Istanbul",
    ("ka", 4): "Asia/Tbilisi",
    ("hy", 4): "Asia/Yerevan",
    ("en", 0): "Europe/London",
}


@dataclass
class Proposal:
    source: Source
    samples: list[ArticleItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def fetch_url(url: str, timeout: float = 15) -> bytes | None:
    request = urllib.request.Request(url, headers={"User-Agent": "mediamon-probe/0.1"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read(5 * 1024 * 1024)
    except (URLError, OSError, ValueError):
        return None


def _sitemap_locs(body: bytes) -> tuple[list[str], list[str]]:
    """(child sitemaps, page URLs) of a sitemap document."""
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(recover=True, resolve_entities=False))
    except etree.XMLSyntaxError:
        return [], []
    if root is None:
        return [], []
    locs = [el.text.strip() for el in root.iter("{*}loc") if el.text]
    return (locs, []) if etree.QName(root).localname == "sitemapindex" else ([], locs)


def generalize_path(path: str) -> str:
    """A regular expression for article paths like this one: numbers and slugs generalized."""
    parts = [p for p in path.split("/") if p]
    pattern = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if _DIGITS.match(part):
            pattern.append(r"\d+")
        elif last and (match := _NUMERIC_TAIL.match(part)) and match.group(2) and len(match.group(2)) >= 4:
            pattern.append(("[^/]*" if match.group(1) else "") + r"\d+" + re.escape(match.group(3) or ""))
        elif last or "-" in part or len(part) > 24:
            pattern.append("[^/]+")
        else:
            pattern.append(re.escape(part))
    return "^/" + "/".join(pattern) + "/?$"


def common_pattern(paths: Sequence[str]) -> str | None:
    """One pattern for sample article paths: the most common shape, literal parts that vary generalized.

    ``/nation/150096.html`` and ``/business/150102.html`` give ``^/[^/]+/\\d+\\.html/?$``.
    """
    if not paths:
        return None
    shapes = [generalize_path(p).removeprefix("^/").removesuffix("/?$").split("/") for p in paths]
    length = Counter(len(s) for s in shapes).most_common(1)[0][0]
    same_length = [s for s in shapes if len(s) == length]
    merged = [column[0] if len(set(column)) == 1 else "[^/]+" for column in zip(*same_length, strict=True)]
    return "^/" + "/".join(merged) + "/?$"


def _timezone(languages: Sequence[str], raws: Sequence[str | None]) -> str:
    offsets: Counter[int] = Counter()
    for raw in raws:
        if raw and (match := re.search(r"([+-])(\d{2}):?(\d{2})$", raw.strip())):
            hours = int(match.group(2)) * (1 if match.group(1) == "+" else -1)
            offsets[hours] += 1
    if not offsets:
        return "UTC"
    hours = offsets.most_common(1)[0][0]
    for language in languages:
        if (language, hours) in _ZONES:
            return _ZONES[(language, hours)]
    return f"Etc/GMT{-hours:+d}" if hours else "UTC"


def probe_site(homepage: str, name: str, *, fetch: Fetch = fetch_url, max_articles: int = 3) -> Proposal:
    """Look at a site and propose a :class:`Source` for it; raises ValueError when the homepage cannot be read."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(homepage))
    host = urlsplit(homepage).hostname or ""
    notes: list[str] = []
    page = fetch(homepage)
    if page is None:
        raise ValueError(f"cannot fetch {homepage}")
    tree = html.fromstring(page)
    language = (tree.get("lang") or "").split("-")[0].lower()
    feeds = [
        urljoin(homepage, link.get("href"))
        for link in xpath_elements(_ALTERNATE_LINKS, tree)
        if (link.get("type") or "").split(";")[0].strip() in _FEED_TYPES
    ]
    robots = fetch(urljoin(origin, "/robots.txt")) or b""
    sitemaps = [
        line.split(":", 1)[1].strip()
        for line in robots.decode("utf-8", "replace").splitlines()
        if line.lower().startswith("sitemap:")
    ]
    candidates: list[str] = []
    for feed in feeds:
        body = fetch(feed)
        if body:
            candidates += [e.url for e in parse_feed(body, feed)]
    pending = list(sitemaps)
    for _ in range(5):
        if not pending:
            break
        body = fetch(pending.pop(0))
        if body:
            children, pages = _sitemap_locs(body)
            pending += children
            candidates += pages
    if not candidates:
        notes.append("no feed or sitemap: article links taken from the homepage")
        candidates = [urljoin(homepage, a) for a in xpath_strings(_HREFS, tree)]
    same_host = [
        u
        for u in dict.fromkeys(candidates)
        if (urlsplit(u).hostname or "").removeprefix("www.") == host.removeprefix("www.")
    ]
    provisional = Source(
        name=name, homepage=homepage, languages=(language or "en",), allowed_domains=(origin_domain(homepage),)
    )
    fetched_at = datetime.now(UTC)
    samples: list[ArticleItem] = []
    for url in same_host[:30]:
        if len(samples) >= max_articles:
            break
        body = fetch(url)
        item = article_from_html(url, body, provisional, fetched_at=fetched_at) if body else None
        if item is not None:
            samples.append(item)
    languages = tuple(dict.fromkeys([*(i.in_language for i in samples if i.in_language), language or "en"]))
    timezone = _timezone(languages, [i.date_published_raw for i in samples])
    pattern = common_pattern([urlsplit(i.url).path for i in samples])
    if not samples:
        notes.append("no article could be extracted from the sampled pages")
    source = Source(
        name=name,
        title=None,
        homepage=homepage,
        languages=languages,
        timezone=timezone,
        allowed_domains=(origin_domain(homepage).removeprefix("www."),),
        feeds=tuple(feeds),
        sitemaps=tuple(sitemaps),
        start_urls=(homepage,),
        article_url_pattern=pattern,
    )
    return Proposal(source=source, samples=samples, notes=notes)


def source_name_for(url: str) -> str:
    """A source name from a site's host: ``https://www.example-news.site/`` -> ``example_news``."""
    host = (urlsplit(url).hostname or "site").removeprefix("www.")
    label = host.split(".")[0] if not re.match(r"^\d+\.\d+\.\d+\.\d+$", host) else "site_" + host.replace(".", "_")
    name = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")
    return name if name and name[0].isalpha() else f"site_{name}"
