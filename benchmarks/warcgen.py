"""Write WARC files of generated news pages: the input of the import benchmark and tests.

    python -m benchmarks.warcgen OUT.warc.gz --articles 5000 [--page-kb 60] [--other-sites N] [--whole-gzip]

Each article of a :mod:`benchmarks.sitegen` site becomes a request and a response record
(gzip per record, or the whole file gzipped at once with ``--whole-gzip``); ``--other-sites``
adds that many response records of other hosts after each article, as in a CC-NEWS file
where one site's pages are a small share.
"""

from __future__ import annotations

import argparse
import gzip
import random
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from benchmarks.sitegen import DEFAULT_HOST, article_html

FETCHED = datetime(2026, 1, 15, 13, 0, tzinfo=UTC)


def article_pages(
    count: int, *, host: str = DEFAULT_HOST, page_kb: float = 60, seed: int = 0
) -> Iterator[tuple[str, bytes]]:
    """(URL, HTML) of ``count`` generated articles, as :func:`benchmarks.sitegen.generate_site` writes them."""
    rng = random.Random(seed)
    origin = f"https://{host}"
    for number in range(count):
        yield f"{origin}/news/{number}.html", article_html(number, count, origin, rng, page_kb, FETCHED).encode()


def write_response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    *,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    headers: Iterable[tuple[str, str]] = (),
    warc_headers: dict[str, str] | None = None,
    with_request: bool = True,
) -> None:
    """A response record (and its request record) as a crawler writes them."""
    http = StatusAndHeaders(status, [("Content-Type", content_type), *headers], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": FETCHED.strftime("%Y-%m-%dT%H:%M:%SZ"), **(warc_headers or {})},
    )
    writer.write_record(record)
    if with_request:
        path = "/" + url.split("://", 1)[1].partition("/")[2]
        request = StatusAndHeaders(f"GET {path} HTTP/1.1", [("User-Agent", "warcgen")], is_http_request=True)
        writer.write_record(
            writer.create_warc_record(url, "request", payload=BytesIO(b""), length=0, http_headers=request)
        )


def write_warc(
    path: Path, pages: Iterable[tuple[str, bytes]], *, other_sites: int = 0, whole_gzip: bool = False
) -> Path:
    """Write ``pages`` (and ``other_sites`` foreign pages after each) to ``path``; gzip per record or whole."""
    target: BinaryIO
    with open(path, "wb") as target:
        stream: BinaryIO = gzip.GzipFile(fileobj=target, mode="wb") if whole_gzip else target  # type: ignore[assignment]
        writer = WARCWriter(stream, gzip=not whole_gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "benchmarks.warcgen"}))
        for number, (url, body) in enumerate(pages):
            write_response(writer, url, body)
            for other in range(other_sites):
                write_response(writer, f"https://other-{other}.example/story/{number}", body)
        if whole_gzip:
            stream.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--page-kb", type=float, default=60)
    parser.add_argument("--other-sites", type=int, default=0)
    parser.add_argument("--whole-gzip", action="store_true")
    args = parser.parse_args()
    pages = article_pages(args.articles, page_kb=args.page_kb)
    write_warc(args.path, pages, other_sites=args.other_sites, whole_gzip=args.whole_gzip)
    print(f"{args.path}: {args.path.stat().st_size / 1e6:.1f} MB, {args.articles} articles")


if __name__ == "__main__":
    main()
