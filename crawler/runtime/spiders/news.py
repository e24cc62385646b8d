"""The source-driven spider: discovers a source's articles and hands each page to extraction.

It only discovers and routes: robots.txt sitemaps, sitemaps and sitemap indexes
(gzipped too), RSS/Atom feeds, and the source's start (section) pages. It never
leaves the source's domains; URLs are canonicalized before they are requested,
so tracking parameters and fragments do not make duplicates.
"""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

import scrapy
from lxml import etree
from lxml.html import HtmlElement
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse, XmlResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import sitemap_urls_from_robots
from twisted.internet import threads
from twisted.python.failure import Failure

from crawler.discovery import SitemapEntry, parse_feed, parse_sitemap
from crawler.extract import article_from_html
from crawler.extract.dom import load_tree, xpath_strings
from crawler.normalize import parse_date
from crawler.normalize.urls import canonicalize_url
from crawler.runtime.events import record_event
from crawler.runtime.middlewares.guards import EVENTS_PER_KIND, has_userinfo, strip_userinfo
from crawler.runtime.middlewares.retry import count_fault
from crawler.sources import Source, load_sources, select_sources

#: ``href`` values of ``<a>`` tags, from the tree extraction parsed (decoded, outside comments).
_ANCHOR_HREFS = etree.XPath("//a/@href", smart_strings=False)
#: The same from the page's text, for a page lxml cannot parse.
T = TypeVar("T")
_ANCHOR_HREF = re.compile(r"""<a\s[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


async def _off_reactor(function: Callable[..., T], *args: Any) -> T:
    """``function(*args)`` in the reactor's thread pool: a big feed or sitemap does not stop every download."""
    return await maybe_deferred_to_future(threads.deferToThread(function, *args))


def _read_sitemap(
    body: bytes, is_xml: bool, gunzip_max: int, max_entries: int
) -> tuple[str | None, list[SitemapEntry]]:
    """A sitemap's kind and entries (gunzipped first when it is gzip): ``(None, [])`` when it is not one."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip(body, max_size=gunzip_max)
        except Exception:  # noqa: BLE001 - too large or corrupt: treated as not a sitemap
            return None, []
    if not is_xml and body.lstrip().removeprefix(b"\xef\xbb\xbf")[:5] not in (b"<?xml", b"<urls", b"<site"):
        return None, []
    return parse_sitemap(body, max_entries)


def _page_hrefs(response: TextResponse, tree: HtmlElement | None) -> list[str]:
    if tree is not None:
        return xpath_strings(_ANCHOR_HREFS, tree)
    hrefs = []
    for match in _ANCHOR_HREF.finditer(response.text):
        href = match.group(1) or match.group(2) or match.group(3) or ""
        hrefs.append(html.unescape(href) if "&" in href else href)
    return hrefs


class NewsSpider(scrapy.Spider):
    """Crawl one configured source: ``scrapy crawl news -a source=caliber_az``."""

    name = "news"
    # Set by from_crawler, from the source and the settings.
    allowed_domains: list[str]
    _listing_depth: int
    _links: LinkExtractor
    _gunzip_max: int
    _sitemap_depth: int
    _sitemap_max: int
    _discovery_bytes: int
    _discovery_items: int

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
        self._sitemaps_requested = 0  # sitemap requests this run made (MEDIAMON_SITEMAP_MAX_URLS)
        self._limits_reported: set[str] = set()

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
        settings = crawler.settings
        spider._gunzip_max = settings.getint("DOWNLOAD_MAXSIZE")
        spider._sitemap_depth = settings.getint("MEDIAMON_SITEMAP_MAX_DEPTH", 3)
        spider._sitemap_max = settings.getint("MEDIAMON_SITEMAP_MAX_URLS", 1000)
        spider._discovery_bytes = settings.getint("MEDIAMON_DISCOVERY_MAX_BYTES", 10 * 1024 * 1024)
        spider._discovery_items = settings.getint("MEDIAMON_DISCOVERY_MAX_ITEMS", 50_000)
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
            if request := self._sitemap_request(url, 0, source.homepage):
                yield request
        for url in source.feeds:
            yield self._discovery_request(url, self.parse_feed)
        for url in source.start_urls:
            yield scrapy.Request(url, callback=self.parse_listing, errback=self.on_error, cb_kwargs={"depth": 0})

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        if response.status != 200:
            return
        for url in sitemap_urls_from_robots(response.body, base_url=response.url):
            if url not in self._require_source().sitemaps and (request := self._sitemap_request(url, 0, response.url)):
                yield request

    async def parse_sitemap(self, response: Response) -> AsyncIterator[scrapy.Request]:
        """A sitemap or sitemap index, read off the reactor thread, its size and entries capped."""
        body = self._capped_body(response, "sitemap")
        limit = self._discovery_items
        kind, entries = await _off_reactor(
            _read_sitemap, body, isinstance(response, XmlResponse), self._gunzip_max, limit + 1
        )
        if kind is None:
            record_event(self.crawler, "discovery_error", "not a sitemap or unreadable", url=response.url)
            return
        if len(entries) > limit:
            self._limit_reached("sitemap", f"sitemap has more than {limit} entries: the rest not read", response.url)
            entries = entries[:limit]
        depth = int(response.meta.get("sitemap_depth", 0))
        for entry in entries:
            if self._too_old(entry.date_raw):
                continue
            if kind == "sitemapindex":
                if request := self._sitemap_request(response.urljoin(entry.url), depth + 1, response.url):
                    yield request
            else:
                for request in self._article_request(response.urljoin(entry.url)):
                    yield request

    async def parse_feed(self, response: Response) -> AsyncIterator[scrapy.Request]:
        """A feed, read off the reactor thread (feedparser on 200,000 items took 24 s), its size and entries capped."""
        body = self._capped_body(response, "feed")
        limit = self._discovery_items
        entries = await _off_reactor(parse_feed, body, response.url, limit + 1)
        if not entries:
            record_event(self.crawler, "discovery_error", "feed has no entries or cannot be read", url=response.url)
        if len(entries) > limit:
            self._limit_reached("feed", f"feed has more than {limit} entries: the rest not read", response.url)
            entries = entries[:limit]
        for entry in entries:
            if not self._too_old(entry.published_raw):
                for request in self._article_request(response.urljoin(entry.url)):
                    yield request

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
                    canonicalize_url(self._without_userinfo(link.url)),
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

    def _sitemap_request(self, url: str, depth: int, found_on: str) -> scrapy.Request | None:
        """A sitemap's request, unless the run has reached its bounds (index depth, sitemaps per run): an event then."""
        if depth > self._sitemap_depth:
            message = f"sitemap index deeper than {self._sitemap_depth}: not followed"
            self._limit_reached("sitemap_depth", message, found_on)
            return None
        if self._sitemaps_requested >= self._sitemap_max:
            message = f"more than {self._sitemap_max} sitemaps in this run: not followed"
            self._limit_reached("sitemaps", message, found_on)
            return None
        self._sitemaps_requested += 1
        request = self._discovery_request(self._without_userinfo(url), self.parse_sitemap)
        request.meta["sitemap_depth"] = depth
        return request

    def _limit_reached(self, bound: str, message: str, url: str) -> None:
        """Count every time a discovery bound stops the run; an event the first time for each bound."""
        self.crawler.stats.inc_value(f"discovery/limit/{bound}")
        if bound not in self._limits_reported:
            self._limits_reported.add(bound)
            record_event(self.crawler, "discovery_limit", message, url=url)

    def _capped_body(self, response: Response, what: str) -> bytes:
        body = response.body
        if len(body) > self._discovery_bytes:
            message = f"{what} of {len(body)} bytes: only its first {self._discovery_bytes} read"
            self._limit_reached(f"{what}_bytes", message, response.url)
            body = body[: self._discovery_bytes]
        return body

    def _without_userinfo(self, url: str) -> str:
        """``url`` without ``user:password@`` (an event names it without them): a password is never sent or kept."""
        if not has_userinfo(url):
            return url
        stripped = strip_userinfo(url)
        self.crawler.stats.inc_value("discovery/userinfo_stripped")
        if self.crawler.stats.get_value("discovery/userinfo_stripped", 0) <= EVENTS_PER_KIND:
            record_event(self.crawler, "url_userinfo", "link with user info: fetched without it", url=stripped)
        return stripped

    def _article_request(self, url: str) -> Iterator[scrapy.Request]:
        source = self._require_source()
        canonical = canonicalize_url(self._without_userinfo(url))
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

    def _require_source(self) -> Source:
        if self.source is None:
            raise RuntimeError("the news spider was not given a source")
        return self.source
