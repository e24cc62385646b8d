"""An engine that has been shown to connect, and a schema that is current, or one clear error.

Shared by the command line and the Python APIs (:mod:`crawler.crawl`): their failures are
:class:`crawler.exitcodes.ExitError` with the documented exit code, never a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from crawler.exitcodes import ExitCode, ExitError

if TYPE_CHECKING:
    from sqlalchemy import Engine


def missing_sqlite_file(url: str) -> str | None:
    """The path of the SQLite file ``url`` names when that file does not exist (connecting would create it)."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - connect() reports a malformed URL
        return None
    path = parsed.database
    if parsed.get_backend_name() != "sqlite" or not path or path == ":memory:" or path.startswith("file:"):
        return None
    return None if os.path.exists(path) else path


def connect(
    db: str | None, factory: Callable[[str], Engine] | None = None, *, create: bool = True
) -> tuple[str, Engine]:
    """The URL (``db``, else the environment's, else ./mediamon.db) and an engine made by ``factory`` that connects.

    ``create=False``: a SQLite file that does not exist is an error, not a new empty file (a reading
    command run in the wrong folder must not leave a stray ``mediamon.db`` behind).
    """
    from sqlalchemy.exc import SQLAlchemyError

    from storage.db import database_url, make_engine, masked_url

    url = database_url(db)
    missing = None if create else missing_sqlite_file(url)
    if missing is not None:
        raise ExitError(
            f"no SQLite database at {missing}: `mediamon crawl` or `mediamon db upgrade` creates one;"
            " name another with --db or MEDIAMON_DATABASE_URL",
            ExitCode.USAGE,
        )
    try:
        engine = (factory or make_engine)(url)
        with engine.connect():
            pass
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        detail = reason[0] if reason else type(exc).__name__
        raise ExitError(
            f"cannot connect to the database {masked_url(url)}: {detail}", ExitCode.DATABASE_UNAVAILABLE
        ) from None
    except Exception as exc:  # noqa: BLE001 - a malformed URL or a missing driver
        raise ExitError(f"cannot use the database {masked_url(url)}: {exc}", ExitCode.USAGE) from None
    return url, engine


def require_schema(engine: Engine) -> None:
    """Raise :class:`ExitError` (exit 4) when the database's schema is not the newest."""
    from storage.schema import SchemaOutOfDate, require_current

    try:
        require_current(engine)
    except SchemaOutOfDate as exc:
        raise ExitError(str(exc), ExitCode.SCHEMA_OUT_OF_DATE) from None
