"""The ops pages: sources (health, last success, last run), runs (filtered) and one run (stats, events)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from crawler.web.common import PageError, engine_of, positive_int, render
from storage.health import SourceHealth, source_health
from storage.ledger import RUN_STATUSES
from storage.models import CrawlRun
from storage.queries import recent_runs, run_events, run_events_by_kind

RUNS_PER_PAGE = 100
EVENTS_SHOWN = 200


def verdict(health: SourceHealth) -> str:
    """``failing`` (the last run failed), ``warning`` (health warnings), ``ok``, or ``no runs``."""
    if health.last_status == "failed":
        return "failing"
    if health.warnings:
        return "warning"
    return "ok" if health.last_run_id is not None else "no runs"


def _sources(engine: Engine) -> list[dict[str, Any]]:
    with Session(engine) as session:
        report = source_health(session, datetime.now(UTC))
    return [{"health": health, "verdict": verdict(health)} for health in report]


async def sources_page(request: Request) -> Response:
    rows = await run_in_threadpool(_sources, engine_of(request))
    return render(request, "sources.html", {"rows": rows})


def _runs(engine: Engine, source: str | None, status: str | None, limit: int) -> tuple[list[CrawlRun], list[str]]:
    with Session(engine) as session:
        runs = list(session.scalars(recent_runs(source=source, status=status, limit=limit)))
        names = list(session.scalars(select(CrawlRun.source).distinct().order_by(CrawlRun.source)))
    return runs, names


async def runs_page(request: Request) -> Response:
    source = request.query_params.get("source") or None
    status = request.query_params.get("status") or None
    if status is not None and status not in RUN_STATUSES:
        raise PageError(400, f"status: {status!r} is not one of {', '.join(RUN_STATUSES)}")
    limit = positive_int(request, "limit", RUNS_PER_PAGE, maximum=10_000)
    runs, names = await run_in_threadpool(_runs, engine_of(request), source, status, limit)
    context = {"runs": runs, "names": names, "statuses": RUN_STATUSES, "source": source, "status": status}
    return render(request, "runs.html", context)


def _run(engine: Engine, run_id: int) -> dict[str, Any] | None:
    with Session(engine) as session:
        run = session.get(CrawlRun, run_id)
        if run is None:
            return None
        groups = session.execute(run_events_by_kind(run_id)).all()
        events = list(session.scalars(run_events(run_id, limit=EVENTS_SHOWN)))
    by_kind: dict[str, list[Any]] = {}
    for event in events:
        by_kind.setdefault(event.kind, []).append(event)
    stats = sorted((str(k), v) for k, v in (run.stats or {}).items())
    return {"run": run, "groups": groups, "by_kind": by_kind, "stats": stats, "shown": len(events)}


async def run_page(request: Request) -> Response:
    run_id = request.path_params["run_id"]
    found = await run_in_threadpool(_run, engine_of(request), run_id)
    if found is None:
        raise PageError(404, f"no run with id {run_id}")
    return render(request, "run.html", found)


routes = [
    Route("/sources", sources_page, name="sources"),
    Route("/runs", runs_page, name="runs"),
    Route("/runs/{run_id:int}", run_page, name="run"),
]
