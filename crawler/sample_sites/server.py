"""Serve the bundled sample news sites on 127.0.0.1, each on a free port of its own.

Pages are written with the real sites' absolute URLs (``https://caliber.az/...``);
the server rewrites those origins to its own base so that links, feeds and
sitemaps stay inside the local copy. The server also understands conditional
requests (ETag / If-Modified-Since) and can be slowed down per request, which
the incremental-crawl and interruption tests use.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import json
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from crawler.sample_sites import SAMPLE_SITES_DIR
from crawler.sources import Source

_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".gz": "application/gzip",
    ".json": "application/json",
    ".css": "text/css",
    ".js": "application/javascript",
}
_TEXT_SUFFIXES = {".html", ".xml", ".txt", ".json", ".css", ".js"}


@dataclass
class SiteOptions:
    """Knobs the tests turn on a running site."""

    delay: float = 0.0
    #: Files whose content the test replaced: path (relative to the site dir) -> bytes.
    overrides: dict[str, bytes] = field(default_factory=dict)
    #: Request paths the server has answered, in order (for assertions).
    requests: list[str] = field(default_factory=list)
    #: Request paths answered with this HTTP status and an error page instead.
    statuses: dict[str, int] = field(default_factory=dict)


def origin_pattern(hosts: Iterable[str]) -> re.Pattern[str]:
    """A pattern matching ``http(s)://host`` and ``http(s)://www.host`` for every host."""
    names: set[str] = set()
    for host in hosts:
        bare = host.removeprefix("www.")
        names.update({bare, f"www.{bare}"})
    alternatives = "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))
    return re.compile(rf"https?://(?:[\w-]+\.)*(?:{alternatives})(?![\w.-])")


class SampleSite:
    """One site directory served on one port."""

    def __init__(
        self, directory: Path, hosts: Iterable[str], options: SiteOptions | None = None, *, as_proxy: bool = False
    ) -> None:
        self.directory = directory
        self.options = options or SiteOptions()
        self._origins = origin_pattern(hosts)
        # As a proxy the site keeps its real host names (served over plain HTTP);
        # otherwise links are rewritten to this server's own address.
        self.as_proxy = as_proxy
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name=f"site-{directory.name}", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def start(self) -> SampleSite:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def resolve(self, path: str) -> Path | None:
        """The file that answers a request path, or ``None``."""
        relative = unquote(path).lstrip("/")
        if ".." in Path(relative).parts:
            return None
        candidates = [relative, f"{relative}.html", f"{relative}/index.html", f"{relative}/index.xml"]
        if not relative:
            candidates = ["index.html"]
        for candidate in candidates:
            file = self.directory / candidate.replace("//", "/")
            if candidate in self.options.overrides or file.is_file():
                return file
        return None

    def body_of(self, file: Path) -> bytes:
        key = file.relative_to(self.directory).as_posix()
        data = self.options.overrides.get(key)
        if data is None:
            data = file.read_bytes()
        if file.suffix == ".gz":
            return gzip.compress(self._rewrite(gzip.decompress(data)), mtime=0)
        if file.suffix in _TEXT_SUFFIXES:
            return self._rewrite(data)
        return data

    def _rewrite(self, data: bytes) -> bytes:
        """Point the real sites' absolute URLs at this server (or, as a proxy, at plain HTTP)."""
        text = data.decode("utf-8")
        if self.as_proxy:
            text = self._origins.sub(lambda m: "http://" + m.group(0).split("://", 1)[1], text)
        else:
            text = self._origins.sub(self.base_url, text)
        return text.encode("utf-8")

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                site.options.requests.append(path)
                if site.options.delay:
                    threading.Event().wait(site.options.delay)
                status = site.options.statuses.get(path)
                if status is not None:
                    self._send(status, f"<h1>Error {status}</h1>".encode(), _CONTENT_TYPES[".html"])
                    return
                file = site.resolve(path)
                if file is None:
                    not_found = site.directory / "404.html"
                    body = site.body_of(not_found) if not_found.is_file() else b"<h1>Not found</h1>"
                    self._send(404, body, _CONTENT_TYPES[".html"])
                    return
                body = site.body_of(file)
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                last_modified = email.utils.formatdate(file.stat().st_mtime, usegmt=True)
                if self.headers.get("If-None-Match") == etag:
                    self._send(304, b"", None, etag=etag, last_modified=last_modified)
                    return
                content_type = _CONTENT_TYPES.get(file.suffix, "application/octet-stream")
                if file.suffix == ".xml" and "rss" in file.as_posix():
                    content_type = "application/rss+xml; charset=utf-8"
                self._send(200, body, content_type, etag=etag, last_modified=last_modified)

            def _send(
                self,
                status: int,
                body: bytes,
                content_type: str | None,
                *,
                etag: str | None = None,
                last_modified: str | None = None,
            ) -> None:
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                if etag:
                    self.send_header("ETag", etag)
                if last_modified:
                    self.send_header("Last-Modified", last_modified)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)

        return Handler


def manifest_sources(manifest: dict) -> set[str]:
    """The source names a sample site's manifest covers (top-level and per article)."""
    names = set(manifest.get("sources", []))
    if manifest.get("source"):
        names.add(manifest["source"])
    names.update(a["source"] for a in manifest.get("articles", []) if a.get("source"))
    return names


def site_directory(source: Source) -> Path | None:
    """The bundled sample site that holds a source's pages, if any."""
    for manifest_file in sorted(SAMPLE_SITES_DIR.glob("*/manifest.json")):
        if source.name in manifest_sources(json.loads(manifest_file.read_text(encoding="utf-8"))):
            return manifest_file.parent
    return None


@contextmanager
def serve_sources(
    sources: Iterable[Source], options: SiteOptions | None = None, *, as_proxy: bool = False
) -> Iterator[tuple[list[Source], dict[str, SampleSite]]]:
    """Serve the sample site of every source that has one; yield the sources to crawl and the sites.

    Sources sharing one site directory (language editions of one outlet) share one server.
    Direct mode re-points the sources at the servers' own addresses. Proxy mode
    keeps the real host names (over plain HTTP) and each server answers as an HTTP
    proxy for its hosts (see :class:`SampleSiteProxyMiddleware`): URLs, and so the
    stored articles, stay the same from one run to the next.
    """
    with ExitStack() as stack:
        servers: dict[Path, SampleSite] = {}
        local: list[Source] = []
        by_source: dict[str, SampleSite] = {}
        for source in sources:
            directory = site_directory(source)
            if directory is None:
                continue
            site = servers.get(directory)
            if site is None:
                site = SampleSite(directory, source.allowed_domains, options, as_proxy=as_proxy).start()
                stack.callback(site.stop)
                servers[directory] = site
            by_source[source.name] = site
            local.append(source.as_plain_http() if as_proxy else source.with_origin(site.base_url))
        yield local, by_source


def proxy_map(sources: Iterable[Source], sites: dict[str, SampleSite]) -> dict[str, str]:
    """Host -> proxy URL for :class:`SampleSiteProxyMiddleware`."""
    mapping: dict[str, str] = {}
    for source in sources:
        for domain in source.allowed_domains:
            bare = domain.removeprefix("www.")
            mapping[bare] = mapping[f"www.{bare}"] = sites[source.name].base_url
    return mapping


class SampleSiteProxyMiddleware:
    """Sends requests for the sample sites' hosts to their local servers (``MEDIAMON_SAMPLE_SITE_PROXIES``)."""

    def __init__(self, proxies: dict[str, str]) -> None:
        self.proxies = proxies

    @classmethod
    def from_crawler(cls, crawler: Any) -> SampleSiteProxyMiddleware:
        from scrapy.exceptions import NotConfigured

        proxies = crawler.settings.getdict("MEDIAMON_SAMPLE_SITE_PROXIES")
        if not proxies:
            raise NotConfigured("no sample sites to route to")
        return cls(proxies)

    def process_request(self, request: Any, spider: Any = None) -> None:
        host = (urlsplit(request.url).hostname or "").lower()
        while host:
            if host in self.proxies:
                request.meta["proxy"] = self.proxies[host]
                return None
            host = host.partition(".")[2]  # a subdomain goes to its site's server too
        return None
