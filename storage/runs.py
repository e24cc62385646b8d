"""Reading the crawl ledger (``mediamon runs``, health, metrics): Core statements, no ORM.

The rows of :func:`list_runs` have the attributes of :class:`storage.models.CrawlRun`, so
:func:`run_record` and :func:`run_duration` take either. Writing the ledger: :mod:`storage.ledger`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, Select, select

from storage.tables import crawl_runs

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: ``stopped``: ended at a bound it was given (``--max-articles``, Scrapy's CLOSESPIDER_* limits), not
#: a failure, but not a complete run either (the next run's discovery does not start from it).
#: ``failed``: fetched no page, or every article request failed, or the process died (the reason says which).
RUN_STATUSES = ("running", "finished", "stopped", "failed", "interrupted")
#: The start of the finish reason of a run whose discovery found no article URL (``mediamon health`` counts them).
NO_ARTICLE_URL = "discovery found no article URL"
#: Every column of a run, in the order ``mediamon runs --format csv|jsonl`` writes them.
RUN_COLUMNS = (
    "id",
    "source",
    "status",
    "finish_reason",
    "started_at",
    "finished_at",
    "duration_s",
    "pages_fetched",
    "articles_new",
    "articles_updated",
    "articles_known",
    "articles_unchanged",
    "articles_dropped",
    "errors",
    "crawl_id",
    "host",
    "pid",
    "log_path",
)


def run_duration(run: Any) -> float | None:
    """Seconds from the run's start to its end; ``None`` while it runs."""
    if run.finished_at is None or run.started_at is None:
        return None
    return round((run.finished_at - run.started_at).total_seconds(), 3)


def run_record(run: Any) -> dict[str, Any]:
    """Every column of a run (:data:`RUN_COLUMNS`), with its duration."""
    values = {name: getattr(run, name, None) for name in RUN_COLUMNS if name != "duration_s"}
    return {name: run_duration(run) if name == "duration_s" else values[name] for name in RUN_COLUMNS}


def list_runs(
    *, source: str | None = None, status: str | None = None, since: datetime | None = None, limit: int = 20
) -> Select[Any]:
    """Rows of runs, newest first: of one source, of one status, started at or after ``since``."""
    run = crawl_runs.c
    query = select(crawl_runs).order_by(run.started_at.desc(), run.id.desc()).limit(limit)
    if source:
        query = query.where(run.source == source)
    if status:
        query = query.where(run.status == status)
    if since is not None:
        query = query.where(run.started_at >= since)
    return query


def run_sources(connection: Connection | Session) -> list[str]:
    """The sources that have runs."""
    return sorted(connection.scalars(select(crawl_runs.c.source).distinct()))


def find_run(connection: Connection, run_id: int) -> Row[Any] | None:
    """The row of a run (the attributes of :class:`storage.models.CrawlRun`), ``None`` when there is none."""
    return connection.execute(select(crawl_runs).where(crawl_runs.c.id == run_id)).first()
