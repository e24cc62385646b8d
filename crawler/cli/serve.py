"""``mediamon serve``: the web pages (crawler/web) under uvicorn, over a read-only connection."""

from __future__ import annotations

import ipaddress
import os
import socket

import click

from crawler.cli.common import CliError, connect, db_option, require_schema
from crawler.exitcodes import ExitCode

TOKEN_VARIABLE = "MEDIAMON_WEB_TOKEN"
MIN_TOKEN_LENGTH = 16
#: The Host headers answered without a token (see crawler.web.app.create_app).
LOCAL_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command("serve")
@db_option
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind (others need MEDIAMON_WEB_TOKEN)."
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
def serve_command(db: str | None, host: str, port: int) -> None:
    """Serve the search, article, export and ops pages (read-only) on http://HOST:PORT/."""
    import uvicorn

    from crawler.web.app import create_app
    from crawler.web.db import read_only_engine
    from storage.db import masked_url

    token = os.environ.get(TOKEN_VARIABLE) or None
    if not is_loopback(host):
        if token is None:
            raise CliError(
                f"--host {host} is reachable from other machines: set {TOKEN_VARIABLE} first", ExitCode.USAGE
            )
        if len(token) < MIN_TOKEN_LENGTH:
            raise CliError(f"{TOKEN_VARIABLE} must be at least {MIN_TOKEN_LENGTH} characters", ExitCode.USAGE)
    url, engine = connect(db, read_only_engine)
    require_schema(engine)
    try:
        listener = socket.create_server((host.strip("[]"), port), family=_family(host))
    except (OSError, ValueError) as exc:
        engine.dispose()
        raise CliError(
            f"cannot listen on {host}:{port}: {getattr(exc, 'strerror', None) or exc}", ExitCode.USAGE
        ) from None
    bound = listener.getsockname()[1]
    click.echo(f"Serving {masked_url(url)} read-only on http://{host}:{bound}/ (Ctrl-C stops)", err=True)
    hosts = LOCAL_NAMES if is_loopback(host) and token is None else ("*",)
    config = uvicorn.Config(create_app(engine, token=token, hosts=hosts), log_level="info", server_header=False)
    try:
        uvicorn.Server(config).run(sockets=[listener])
    finally:
        listener.close()
        engine.dispose()


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET
