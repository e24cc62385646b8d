"""Guards against hostile sites: what a crawl refuses to fetch or keep is a run event, not a DEBUG line.

* :class:`OffsiteGuardMiddleware` replaces Scrapy's offsite filter. An allowed domain means
  host *and* port (the scheme's default port when none is given, see
  :meth:`crawler.sources.Source.allows`); requests and redirects elsewhere are dropped with
  an ``offsite`` event, whatever their ``dont_filter`` or ``allow_offsite``. A URL with user
  info (``http://user:secret@host/``) is refused with a ``url_userinfo`` event that names it
  without the user info (the spider strips it from the links it finds, see
  :func:`strip_userinfo`; this catches redirects to such URLs).
* :class:`ReportingUrlLengthMiddleware`: links longer than ``URLLENGTH_LIMIT`` are a ``url_too_long`` event.
* :class:`ReportingCompressionMiddleware`: a body dropped while decompressing it (larger than
  ``DOWNLOAD_MAXSIZE`` once decoded: a gzip or brotli bomb) is a ``body_dropped`` event.

A hostile page can hold thousands of such links: each middleware records the first
:data:`EVENTS_PER_KIND` events of a kind and one more saying the rest are only counted
(the ``guard/*`` stats count them all).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.urllength import UrlLengthMiddleware

from crawler.runtime.events import record_event

#: Events of one kind a middleware records in a run; the rest are counted in the stats only.
EVENTS_PER_KIND = 20


def has_userinfo(url: str) -> bool:
    """Whether an http(s) URL carries ``user[:password]@`` before its host."""
    netloc = url.split("/", 3)[2] if url.count("/") >= 2 else ""
    return "@" in netloc.split("?", 1)[0].split("#", 1)[0]


def strip_userinfo(url: str) -> str:
    """``url`` without its user info (``http://u:p@host/x`` -> ``http://host/x``)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


class _Limited:
    """Records at most :data:`EVENTS_PER_KIND` events of each kind; counts every one in ``guard/<kind>``."""

    crawler: Crawler

    def _event(self, kind: str, message: str, url: str | None, level: str = "warning") -> None:
        counts: dict[str, int] = self.__dict__.setdefault("_event_counts", {})
        counts[kind] = n = counts.get(kind, 0) + 1
        if self.crawler.stats is not None:
            self.crawler.stats.inc_value(f"guard/{kind}")
        if n <= EVENTS_PER_KIND:
            record_event(self.crawler, kind, message, level=level, url=url)
        elif n == EVENTS_PER_KIND + 1:
            record_event(self.crawler, kind, f"more {kind} events in this run are counted in guard/{kind} only")


class OffsiteGuardMiddleware(_Limited, OffsiteMiddleware):
    """Scrapy's offsite filter by host and port, for every request; each one dropped is an event."""

    def process_request(self, request: Request, spider: Any = None) -> None:
        source = getattr(self.crawler.spider, "source", None)
        if source is None:  # not the news spider: Scrapy's own rules
            return super().process_request(request)
        first = (request.meta.get("redirect_urls") or [request.url])[0]
        if has_userinfo(request.url):
            self._event(
                "url_userinfo",
                f"not fetched: {strip_userinfo(request.url)} carries user info (a password is never sent or kept)",
                strip_userinfo(first),
            )
            raise IgnoreRequest("URL with user info")
        if source.allows(request.url):
            return None
        parts = urlsplit(request.url)
        where = parts.netloc or request.url[:80]
        how = "redirect to" if request.meta.get("redirect_urls") else "request to"
        self._event("offsite", f"not fetched: {how} {request.url[:300]} ({where} is not a domain of the source)", first)
        self.stats.inc_value("offsite/filtered")
        raise IgnoreRequest(f"Filtered offsite request to {where!r}")


class ReportingUrlLengthMiddleware(_Limited, UrlLengthMiddleware):
    """Scrapy's URL length limit; each link dropped is a ``url_too_long`` event."""

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        if len(request.url) <= self.maxlength:
            return request
        page = response.url if response is not None else None
        self._event(
            "url_too_long", f"link not followed: {len(request.url)} characters (URLLENGTH_LIMIT {self.maxlength})", page
        )
        return super().get_processed_request(request, response)


class ReportingCompressionMiddleware(_Limited, HttpCompressionMiddleware):
    """Scrapy's decompression with its size limit; a body dropped for its ``Content-Encoding`` is an event."""

    def __init__(self, stats: Any = None, *, crawler: Crawler | None = None) -> None:
        super().__init__(stats, crawler=crawler)
        if crawler is not None:
            self.crawler = crawler

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        try:
            return super().process_response(request, response)
        except IgnoreRequest as exc:
            encoding = b",".join(response.headers.getlist("Content-Encoding")).decode("latin-1")
            self._event("body_dropped", f"body dropped (Content-Encoding {encoding}): {exc}", request.url, "error")
            raise
