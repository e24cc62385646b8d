"""What the command groups share: the errors, the ``--db`` and ``--sources`` options, the connection, dates.

User mistakes and unavailable services end with one line and a documented exit code (see
:mod:`crawler.exitcodes`), never a traceback. Nothing heavy is imported here: every command
module imports this one, and ``mediamon --help`` imports every command module.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, cast

import click

from crawler import database
from crawler.exitcodes import ExitCode, ExitError

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from crawler.sources import Source

F = TypeVar("F", bound=Callable[..., Any])
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


class CliError(click.ClickException):
    """A one-line error with a documented exit code."""

    def __init__(self, message: str, exit_code: ExitCode = ExitCode.USAGE) -> None:
        super().__init__(message)
        self.exit_code = int(exit_code)  # type: ignore[misc]  # click declares it a ClassVar; read per instance


@dataclass
class App:
    """The root command's options, shared by its subcommands (``ctx.obj``)."""

    sources_file: str | None = None
    #: ``mediamon --db URL COMMAND``: the database of every subcommand that does not give its own ``--db``.
    db: str | None = None

    def sources(self) -> dict[str, Source]:
        from crawler.sources import SourcesError, load_sources

        try:
            return load_sources(self.sources_file)
        except SourcesError as exc:
            raise CliError("\n".join(exc.problems), ExitCode.USAGE) from None

    def select(self, names: Sequence[str]) -> list[Source]:
        from crawler.sources import SourcesError, select_sources

        try:
            return select_sources(self.sources(), names)
        except SourcesError as exc:
            raise CliError("; ".join(exc.problems), ExitCode.USAGE) from None


def _app(ctx: click.Context) -> App:
    app = ctx.find_object(App)
    if app is None:  # a subcommand invoked on its own (tests may): the root's defaults
        app = ctx.find_root().ensure_object(App)
    return app


def _root_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    return value if value is not None else _app(ctx).db


#: ``--db`` of the root command and of every subcommand that reads or writes the archive.
DB_HELP = "Database URL or SQLite file [env MEDIAMON_DATABASE_URL; default ./mediamon.db]."


def db_option(func: F) -> F:
    """``--db URL``: the database (a SQLite path or an SQLAlchemy URL); given before the subcommand, it counts too."""
    return click.option("--db", "db", metavar="URL", callback=_root_db, help=DB_HELP)(func)


def _set_sources_file(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        _app(ctx).sources_file = value


SOURCES_HELP = "Sources file [env MEDIAMON_SOURCES_FILE; default: the bundled sources.toml]."


def sources_option(func: F) -> F:
    """``--sources FILE`` after the subcommand: the same as before it (``mediamon --sources FILE COMMAND``)."""
    return click.option(
        "--sources", metavar="FILE", expose_value=False, is_eager=True, callback=_set_sources_file, help=SOURCES_HELP
    )(func)


def connect(
    db: str | None, factory: Callable[[str], Engine] | None = None, *, create: bool = False
) -> tuple[str, Engine]:
    """The URL and an engine (made by ``factory``) that has been shown to connect; a clear error otherwise.

    Only the commands that build an archive (crawl, demo, db upgrade) pass ``create=True``: any other
    named a SQLite file that is not there by mistake.
    """
    try:
        return database.connect(db, factory, create=create)
    except ExitError as exc:
        raise CliError(exc.message, exc.exit_code) from None


def require_schema(engine: Engine) -> None:
    try:
        database.require_schema(engine)
    except ExitError as exc:
        raise CliError(exc.message, exc.exit_code) from None


def ready(db: str | None) -> tuple[str, Engine]:
    """Connected, and the schema is the newest."""
    url, engine = connect(db)
    require_schema(engine)
    return url, engine


def handle_db_errors(func: F) -> F:
    """Turn a database that goes away mid-command into one line and exit code 3."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except Exception as exc:
            from sqlalchemy.exc import SQLAlchemyError

            if not isinstance(exc, SQLAlchemyError):
                raise
            detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
            raise CliError(
                f"database error: {detail[0] if detail else type(exc).__name__}", ExitCode.DATABASE_UNAVAILABLE
            ) from None

    return cast(F, wrapper)  # functools.wraps keeps the signature; mypy sees the wrapper's own


def parse_when(value: str | None, option: str = "--since") -> datetime | None:
    """A moment from YYYY-MM-DD or ISO 8601 (UTC when it has no offset); a clear error otherwise."""
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise CliError(f"{option}: {value!r} is not a date (YYYY-MM-DD or ISO 8601)", ExitCode.USAGE) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def moment(option: str, value: str | None, *, end: bool = False) -> datetime | None:
    """A UTC moment from YYYY-MM-DD or ISO 8601; an ``end`` bound is exclusive (a date covers its whole day)."""
    when = parse_when(value, option)
    if when is None or value is None:
        return None
    if end:
        when += timedelta(days=1) if _DATE_ONLY.fullmatch(value.strip()) else timedelta(microseconds=1)
    return when.astimezone(UTC)


#: Set when a crawl (or a crawl's workers) has ended and written its output; see :func:`crawler.cli.main.run`.
crawl_ended = False


def end_crawl(code: int) -> NoReturn:
    """Exit after a crawl; :func:`crawler.cli.main.run` then skips the interpreter's teardown."""
    global crawl_ended
    crawl_ended = True
    sys.exit(code)
