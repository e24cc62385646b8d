"""The web application: routes of every page group, security headers, error pages, the read-only engine."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from crawler.web import articles, auth, ops, search, trends, watches
from crawler.web.common import HERE, PageError, make_templates, render

log = logging.getLogger("mediamon.web")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),  # searches stay here when an analyst follows a link out
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """ASGI middleware adding the Content-Security-Policy and its companions to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _error(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", {"status": status, "message": message}, status=status)


async def page_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageError)
    return _error(request, exc.status, exc.message)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = {404: "no such page", 405: "this page is only read (method not allowed)"}.get(exc.status_code, exc.detail)
    return _error(request, exc.status_code, message)


async def database_error(request: Request, exc: Exception) -> Response:
    detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    log.error("database error on %s: %s", request.url.path, detail[0] if detail else type(exc).__name__)
    return _error(request, 503, f"database unavailable: {detail[0] if detail else type(exc).__name__}")


async def server_error(request: Request, exc: Exception) -> Response:
    log.error("error on %s", request.url.path, exc_info=exc)
    response = _error(request, 500, "an internal error occurred; it has been logged")
    # Starlette answers server errors outside the middleware stack: the headers are set here.
    for name, value in SECURITY_HEADERS:
        response.headers[name.decode()] = value.decode()
    return response


def create_app(engine: Engine, *, token: str | None = None, hosts: Sequence[str] = ("*",)) -> Starlette:
    """The application over a read-only ``engine`` (:func:`crawler.web.db.read_only_engine`).

    ``hosts``: the Host headers answered; served on 127.0.0.1 without a token, only local names, so
    that a web page that points its own name at 127.0.0.1 (DNS rebinding) cannot read the archive.
    """
    app = Starlette(
        routes=[
            *search.routes,
            *articles.routes,
            *trends.routes,
            *watches.routes,
            *ops.routes,
            *auth.routes,
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ],
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts)),
            Middleware(auth.TokenGuard, token=token),
        ],
        exception_handlers={
            PageError: page_error,
            HTTPException: http_error,
            SQLAlchemyError: database_error,
            Exception: server_error,
        },
    )
    app.state.engine = engine
    app.state.token = token
    app.state.templates = make_templates()
    return app
