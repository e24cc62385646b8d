"""Per-source health for ops: is each source still producing complete articles?

A sudden jump in the share of articles missing a date, an author or a body
usually means the site was redesigned and extraction broke; a source that has
stored nothing for much longer than its usual rhythm has probably stopped
publishing or started blocking us.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select

from storage.runs import NO_ARTICLE_URL
from storage.tables import articles, crawl_runs, sources

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: A run as :func:`source_health` reads it: a row of ``crawl_runs`` (or a :class:`storage.models.CrawlRun`).
Run = Any

#: A share this much above the previous runs' mean is flagged.
JUMP = 0.25
HISTORY = 10
#: This many runs in a row that found no article URL are flagged (one may be a quiet listing).
NOTHING_FOUND_RUNS = 3


@dataclass(frozen=True, slots=True)
class HealthWarning:
    """One verdict, naming the run to look at."""

    message: str
    run_id: int | None

    def __str__(self) -> str:
        return f"{self.message} (run {self.run_id}: mediamon runs show {self.run_id})" if self.run_id else self.message


@dataclass(frozen=True, slots=True)
class Quality:
    """Shares of a run's extracted articles that lack a field."""

    articles: int
    missing_date: float
    missing_author: float
    missing_body: float


@dataclass
class SourceHealth:
    source: str
    last_success: datetime | None
    last_new_article: datetime | None
    articles_24h: int
    last_run: Quality | None
    previous: Quality | None
    warnings: list[HealthWarning] = field(default_factory=list)
    last_run_id: int | None = None
    last_status: str | None = None
    last_reason: str | None = None


def run_quality(stats: dict[str, Any]) -> Quality | None:
    """The quality shares of one run from its Scrapy stats; ``None`` when it extracted nothing."""
    scraped = int(stats.get("item_scraped_count", 0) or 0)
    missing_body = int(stats.get("validate/dropped/missing_body", 0) or 0)
    total = scraped + missing_body
    if total == 0:
        return None
    missing_date = int(stats.get("extract/missing_date", 0) or 0) + int(stats.get("normalize/date_unreadable", 0) or 0)
    return Quality(
        articles=total,
        missing_date=missing_date / total,
        missing_author=int(stats.get("extract/missing_author", 0) or 0) / total,
        missing_body=missing_body / total,
    )


def _mean(qualities: Sequence[Quality]) -> Quality | None:
    if not qualities:
        return None
    n = len(qualities)
    return Quality(
        articles=sum(q.articles for q in qualities),
        missing_date=sum(q.missing_date for q in qualities) / n,
        missing_author=sum(q.missing_author for q in qualities) / n,
        missing_body=sum(q.missing_body for q in qualities) / n,
    )


def source_health(session: Connection | Session, now: datetime) -> list[SourceHealth]:
    """Health of every source that has runs or articles (read with a connection or a session)."""
    run, article = crawl_runs.c, articles.c
    names = set(session.scalars(select(run.source).distinct())) | set(session.scalars(select(sources.c.name)))
    report = []
    for name in sorted(names):
        runs = session.execute(
            select(crawl_runs)
            .where(run.source == name, run.status != "running")
            .order_by(run.started_at.desc(), run.id.desc())
            .limit(HISTORY + 1)
        ).all()
        qualities = [(r, run_quality(r.stats or {})) for r in runs]
        measured = [(r, q) for r, q in qualities if q is not None]
        last = measured[0][1] if measured else None
        measured_run = measured[0][0].id if measured else None
        previous = _mean([q for _, q in measured[1:]])
        source_id = select(sources.c.id).where(sources.c.name == name).scalar_subquery()
        last_new = session.scalar(select(func.max(article.first_seen_at)).where(article.source_id == source_id))
        recent = session.scalar(
            select(func.count())
            .select_from(articles)
            .where(article.source_id == source_id, article.first_seen_at >= now - timedelta(hours=24))
        )
        health = SourceHealth(
            source=name,
            last_success=next((r.finished_at for r in runs if r.status == "finished"), None),
            last_new_article=last_new,
            articles_24h=int(recent or 0),
            last_run=last,
            previous=previous,
            last_run_id=runs[0].id if runs else None,
            last_status=runs[0].status if runs else None,
            last_reason=runs[0].finish_reason if runs else None,
        )
        health.warnings = _warnings(health, runs, now, measured_run)
        report.append(health)
    return report


def _error_share(run: Run) -> float:
    return run.errors / max(run.pages_fetched, run.errors, 1)


def _warnings(
    health: SourceHealth, runs: Sequence[Run], now: datetime, measured_run: int | None
) -> list[HealthWarning]:
    warnings = []
    last, previous = health.last_run, health.previous
    if last is not None and previous is not None:
        for label in ("missing_date", "missing_author", "missing_body"):
            now_share, before = getattr(last, label), getattr(previous, label)
            if now_share - before >= JUMP:
                what = label.replace("_", " ")
                message = f"{what}: {now_share:.0%} in the last run, {before:.0%} before (extraction broken?)"
                warnings.append(HealthWarning(message, measured_run))
    if runs and runs[0].status == "failed":
        warnings.append(HealthWarning(f"last run failed: {runs[0].finish_reason}", runs[0].id))
    if len(runs) >= 2:
        now_share = _error_share(runs[0])
        before = sum(_error_share(r) for r in runs[1:]) / (len(runs) - 1)
        if runs[0].status != "failed" and now_share - before >= JUMP:
            message = f"errors: {runs[0].errors} in the last run ({now_share:.0%} of its pages), {before:.0%} before"
            warnings.append(HealthWarning(message, runs[0].id))
    recent = runs[:NOTHING_FOUND_RUNS]
    if len(recent) == NOTHING_FOUND_RUNS and all((r.finish_reason or "").startswith(NO_ARTICLE_URL) for r in recent):
        message = f"{NO_ARTICLE_URL} in the last {NOTHING_FOUND_RUNS} runs (the listing or the URL pattern changed?)"
        warnings.append(HealthWarning(message, runs[0].id))
    new_runs = sorted(r.started_at for r in runs if r.articles_new > 0)
    if health.last_new_article is not None and len(new_runs) >= 3:
        usual = _median_gap(new_runs)
        silent = now - health.last_new_article
        if silent > max(3 * usual, timedelta(hours=6)):
            message = f"no new article for {_duration(silent)} (usually one every {_duration(usual)})"
            warnings.append(HealthWarning(message, runs[0].id if runs else None))
    return warnings


def usual_new_article_interval(session: Connection | Session, source: str) -> timedelta | None:
    """The median time between the recent runs of a source that stored something new."""
    run = crawl_runs.c
    starts = sorted(
        session.scalars(
            select(run.started_at)
            .where(run.source == source, run.articles_new > 0)
            .order_by(run.started_at.desc())
            .limit(HISTORY + 1)
        )
    )
    return _median_gap(starts) if len(starts) >= 3 else None


def _duration(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours / 24:.1f} days" if hours >= 48 else f"{hours:.1f} hours"


def _median_gap(moments: Sequence[datetime]) -> timedelta:
    """The median time between consecutive moments (sorted, at least two)."""
    gaps = sorted(b - a for a, b in pairwise(moments))
    middle = len(gaps) // 2
    return gaps[middle] if len(gaps) % 2 else (gaps[middle - 1] + gaps[middle]) / 2
