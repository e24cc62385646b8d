"""An engine that has been shown to connect, and a schema that is current, or one clear error.

Shared by the command line and the Python APIs (:mod:`crawler.crawl`): their failures are
:class:`crawler.exitcodes.ExitError` with the documented exit code, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from crawler.exitcodes import ExitCode, ExitError

if TYPE_CHECKING:
    from sqlalchemy import Engine


def connect(db: str | None, factory: Callable[[str], Engine] | None = None) -> tuple[str, Engine]:
    """The URL (``db``, else the environment's, else ./mediamon.db) and an engine made by ``factory`` that connects."""
    from sqlalchemy.exc import SQLAlchemyError

    from storage.db import database_url, make_engine, masked_url

    url = database_url(db)
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
