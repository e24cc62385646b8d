"""The ledger as Prometheus metrics, per source, through the reference client (``prometheus_client``).

``mediamon metrics`` prints them as OpenMetrics text; ``--textfile PATH`` (and
``mediamon crawl --metrics-textfile PATH``) writes them atomically for node_exporter's
textfile collector. The names and the alerting rules built on them: docs/ops.md.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from prometheus_client import CollectorRegistry, Gauge, write_to_textfile
from prometheus_client.openmetrics.exposition import generate_latest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.health import source_health, usual_new_article_interval
from storage.ledger import RUN_STATUSES, run_duration
from storage.models import Article, CrawlEvent, CrawlRun, Source

_FIELDS = ("date", "author", "body")


def _timestamp(when: datetime | None) -> float | None:
    return when.timestamp() if when is not None else None


def ledger_registry(session: Session, now: datetime) -> CollectorRegistry:
    """A registry holding every source's metrics as the ledger has them now."""
    registry = CollectorRegistry(auto_describe=True)

    def gauge(name: str, doc: str, *labels: str) -> Gauge:
        return Gauge(name, doc, ["source", *labels], registry=registry)

    last_run_time = gauge("mediamon_last_run_timestamp_seconds", "When the source's last run ended")
    last_success = gauge("mediamon_last_success_timestamp_seconds", "When the source's last finished run ended")
    status = gauge("mediamon_last_run_status", "1 for the status of the source's last run", "status")
    new = gauge("mediamon_last_run_articles_new", "Articles new in the source's last run")
    known = gauge("mediamon_last_run_articles_known", "Articles the source's last run found already stored")
    stored = gauge("mediamon_articles_stored", "Articles of the source in the archive")
    errors = gauge("mediamon_last_run_errors", "Errors of the source's last run by event kind", "kind")
    pages = gauge("mediamon_last_run_pages_fetched", "Pages the source's last run fetched")
    duration = gauge("mediamon_last_run_duration_seconds", "How long the source's last run took")
    missing = gauge("mediamon_last_run_missing_share", "Share of the last run's articles lacking a field", "field")
    last_new = gauge("mediamon_last_new_article_timestamp_seconds", "When the source's newest article was stored")
    interval = gauge(
        "mediamon_new_article_interval_seconds", "Median time between the source's recent runs with new articles"
    )
    warnings = gauge("mediamon_health_warnings", "Warnings `mediamon health` gives for the source")
    stored_counts = dict(
        session.execute(select(Source.name, func.count(Article.id)).join(Article).group_by(Source.name)).all()
    )
    for health in source_health(session, now):
        name = health.source
        stored.labels(name).set(stored_counts.get(name, 0))
        warnings.labels(name).set(len(health.warnings))
        if (value := _timestamp(health.last_success)) is not None:
            last_success.labels(name).set(value)
        if (value := _timestamp(health.last_new_article)) is not None:
            last_new.labels(name).set(value)
        if (usual := usual_new_article_interval(session, name)) is not None:
            interval.labels(name).set(usual.total_seconds())
        if health.last_run is not None:
            for field in _FIELDS:
                missing.labels(name, field).set(getattr(health.last_run, f"missing_{field}"))
        run = session.get(CrawlRun, health.last_run_id) if health.last_run_id else None
        if run is None:
            continue
        for state in RUN_STATUSES:
            status.labels(name, state).set(1 if run.status == state else 0)
        if (value := _timestamp(run.finished_at)) is not None:
            last_run_time.labels(name).set(value)
        if (seconds := run_duration(run)) is not None:
            duration.labels(name).set(seconds)
        new.labels(name).set(run.articles_new)
        known.labels(name).set(run.articles_known)
        pages.labels(name).set(run.pages_fetched)
        by_kind = session.execute(
            select(CrawlEvent.kind, func.count())
            .where(CrawlEvent.run_id == run.id, CrawlEvent.level == "error")
            .group_by(CrawlEvent.kind)
        ).all()
        for kind, count in by_kind:
            errors.labels(name, kind).set(count)
    return registry


def openmetrics_text(registry: CollectorRegistry) -> str:
    return generate_latest(registry).decode("utf-8")


def write_textfile(path: str | Path, registry: CollectorRegistry) -> None:
    """Write the metrics for node_exporter's textfile collector: a temporary file renamed over ``path``."""
    write_to_textfile(str(path), registry)
