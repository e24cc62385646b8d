"""The source-driven spider: discovers a source's articles and hands each page to extraction.

It only discovers and routes: robots.txt sitemaps, sitemaps and sitemap indexes
(gzipped too), RSS/Atom feeds, and the source's start (section) pages. It never
leaves the source's domains; URLs are canonicalized before they are requested,
so tracking parameters and fragments do not make duplicates.
"""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from lxml import etree
from lxml.html import HtmlElement
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse, XmlResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import sitemap_urls_from_robots
from twisted.python.failure import Failure

from crawler.discovery import parse_feed, parse_sitemap
from crawler.events import record_event
from crawler.extract import article_from_html
from crawler.extract.dom import load_tree
from crawler.normalize import parse_date
from crawler.normalize.urls import canonicalize_url
from crawler.retry import count_fault
from crawler.sources import Source, load_sources, select_sources

#: ``href`` values of ``<a>`` tags, from the tree extraction parsed (decoded, outside comments).
_ANCHOR_HREFS = etree.XPath("//a/@href", smart_strings=False)
#: The same from the page's text, for a page lxml cannot parse.
_ANCHOR_HREF = re.compile(r"""<a\s[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def _page_hrefs(response: TextResponse, tree: HtmlElement | None) -> list[str]:
    if tree is not None:
        return _ANCHOR_HREFS(tree)
    hrefs = []
    for match in _ANCHOR_HREF.finditer(response.text):
        href = match.group(1) or match.group(2) or match.group(3) or ""
        hrefs.append(html.unescape(href) if "&" in href else href)
    return hrefs


class NewsSpider(scrapy.Spider):
    """Crawl one configured source: ``scrapy crawl news -a source=caliber_az``."""

    name = "news"

    def __init__(
        self, source: Source | str | None = None, not_before: datetime | str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self._source_arg = source
        self.source: Source | None = source if isinstance(source, Source) else None
        # Feed and sitemap entries dated before this are not followed (incremental runs, --since).
        if isinstance(not_before, str):
            not_before = datetime.fromisoformat(not_before)
        if not_before is not None and not_before.tzinfo is None:
            not_before = not_before.replace(tzinfo=UTC)
        self.not_before: datetime | None = not_before
        # Hashes of the article URLs requested and of the links already looked at in this run:
        # articles link to the same navigation and related stories again and again, and a
        # request that the scheduler would only drop as a duplicate still costs its way there.
        self._requested: set[int] = set()
        self._links_seen: set[int] = set()

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider: NewsSpider = super().from_crawler(crawler, *args, **kwargs)
        if spider.source is None:
            if not spider._source_arg:
                raise ValueError("the news spider needs a source: -a source=NAME")
            sources = load_sources(crawler.settings.get("MEDIAMON_SOURCES_FILE"))
            spider.source = select_sources(sources, [str(spider._source_arg)])[0]
        spider.allowed_domains = list(spider.source.allowed_domains)
        spider._listing_depth = crawler.settings.getint("MEDIAMON_LISTING_DEPTH", 1)
        spider._links = LinkExtractor(unique=True)
        return spider

    # -- discovery -------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        source = self._require_source()
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(source.homepage))
        # A site without robots.txt is normal: its 404 is not an error of the run.
        yield scrapy.Request(
            urljoin(origin, "/robots.txt"),
            callback=self.parse_robots,
            priority=10,
            meta={"handle_httpstatus_all": True},
        )
        for url in source.sitemaps:
            yield self._discovery_request(url, self.parse_sitemap)
        for url in source.feeds:
            yield self._discovery_request(url, self.parse_feed)
        for url in source.start_urls:
            yield scrapy.Request(url, callback=self.parse_listing, errback=self.on_error, cb_kwargs={"depth": 0})

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        if response.status != 200:
            return
        for url in sitemap_urls_from_robots(response.body, base_url=response.url):
            if url not in self._require_source().sitemaps:
                yield self._discovery_request(url, self.parse_sitemap)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        body = self._sitemap_body(response)
        if body is None:
            record_event(self.crawler, "discovery_error", "not a sitemap", url=response.url)
            return
        kind, entries = parse_sitemap(body)
        if kind is None:
            record_event(self.crawler, "discovery_error", "unreadable sitemap", url=response.url)
            return
        for entry in entries:
            if self._too_old(entry.date_raw):
                continue
            if kind == "sitemapindex":
                yield self._discovery_request(response.urljoin(entry.url), self.parse_sitemap)
            else:
                yield from self._article_request(response.urljoin(entry.url))

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        entries = parse_feed(response.body, response.url)
        if not entries:
            record_event(self.crawler, "discovery_error", "feed has no entries or cannot be read", url=response.url)
        for entry in entries:
            if not self._too_old(entry.published_raw):
                yield from self._article_request(response.urljoin(entry.url))

    def parse_listing(self, response: Response, depth: int = 0) -> Iterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            return
        source = self._require_source()
        for link in self._links.extract_links(response):
            if not source.allows(link.url):
                continue
            if source.is_article_url(link.url) and source.article_url_pattern:
                yield from self._article_request(link.url)
            elif depth < self._listing_depth:
                yield scrapy.Request(
                    canonicalize_url(link.url),
                    callback=self.parse_listing,
                    errback=self.on_error,
                    cb_kwargs={"depth": depth + 1},
                )

    # -- articles --------------------------------------------------------------------------

    def parse_article(self, response: Response) -> Iterator[Any]:
        source = self._require_source()
        if not isinstance(response, TextResponse):
            record_event(self.crawler, "not_article", "response is not text", level="info", url=response.url)
            return
        try:
            tree = load_tree(response.text)  # parsed once: for extraction and for the page's links
            page = tree if tree is not None else response.text
            item = article_from_html(response.url, page, source, fetched_at=datetime.now(UTC))
        except Exception as exc:  # noqa: BLE001 - extraction must never stop the crawl
            record_event(self.crawler, "parse_error", f"{type(exc).__name__}: {exc}", level="error", url=response.url)
            return
        if item is None:
            self.crawler.stats.inc_value("extract/not_article")
            record_event(self.crawler, "not_article", "page is not an article", level="info", url=response.url)
        else:
            yield item
        if source.article_url_pattern:
            yield from self._related_articles(response, tree)

    def _related_articles(self, response: TextResponse, tree: HtmlElement | None) -> Iterator[scrapy.Request]:
        """Requests for the links of an article page that point to other articles of the source, once per run."""
        source = self._require_source()
        seen = self._links_seen
        origin = None
        for raw in _page_hrefs(response, tree):
            raw_key = hash(raw)
            if raw_key in seen:  # the same href on an earlier page (menus, tags, related stories)
                continue
            href = raw.strip()
            if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
                continue
            same_on_every_page = True  # absolute, or from the root of the site
            if href.startswith(("http://", "https://")):
                url = href
            elif href.startswith("/") and not href.startswith("//"):
                origin = origin or "{0.scheme}://{0.netloc}".format(urlsplit(response.url))
                url = origin + href
            else:
                url, same_on_every_page = response.urljoin(href), False
            key = hash(url)
            if key in seen:
                continue
            seen.add(key)
            if same_on_every_page:
                seen.add(raw_key)
            if url.startswith(("http://", "https://")) and source.allows(url) and source.is_article_url(url):
                yield from self._article_request(url)

    def on_error(self, failure: Failure) -> None:
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            return  # skipped on purpose (already stored, not modified, robots.txt): counted in the stats
        request = getattr(failure, "request", None)
        url = request.url if request is not None else None
        _fault, message = count_fault(self.crawler, failure, url)
        kind = "http_error" if failure.check(HttpError) else "network_error"
        record_event(self.crawler, kind, message, level="error", url=url)

    # -- helpers ---------------------------------------------------------------------------

    def _discovery_request(self, url: str, callback: Any) -> scrapy.Request:
        """A feed or sitemap request: conditional (ETag / Last-Modified), fetched before articles."""
        return scrapy.Request(url, callback=callback, errback=self.on_error, priority=10, meta={"conditional": True})

    def _article_request(self, url: str) -> Iterator[scrapy.Request]:
        source = self._require_source()
        canonical = canonicalize_url(url)
        if not source.allows(canonical) or not source.is_article_url(canonical):
            self.crawler.stats.inc_value("discovery/skipped_not_article_url")
            return
        key = hash(canonical)
        if key in self._requested:
            return
        self._requested.add(key)
        yield scrapy.Request(canonical, callback=self.parse_article, errback=self.on_error, meta={"article": True})

    def _too_old(self, raw_date: str | None) -> bool:
        """True when an entry's date is known and before ``not_before``."""
        if self.not_before is None or not raw_date:
            return False
        when = parse_date(raw_date, languages=("en",), timezone="UTC", fetched_at=datetime.now(UTC))
        if when is not None and when < self.not_before:
            self.crawler.stats.inc_value("discovery/skipped_old")
            return True
        return False

    def _sitemap_body(self, response: Response) -> bytes | None:
        if gzip_magic_number(response):
            try:
                return gunzip(response.body, max_size=self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
            except Exception:  # noqa: BLE001 - too large or corrupt: treated as not a sitemap
                return None
        if isinstance(response, XmlResponse) or response.body.lstrip()[:5] in (b"<?xml", b"<urls", b"<site"):
            return response.body
        return None

    def _require_source(self) -> Source:
        if self.source is None:
            raise RuntimeError("the news spider was not given a source")
        return self.source
