"""A misbehaving news site on 127.0.0.1: good articles beside pages that fail in every way a real site does.

Each route is a small function that answers (or refuses to answer) one request.
The server keeps a log of every request it saw (time, path, Host, User-Agent)
so that tests can assert on what the crawler really did.
"""

from __future__ import annotations

import contextlib
import html
import json
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from crawler.sources import Source

Route = Callable[["Handler"], None]

LOREM = (
    "The city council met on Tuesday evening to discuss the budget for the coming year, and members spoke at length.",
    "Residents who attended the meeting asked questions about road repairs, school funding and the new library hours.",
    "The mayor said the final vote would take place next month, after a second round of public consultations.",
    "Local businesses welcomed the plan, although several owners said that parking remained their main concern.",
)
RUSSIAN = (
    "Правительство объявило о новых мерах поддержки малого бизнеса, сообщили в министерстве экономики во вторник.",
    "По словам министра, программа рассчитана на три года и охватит более десяти тысяч предприятий по всей стране.",
    "Эксперты считают, что эти меры помогут сохранить рабочие места и поддержат спрос в региональной экономике.",
    "Окончательное решение о размере субсидий будет принято после обсуждения с представителями отраслевых союзов.",
)


def article_html(
    headline: str,
    paragraphs: tuple[str, ...] | list[str] = LOREM,
    *,
    published: str = "2026-03-01T09:30:00+00:00",
    author: str = "Jane Doe",
    lang: str = "en",
    head: str = "",
) -> str:
    """A plain news article page: headline, byline, date, paragraphs."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="{lang}"><head><title>{html.escape(headline)}</title>'
        f'<meta property="og:type" content="article">'
        f'<meta property="article:published_time" content="{published}">{head}</head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{html.escape(headline)}</h1>"
        f'<p class="byline">By {html.escape(author)}</p><time datetime="{published}">{published[:10]}</time>'
        f"{body}</article></body></html>"
    )


@dataclass
class Seen:
    """One request the server received."""

    at: float
    path: str
    host: str
    user_agent: str


class Handler(BaseHTTPRequestHandler):
    """Dispatches each GET to the site's route for the path."""

    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_GET(self) -> None:
        site = self.server.site
        path = urlsplit(self.path).path
        site.seen.append(Seen(time.monotonic(), path, self.headers.get("Host", ""), self.headers.get("User-Agent", "")))
        route = site.routes.get(path) or next((r for p, r in site.prefixes.items() if path.startswith(p)), None)
        if route is None:
            self.send_body(404, b"<h1>Not found</h1>")
        else:
            route(self)

    def send_body(
        self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def reset(self) -> None:
        """Drop the connection with a TCP RST, answering nothing."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: BadSite

    def handle_error(self, request: Any, client_address: Any) -> None:
        return  # the faults break connections on purpose


@dataclass
class BadSite:
    """The server, its routes by path, and what it saw."""

    routes: dict[str, Route] = field(default_factory=dict)
    #: Routes for every path under a prefix (not linked from the homepage).
    prefixes: dict[str, Route] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    robots: str = "User-agent: *\nDisallow: /news/private\n"
    _stop: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._server = _Server(("127.0.0.1", 0), Handler)
        self._server.site = self
        self.routes.setdefault("/", self._homepage)
        self.routes.setdefault("/robots.txt", lambda h: h.send_body(200, self.robots.encode(), "text/plain"))
        self._thread = threading.Thread(target=self._server.serve_forever, name="badsite", daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, path: str) -> str:
        return self.base_url + path

    def close(self) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()

    def source(self, name: str = "badsite", **changes: Any) -> Source:
        """A source for this site: the homepage lists the articles under ``/news/``."""
        values: dict[str, Any] = {
            "name": name,
            "homepage": self.url("/"),
            "languages": ("en", "ru"),
            "allowed_domains": (f"127.0.0.1:{self.port}",),
            "start_urls": (self.url("/"),),
            "article_url_pattern": r"^/news/",
        }
        return Source(**{**values, **changes})

    def requests_for(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    def sleep(self, seconds: float) -> None:
        """Wait, but not past the server's shutdown."""
        self._stop.wait(seconds)

    # -- routes --------------------------------------------------------------------------

    def add(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return path

    def add_page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8") -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        return self.add(path, lambda h: h.send_body(200, data, content_type))

    def add_article(self, path: str, headline: str, **kwargs: Any) -> str:
        return self.add_page(path, article_html(headline, **kwargs))

    def _homepage(self, handler: Handler) -> None:
        links = "\n".join(f'<li><a href="{p}">{html.escape(p)}</a></li>' for p in sorted(self.routes) if p != "/")
        page = f"<!doctype html><html><head><title>Bad news</title></head><body><h1>Bad news</h1><ul>{links}</ul>"
        handler.send_body(200, (page + "</body></html>").encode())


# -- fault routes ------------------------------------------------------------------------------


def hang(site: BadSite, seconds: float) -> Route:
    """Answer nothing for ``seconds`` (longer than the crawler's timeout), then hang up."""

    def route(handler: Handler) -> None:
        site.sleep(seconds)
        handler.close_connection = True

    return route


def reset(handler: Handler) -> None:
    handler.reset()


def status(code: int, **headers: str) -> Route:
    return lambda h: h.send_body(code, f"<h1>Error {code}</h1>".encode(), **headers)


def then_ok(first: Route, page: str, times: int = 1) -> Route:
    """``first`` for the first ``times`` requests, then ``page`` with 200."""
    count = {"n": 0}
    lock = threading.Lock()

    def route(handler: Handler) -> None:
        with lock:
            count["n"] += 1
            n = count["n"]
        if n <= times:
            first(handler)
        else:
            handler.send_body(200, page.encode("utf-8"))

    return route


def redirect(location: str, code: int = 302) -> Route:
    return lambda h: h.send_body(code, b"", Location=location)


def truncated(body: bytes, claimed: int) -> Route:
    """Claim ``Content-Length: claimed`` but send only ``body``, then close."""

    def route(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(claimed))
        handler.end_headers()
        handler.wfile.write(body)
        handler.wfile.flush()
        handler.close_connection = True
        with contextlib.suppress(OSError):
            handler.connection.shutdown(socket.SHUT_RDWR)

    return route


def streamed(chunk: bytes, count: int) -> Route:
    """A body of ``count`` chunks without a Content-Length (ends when the connection closes)."""

    def route(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.close_connection = True
        with contextlib.suppress(OSError):
            for _ in range(count):
                handler.wfile.write(chunk)

    return route


def jsonld_article(headline: str, data: Any, raw: str | None = None) -> str:
    """An article page carrying a JSON-LD block (``raw`` text instead of ``data`` for broken JSON)."""
    text = raw if raw is not None else json.dumps(data)
    return article_html(headline, head=f'<script type="application/ld+json">{text}</script>')
