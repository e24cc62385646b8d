"""``mediamon watch add|list|remove|run``: saved queries whose new matches are reported once each.

Thin click layer over :mod:`storage.watches` (claims, cursor, delivered marks) and
:mod:`crawler.notify` (webhook, mail). ``run`` prints each reported match as a JSON line on
stdout; each run is a ``crawl_runs`` row of source ``watches`` whose failed deliveries are
``watch_delivery_failed`` events. The run itself is :func:`crawler.watchrun.run_watches`
(``mediamon crawl --watches`` calls it too).
"""

from __future__ import annotations

import sys

import click

from crawler.cli.common import CliError, db_option, handle_db_errors, ready
from crawler.cli.output import format_option, render
from crawler.exitcodes import ExitCode


@click.group("watch")
def watch_group() -> None:
    """Saved queries that report their new matching articles (stdout, webhook, mail)."""


@watch_group.command("add")
@click.argument("name")
@click.argument("query")
@click.option("--source", "sources", multiple=True, metavar="NAME", help="Only articles of this source (repeatable).")
@click.option("--notify", metavar="URL|mailto:ADDRESS", help="Also POST the matches to URL, or mail them.")
@click.option("--backfill", is_flag=True, help="Report the matches already stored too (default: new ones only).")
@db_option
@handle_db_errors
def watch_add(
    name: str, query: str, sources: tuple[str, ...], notify: str | None, backfill: bool, db: str | None
) -> None:
    """Add a watch NAME of QUERY (the query language of `articles --search`)."""
    from sqlalchemy import select

    from crawler.notify import check_target
    from storage.models import Source
    from storage.query.parser import QuerySyntaxError, parse
    from storage.watches import WatchError, add_watch

    if not name.strip() or len(name) > 100 or any(not c.isprintable() for c in name):
        raise CliError("a watch name is 1-100 printable characters", ExitCode.USAGE)
    try:
        parse(query)
        if notify is not None:
            check_target(notify)
    except QuerySyntaxError as exc:
        raise CliError(f"query: {exc}", ExitCode.USAGE) from None
    except ValueError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from None
    _url, engine = ready(db)
    try:
        with engine.begin() as connection:
            known = set(connection.scalars(select(Source.name)))
            if unknown := [s for s in sources if s not in known]:
                listed = ", ".join(sorted(known)) or "none yet"
                raise CliError(f"unknown source {unknown[0]!r} (known: {listed})", ExitCode.USAGE)
            add_watch(connection, name, query, sources, notify, backfill=backfill)
    except WatchError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from None
    finally:
        engine.dispose()
    click.echo(f"Watch {name!r} added: `mediamon watch run` reports its {'matches' if backfill else 'new matches'}.")


@watch_group.command("list")
@db_option
@format_option
@handle_db_errors
def watch_list(db: str | None, fmt: str) -> None:
    """The watches, their targets (passwords masked) and what they have reported."""
    from crawler.notify import masked_target
    from storage.watches import list_watches

    _url, engine = ready(db)
    with engine.connect() as connection:
        rows = list_watches(connection)
    engine.dispose()
    columns = ("name", "query", "sources", "notify", "last_article_id", "last_run_at", "delivered", "pending")
    cells = ([masked_target(w["notify"]) if c == "notify" else w[c] for c in columns] for w in rows)
    render(columns, cells, fmt, title="Watches")


@watch_group.command("remove")
@click.argument("name")
@db_option
@handle_db_errors
def watch_remove(name: str, db: str | None) -> None:
    """Remove the watch NAME and what it has reported."""
    from storage.watches import WatchError, remove_watch

    _url, engine = ready(db)
    try:
        with engine.begin() as connection:
            remove_watch(connection, name)
    except WatchError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from None
    finally:
        engine.dispose()
    click.echo(f"Watch {name!r} removed.")


@watch_group.command("run")
@click.argument("names", nargs=-1, metavar="[NAME…]")
@db_option
@handle_db_errors
def watch_run(names: tuple[str, ...], db: str | None) -> None:
    """Report each watch's new matches as JSON lines (and to its webhook or address). Exit 1 if one failed."""
    from crawler.watchrun import run_watches
    from storage.watches import WatchError

    _url, engine = ready(db)
    try:
        code = run_watches(engine, names)
    except WatchError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from None
    finally:
        engine.dispose()
    sys.exit(code)
