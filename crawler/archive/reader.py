"""Reading WARC records back: one capture by its offset, and a page's text decoded as the crawl decodes it."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from scrapy.http import Headers, HtmlResponse, TextResponse
from scrapy.responsetypes import responsetypes
from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from crawler.runtime.middlewares.encoding import EncodingMiddleware

#: Headers that describe the bytes on the wire, not the body warcio hands back (de-chunked, inflated).
WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


#: Content types of pages that may be articles.
_TEXT_TYPES = ("text/", "application/xhtml", "application/xml")


class CaptureUnreadable(Exception):
    """The capture's file is gone, or its bytes are not the WARC record they should be."""


@dataclass(frozen=True, slots=True)
class Page:
    """An HTTP response as kept in a WARC record: its body inflated and de-chunked."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes


def page_of(record: ArcWarcRecord) -> Page:
    """The page of a ``response`` record (reads the record's content: call it once, before moving on)."""
    http = record.http_headers
    status = int(http.get_statuscode() or 0) if http is not None else 0
    headers = list(http.headers) if http is not None else []
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    return Page(url=url, status=status, headers=headers, body=record.content_stream().read())


def read_capture(warc_file: str, offset: int, length: int) -> Page:
    """The response record at ``offset`` of ``warc_file`` (a gzip member of ``length`` bytes)."""
    try:
        with open(warc_file, "rb") as handle:
            handle.seek(offset)
            data = handle.read(length)
    except OSError as exc:
        raise CaptureUnreadable(f"{warc_file}: {exc.strerror or exc}") from None
    if len(data) != length:
        raise CaptureUnreadable(f"{warc_file}: {len(data)} of {length} bytes at offset {offset}")
    try:
        for record in ArchiveIterator(BytesIO(data)):
            if record.rec_type == "response":
                return page_of(record)
    except Exception as exc:  # noqa: BLE001 - warcio raises several kinds for damaged bytes
        raise CaptureUnreadable(f"{warc_file} at offset {offset}: {type(exc).__name__}: {exc}") from None
    raise CaptureUnreadable(f"{warc_file} at offset {offset}: no response record")


def page_text(page: Page) -> str | None:
    """The page's HTML as text, decoded as a crawl decodes it (Scrapy, then the encoding check); ``None``
    when it is not HTML or text."""
    headers = [(k, v) for k, v in page.headers if k.lower() not in WIRE_HEADERS]
    declared = next((v for k, v in headers if k.lower() == "content-type"), "").split(";")[0].strip().lower()
    if declared and not declared.startswith(_TEXT_TYPES):
        return None  # an image or a PDF at an article-looking URL: the type it was sent as decides
    # Headers as the crawl's download handler gives them (bytes names, any case): a plain dict of str
    # names hid the Content-Type from responsetypes, which then guessed from the URL and the body.
    kind = responsetypes.from_args(headers=Headers(headers), url=page.url, body=page.body)
    if not issubclass(kind, TextResponse):
        return None
    response = kind(url=page.url or "http://invalid/", status=page.status, headers=headers, body=page.body)
    if isinstance(response, HtmlResponse):
        decoded = EncodingMiddleware(None).process_response(None, response)
        return decoded.text if isinstance(decoded, TextResponse) else None
    return response.text
