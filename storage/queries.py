"""Read-side queries: functions that return ``Select`` objects the caller executes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, func, select

from storage.models import CrawlEvent, CrawlRun


def latest_running_run(source: str) -> Select[tuple[CrawlRun]]:
    """The newest run of a source still marked ``running``."""
    return (
        select(CrawlRun)
        .where(CrawlRun.source == source, CrawlRun.status == "running")
        .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc())
        .limit(1)
    )


def recent_runs(*, source: str | None = None, status: str | None = None, limit: int = 20) -> Select[tuple[CrawlRun]]:
    """Runs, newest first, optionally of one source and one status."""
    query = select(CrawlRun).order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc()).limit(limit)
    if source:
        query = query.where(CrawlRun.source == source)
    if status:
        query = query.where(CrawlRun.status == status)
    return query


def run_events_by_kind(run_id: int) -> Select[tuple[str, str, int]]:
    """Event counts of a run by kind and level, most frequent first."""
    return (
        select(CrawlEvent.kind, CrawlEvent.level, func.count().label("count"))
        .where(CrawlEvent.run_id == run_id)
        .group_by(CrawlEvent.kind, CrawlEvent.level)
        .order_by(func.count().desc(), CrawlEvent.kind)
    )


def run_events(run_id: int, *, kind: str | None = None, limit: int = 50) -> Select[tuple[CrawlEvent]]:
    query = select(CrawlEvent).where(CrawlEvent.run_id == run_id).order_by(CrawlEvent.id).limit(limit)
    if kind:
        query = query.where(CrawlEvent.kind == kind)
    return query


def last_successful_start(source: str) -> Select[tuple[datetime | None]]:
    """When the newest ``finished`` run of a source started."""
    return select(func.max(CrawlRun.started_at)).where(CrawlRun.source == source, CrawlRun.status == "finished")
