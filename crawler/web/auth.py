"""The token that guards the pages when they are served beyond this machine (``MEDIAMON_WEB_TOKEN``).

A request passes with ``Authorization: Bearer TOKEN`` or with the cookie the login form sets
(an HMAC of the token, HttpOnly, SameSite=Strict), both compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from crawler.web.common import render

COOKIE = "mediamon_session"
OPEN_PATHS = ("/login", "/static/")


def session_value(token: str) -> str:
    """What the cookie holds: derived from the token, so the token itself is never stored in the browser."""
    return hmac.new(token.encode(), b"mediamon-web-session", hashlib.sha256).hexdigest()


def authorized(request: Request, token: str) -> bool:
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode()):
        return True
    cookie = request.cookies.get(COOKIE, "")
    return hmac.compare_digest(cookie.encode(), session_value(token).encode())


def _local_target(target: str | None) -> str:
    """Where to go after logging in: a path of this site only (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


class TokenGuard:
    """ASGI middleware: without the token, pages redirect to the login form and other requests get 401."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app, self.token = app, token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.token:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if request.url.path.startswith(OPEN_PATHS) or authorized(request, self.token):
            await self.app(scope, receive, send)
            return
        response: Response
        if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            response = RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
        else:
            response = Response(
                "a token is required (Authorization: Bearer …)\n",
                status_code=401,
                headers={"WWW-Authenticate": "Bearer"},
                media_type="text/plain",
            )
        await response(scope, receive, send)


async def login(request: Request) -> Response:
    token: str | None = request.app.state.token
    target = _local_target(request.query_params.get("next"))
    if request.method == "GET":
        return render(request, "login.html", {"next": target, "failed": False, "needed": bool(token)})
    form = await request.form()
    given = str(form.get("token", ""))
    target = _local_target(str(form.get("next", "/")))
    if not token or not hmac.compare_digest(given.encode(), token.encode()):
        return render(request, "login.html", {"next": target, "failed": True, "needed": bool(token)}, status=401)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        COOKIE,
        session_value(token),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        max_age=30 * 24 * 3600,
    )
    return response


routes = [Route("/login", login, methods=["GET", "POST"], name="login")]
