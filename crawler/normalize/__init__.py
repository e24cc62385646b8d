"""Pure normalizers: dates, bylines, URLs, text. No scrapy, no storage."""

from crawler.normalize.bylines import parse_byline
from crawler.normalize.dates import parse_date
from crawler.normalize.urls import canonicalize_url, url_hash

__all__ = ["canonicalize_url", "parse_byline", "parse_date", "url_hash"]
