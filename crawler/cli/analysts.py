"""The analysts' commands: articles, export and sql (trend and stats: :mod:`crawler.cli.trends`).

Thin click layer over :mod:`storage.queries`, the query language (:mod:`storage.query`) and
:mod:`storage.export`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from crawler.cli.common import CliError, connect, db_option, handle_db_errors, moment, ready
from crawler.cli.output import format_option, render
from crawler.exitcodes import ExitCode

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from storage.queries import ArticleFilters

F = TypeVar("F", bound=Callable[..., Any])
TABLE_COLUMNS = ("article_id", "date_published", "source", "language", "authors", "headline", "url")


def filter_options(func: F) -> F:
    """The filters shared by ``articles`` and ``export``."""
    options = [
        click.option("--source", "sources", multiple=True, metavar="NAME", help="Only this source (repeatable)."),
        click.option("--since", metavar="DATE", help="Published on or after DATE (YYYY-MM-DD or ISO 8601, UTC)."),
        click.option("--until", metavar="DATE", help="Published on or before DATE (a date includes its whole day)."),
        click.option("--author", metavar="TEXT", help="Credited to an author whose name contains TEXT (any case)."),
        click.option("--language", "languages", multiple=True, metavar="CODE", help="In this language (repeatable)."),
        click.option(
            "--search",
            metavar="QUERY",
            help='Words in any form, "exact phrases", OR, NOT/-word, (groups), prefix*, '
            "headline:/author:/source:/lang: (see README).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def article_filters(engine: Engine, params: dict[str, Any]) -> ArticleFilters:
    """The filters of the options (--source, --since, --until, --author, --language, --search), checked."""
    from sqlalchemy import select

    from storage.queries import ArticleFilters
    from storage.query.parser import QuerySyntaxError, parse
    from storage.tables import sources as source_table

    since, before = moment("--since", params["since"]), moment("--until", params["until"], end=True)
    if since and before and since >= before:
        raise CliError("--since must be before --until", ExitCode.USAGE)
    search = params["search"]
    if search is not None:
        try:
            parse(search)
        except QuerySyntaxError as exc:
            raise CliError(f"--search: {exc}", ExitCode.USAGE) from None
    sources = tuple(params["sources"])
    if sources:
        with engine.connect() as connection:
            known = set(connection.scalars(select(source_table.c.name)))
        if unknown := [s for s in sources if s not in known]:
            listed = ", ".join(sorted(known)) or "none yet"
            raise CliError(f"unknown source {unknown[0]!r} (known: {listed})", ExitCode.USAGE)
    return ArticleFilters(
        sources=sources,
        since=since,
        before=before,
        author=params["author"],
        languages=tuple(params["languages"]),
        search=search,
    )


@click.command("articles")
@filter_options
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1_000_000), help="At most N articles.")
@click.option("--collapse-duplicates", is_flag=True, help="Show a syndicated story once, with its number of copies.")
@db_option
@format_option
@handle_db_errors
def articles_command(limit: int, collapse_duplicates: bool, db: str | None, fmt: str, **params: Any) -> None:
    """List articles, newest first (the article_index view)."""
    from storage.queries import INDEX_COLUMNS, list_articles

    _url, engine = ready(db)
    filters = article_filters(engine, params)
    query = list_articles(filters, engine.dialect.name, limit=limit, collapse_duplicates=collapse_duplicates)
    with engine.connect() as connection:
        rows = connection.execute(query).mappings().all()
    columns = TABLE_COLUMNS if fmt == "table" else INDEX_COLUMNS
    if collapse_duplicates:
        columns = (*columns, "copies")
    render(columns, ([row[c] for c in columns] for row in rows), fmt)
    engine.dispose()


@click.command("export")
@filter_options
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), required=True, help="File format.")
@click.option(
    "--out",
    required=True,
    metavar="FILE",
    help="The file to write ('-' for standard output); a FIFO or device is written in place, a file replaced.",
)
@click.option("--limit", type=click.IntRange(min=1), help="At most N articles [default: all].")
@click.option("--collapse-duplicates", is_flag=True, help="A syndicated story once, with its number of copies.")
@db_option
@handle_db_errors
def export_command(
    fmt: str, out: str, limit: int | None, collapse_duplicates: bool, db: str | None, **params: Any
) -> None:
    """Export articles (the article_index columns, description and body), newest first, streaming."""
    from storage.export import stream_chunks, write_export
    from storage.outfile import STDOUT, OutputError, output_stream
    from storage.queries import EXPORT_COLUMNS, count_articles, export_articles

    _url, engine = ready(db)
    filters = article_filters(engine, params)
    dialect = engine.dialect.name
    query = export_articles(filters, dialect, collapse_duplicates=collapse_duplicates)
    columns = (*EXPORT_COLUMNS, "copies") if collapse_duplicates else EXPORT_COLUMNS
    query = query.limit(limit) if limit else query
    try:
        with (
            output_stream(out, sys.stdout.buffer) as stream,
            engine.connect() as connection,
            _progress(connection, count_articles(filters, dialect), limit) as done,
        ):
            written = write_export(fmt, stream, columns, stream_chunks(connection, query), done)
    except OutputError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from None
    except OSError as exc:  # a pipe closed by its reader, a device that refuses the write
        raise CliError(f"cannot write {out}: {exc.strerror or exc}", ExitCode.USAGE) from None
    finally:
        engine.dispose()
    click.echo(f"Exported {written} article(s) to {'standard output' if out == STDOUT else out}", err=out == STDOUT)


class _progress:
    """A rich progress bar on stderr when it is a terminal; a no-op callback otherwise."""

    def __init__(self, connection: Any, count_query: Any, limit: int | None) -> None:
        self.bar: Any = None
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            total = connection.scalar(count_query)
            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.task = self.bar.add_task("Exporting", total=min(total, limit) if limit else total)

    def __enter__(self) -> Callable[[int], None]:
        if self.bar is None:
            return lambda _rows: None
        self.bar.start()
        return lambda rows: self.bar.advance(self.task, rows)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


@click.command("sql")
@click.argument("statement")
@click.option(
    "--timeout",
    "timeout_s",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0.001, max=86_400),
    metavar="SECONDS",
    help="Stop the statement after this long (exit 2).",
)
@db_option
@format_option
def sql_command(statement: str, timeout_s: float, db: str | None, fmt: str) -> None:
    """Run one SQL statement read-only and print its rows.

    Writes, ATTACH, VACUUM and setting pragmas are refused; on PostgreSQL the role must be
    one that cannot reach the server's files or programs (see `db grant-readonly`).
    """
    from storage.readonly import QueryError, QueryInterrupted, ReadOnlyRefusal, readonly_query

    url, engine = connect(db)
    engine.dispose()
    try:
        columns, rows = readonly_query(url, statement, timeout_s)
        if not columns:
            click.echo("The statement returned no rows.")
            return
        render(columns, rows, fmt)
    except QueryInterrupted as exc:
        raise CliError(str(exc), ExitCode.INTERRUPTED) from None
    except ReadOnlyRefusal as exc:
        raise CliError(str(exc), ExitCode.USAGE) from None
    except QueryError as exc:
        raise CliError(f"SQL error: {exc}", ExitCode.USAGE) from None
