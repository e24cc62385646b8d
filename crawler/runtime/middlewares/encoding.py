"""The crawl's side of :mod:`crawler.encoding`: HTML responses whose declared charset is wrong are re-labelled."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Response
from scrapy.statscollectors import StatsCollector

from crawler.encoding import codec_name, sniff_encoding


class EncodingMiddleware:
    """Re-decode HTML responses whose declared charset does not match their bytes (stat ``encoding/corrected``)."""

    def __init__(self, stats: StatsCollector | None) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: object) -> EncodingMiddleware:
        return cls(getattr(crawler, "stats", None))

    def process_response(self, request: object, response: Response) -> Response:
        if not isinstance(response, HtmlResponse) or not response.body:
            return response
        current = codec_name(response.encoding)
        found = sniff_encoding(response.body, response.encoding)
        if found is None or found == current:
            return response
        if self.stats is not None:
            self.stats.inc_value("encoding/corrected")
            self.stats.inc_value(f"encoding/corrected/{current}->{found}")
        return response.replace(encoding=found)
