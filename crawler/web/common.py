"""What every page shares: the templates, the read-only engine, error pages and query parameters."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader
from sqlalchemy import Engine
from starlette.requests import Request
from starlette.responses import HTMLResponse

HERE = Path(__file__).parent
PAGE_SIZE = 20


class PageError(Exception):
    """A request the pages cannot answer: shown as an error page with ``status`` and one line."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def _when(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    return "" if value is None else value.strftime(fmt) + (" UTC" if value.tzinfo else "")


def _share(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def make_templates() -> Environment:
    """Jinja2 with autoescaping on for every template (values from the archive are never markup)."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    env.filters["when"] = _when
    env.filters["share"] = _share
    return env


def engine_of(request: Request) -> Engine:
    return request.app.state.engine


def render(request: Request, template: str, context: Mapping[str, Any], status: int = 200) -> HTMLResponse:
    env: Environment = request.app.state.templates
    html = env.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status)


def page_link(request: Request, **changes: Any) -> str:
    """This page's path with its query parameters, some changed (``None`` removes one)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in changes]
    params += [(k, str(v)) for k, v in changes.items() if v is not None]
    return f"{request.url.path}?{urlencode(params)}" if params else request.url.path


def positive_int(request: Request, name: str, default: int, maximum: int = 1_000_000) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= maximum:
        raise PageError(400, f"{name}: {raw!r} is not a whole number from 1 to {maximum}")
    return int(raw)
