"""The crawl ledger: one ``crawl_runs`` row per run, ``crawl_events`` for its warnings and errors.

Writing it (the crawl's side) is here; reading it (``mediamon runs``, health, metrics) is
:mod:`storage.runs`, which needs no ORM.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, insert, select, update
from sqlalchemy.orm import Session

from storage.models import CrawlEvent, CrawlRun
from storage.runs import NO_ARTICLE_URL, RUN_COLUMNS, RUN_STATUSES, list_runs, run_duration, run_record, run_sources

__all__ = [
    "NO_ARTICLE_URL",
    "RUN_COLUMNS",
    "RUN_STATUSES",
    "Event",
    "add_events",
    "close_dead_runs_of_host",
    "close_stale_runs",
    "finish_run",
    "list_runs",
    "run_duration",
    "run_record",
    "run_sources",
    "start_run",
]


@dataclass(frozen=True, slots=True)
class Event:
    """One warning or error of a run, before it is written."""

    kind: str
    message: str
    level: str = "warning"
    url: str | None = None
    at: datetime = field(default_factory=lambda: datetime.now(UTC))


def start_run(session: Session, *, source: str, host: str, pid: int, log_path: str | None) -> int:
    """Insert a ``running`` row and return its id."""
    run = CrawlRun(source=source, host=host, pid=pid, log_path=log_path, status="running", stats={})
    session.add(run)
    session.flush()
    return run.id


def finish_run(
    session: Session,
    run_id: int,
    *,
    status: str,
    finish_reason: str,
    counts: Mapping[str, int],
    stats: Mapping[str, Any],
) -> None:
    """Close a run with its status, its counters and Scrapy's stats."""
    if status not in RUN_STATUSES:
        raise ValueError(f"unknown run status {status!r}")
    session.execute(
        update(CrawlRun)
        .where(CrawlRun.id == run_id)
        .values(status=status, finish_reason=finish_reason, finished_at=datetime.now(UTC), stats=dict(stats), **counts)
    )


def add_events(session: Session, run_id: int, events: Iterable[Event]) -> int:
    rows = [
        {"run_id": run_id, "at": e.at, "level": e.level, "kind": e.kind, "url": e.url, "message": e.message[:4000]}
        for e in events
    ]
    if rows:
        session.execute(insert(CrawlEvent), rows)
    return len(rows)


def close_stale_runs(session: Session, source: str) -> int:
    """Mark runs of ``source`` still ``running`` as failed.

    Call it only while holding the source's lock: then no live process can own
    such a run, so its process died (SIGKILL, power loss) before closing it.
    """
    # An UPDATE's result is a CursorResult (it has rowcount); Session.execute is typed with the base Result.
    result = cast(
        CursorResult[Any],
        session.execute(
            update(CrawlRun)
            .where(CrawlRun.source == source, CrawlRun.status == "running")
            .values(status="failed", finish_reason="process died before the run ended", finished_at=datetime.now(UTC))
        ),
    )
    return result.rowcount or 0


def close_dead_runs_of_host(session: Session, source: str, host: str, is_alive: Callable[[int], bool]) -> int:
    """Mark ``running`` runs of ``source`` started on ``host`` by a process that is gone as failed.

    For runs that hold no lock (WARC imports): a process of this host that no longer exists
    cannot be writing its run, so a run it left ``running`` died with it (SIGKILL, power loss).
    A pid taken again by another process leaves the run as it is (never closes a live run).
    """
    rows = session.execute(
        select(CrawlRun.id, CrawlRun.pid).where(
            CrawlRun.source == source, CrawlRun.status == "running", CrawlRun.host == host
        )
    ).all()
    dead = [run_id for run_id, pid in rows if pid is None or not is_alive(pid)]
    if dead:
        session.execute(
            update(CrawlRun)
            .where(CrawlRun.id.in_(dead), CrawlRun.status == "running")
            .values(status="failed", finish_reason="process died before the run ended", finished_at=datetime.now(UTC))
        )
    return len(dead)
