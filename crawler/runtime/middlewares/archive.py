"""The crawl's side of the archive: article responses go to WARC files, their captures ride on the items.

:class:`ArchiveMiddleware` (a downloader middleware placed next to the downloader, so that it
sees the bytes as they came, before decompression and re-decoding) writes each successful
article response and its request, and leaves the capture in the request's meta.
:class:`CaptureSpiderMiddleware` hands that capture to the items extracted from the response;
the store pipeline records it beside the article (``storage.captures``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from crawler.archive.writer import DEFAULT_MAX_BYTES, WarcArchive, prune_archive
from crawler.items import ArticleItem
from crawler.runtime.events import record_event

CAPTURE_META = "mediamon_capture"


def archive_folder(settings: Any) -> Path:
    """``MEDIAMON_ARCHIVE_DIR``, else ``archive`` under the data folder."""
    return Path(settings.get("MEDIAMON_ARCHIVE_DIR") or Path(settings.get("MEDIAMON_DATA_DIR", "var")) / "archive")


def _headers(headers: Any) -> list[tuple[str, str]]:
    return [(name.decode("latin-1"), value.decode("latin-1")) for name, values in headers.items() for value in values]


class ArchiveMiddleware:
    """Write every 2xx article response (``meta["article"]``) with its request to the run's WARC files."""

    def __init__(self, crawler: Crawler, folder: Path, max_bytes: int, retention_days: float) -> None:
        self.crawler = crawler
        self.folder = folder
        self.max_bytes = max_bytes
        self.retention_days = retention_days
        self.archive: WarcArchive | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveMiddleware:
        settings = crawler.settings
        if not settings.getbool("MEDIAMON_ARCHIVE", True):
            raise NotConfigured("the archive is off (--no-archive)")
        middleware = cls(
            crawler,
            archive_folder(settings),
            settings.getint("MEDIAMON_ARCHIVE_MAX_BYTES", DEFAULT_MAX_BYTES),
            settings.getfloat("MEDIAMON_ARCHIVE_RETENTION_DAYS", 0),
        )
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    def spider_opened(self, spider: Any) -> None:
        source = getattr(spider, "source", None)
        name = source.name if source is not None else spider.name
        for path in prune_archive(self.folder, self.retention_days):
            self.crawler.stats.inc_value("archive/pruned_files")
            spider.logger.info("archive retention: removed %s", path)
        self.archive = WarcArchive(self.folder / name, name, max_bytes=self.max_bytes)

    def spider_closed(self, spider: Any) -> None:
        if self.archive is not None:
            self.archive.close()
            self.crawler.stats.set_value("archive/files", len(self.archive.files))

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        if not request.meta.get("article") or not 200 <= response.status < 300 or self.archive is None:
            return response
        try:
            capture = self.archive.write(
                response.url,
                status=response.status,
                reason=_reason(response.status),
                response_headers=_headers(response.headers),
                body=response.body,
                request_method=request.method,
                request_headers=_headers(request.headers),
            )
        except OSError as exc:  # a full disk or a folder that cannot be written: the crawl goes on, loudly
            self.archive.close()  # the next response tries a new file
            message = f"cannot write the archive in {self.folder}: {exc}"
            record_event(self.crawler, "archive_error", message, level="error", url=request.url)
            return response
        self.crawler.stats.inc_value("archive/records")
        self.crawler.stats.inc_value("archive/bytes", capture.warc_length)
        request.meta[CAPTURE_META] = capture.to_dict()
        return response


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


class CaptureSpiderMiddleware:
    """Give the articles extracted from an archived response that response's capture."""

    async def process_spider_output(
        self, response: Response | None, result: AsyncIterator[Any], spider: Any = None
    ) -> AsyncIterator[Any]:
        request = getattr(response, "request", None)
        capture = request.meta.get(CAPTURE_META) if request is not None else None
        async for output in result:
            if capture is not None and isinstance(output, ArticleItem):
                output.capture = capture
            yield output
