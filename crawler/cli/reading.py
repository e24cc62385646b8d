"""``mediamon authors`` and ``mediamon show``: the people of the archive and one whole article.

Thin click layer over :mod:`storage.reading`.
"""

from __future__ import annotations

import json
from typing import Any

import click

from crawler.cli.common import CliError, db_option, handle_db_errors, ready
from crawler.cli.output import format_option, render
from crawler.exitcodes import ExitCode
from crawler.output import printable


@click.command("authors")
@click.option("--name", metavar="TEXT", help="Only authors whose name contains TEXT (any case).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 1_000_000), help="At most N authors.")
@db_option
@format_option
@handle_db_errors
def authors_command(name: str | None, limit: int, db: str | None, fmt: str) -> None:
    """Authors with their kind, article count, sources, first and last seen; most articles first."""
    from storage.reading import AUTHOR_COLUMNS, authors_summary

    _url, engine = ready(db)
    with engine.connect() as connection:
        rows = connection.execute(authors_summary(engine.dialect.name, name=name, limit=limit)).all()
    engine.dispose()
    render(AUTHOR_COLUMNS, rows, fmt)


def _say(line: str) -> None:
    """Print a line of archive text with its control characters made harmless (a crawled page wrote it)."""
    click.echo(printable(line))


def _text(value: Any) -> str:
    return "" if value is None else value.isoformat() if hasattr(value, "isoformat") else str(value)


@click.command("show")
@click.argument("article")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
@handle_db_errors
def show_command(article: str, fmt: str, db: str | None) -> None:
    """Print one article (by id or URL): metadata, body, language editions, syndicated copies, revisions."""
    from storage.reading import find_article

    _url, engine = ready(db)
    with engine.connect() as connection:
        view = find_article(connection, article.strip())
    engine.dispose()
    if view is None:
        raise CliError(f"no article with the id or URL {article!r}", ExitCode.USAGE)
    if fmt == "json":
        document = {**view.fields, "body": view.body, "editions": view.editions, "copies": view.copies}
        click.echo(json.dumps({**document, "revisions": view.revisions}, ensure_ascii=False, default=_text))
        return
    width = max(map(len, view.fields))
    for key, value in view.fields.items():
        if value not in (None, ""):
            _say(f"{key:<{width}}  {_text(value)}")
    _say("")
    _say(view.body or "(no body)")
    for title, rows in (("Language editions", view.editions), ("Syndicated copies", view.copies)):
        if rows:
            _say(f"\n{title}:")
            for row in rows:
                _say(f"  {row['id']}  [{row['language'] or '?'}]  {row['headline'] or ''}  {row['url']}")
    if view.revisions:
        click.echo("\nRevisions (earlier versions, oldest first):")
        for revision in view.revisions:
            _say(f"  replaced {_text(revision['replaced_at'])}  {revision['headline'] or ''}")
