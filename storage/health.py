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
from statistics import median
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import Article, CrawlRun, Source

#: A share this much above the previous runs' mean is flagged.
JUMP = 0.25
HISTORY = 10


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
    warnings: list[str] = field(default_factory=list)


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


def source_health(session: Session, now: datetime) -> list[SourceHealth]:
    """Health of every source that has runs or articles."""
    names = set(session.scalars(select(CrawlRun.source).distinct())) | set(session.scalars(select(Source.name)))
    report = []
    for name in sorted(names):
        runs = session.scalars(
            select(CrawlRun)
            .where(CrawlRun.source == name, CrawlRun.status != "running")
            .order_by(CrawlRun.started_at.desc(), CrawlRun.id.desc())
            .limit(HISTORY + 1)
        ).all()
        qualities = [(run, run_quality(run.stats or {})) for run in runs]
        measured = [(run, q) for run, q in qualities if q is not None]
        last = measured[0][1] if measured else None
        previous = _mean([q for _, q in measured[1:]])
        source_id = select(Source.id).where(Source.name == name).scalar_subquery()
        last_new = session.scalar(select(func.max(Article.first_seen_at)).where(Article.source_id == source_id))
        recent = session.scalar(
            select(func.count())
            .select_from(Article)
            .where(Article.source_id == source_id, Article.first_seen_at >= now - timedelta(hours=24))
        )
        health = SourceHealth(
            source=name,
            last_success=next((r.finished_at for r in runs if r.status == "finished"), None),
            last_new_article=last_new,
            articles_24h=int(recent or 0),
            last_run=last,
            previous=previous,
        )
        health.warnings = _warnings(health, runs, now)
        report.append(health)
    return report


def _warnings(health: SourceHealth, runs: Sequence[CrawlRun], now: datetime) -> list[str]:
    warnings = []
    last, previous = health.last_run, health.previous
    if last is not None and previous is not None:
        for label in ("missing_date", "missing_author", "missing_body"):
            now_share, before = getattr(last, label), getattr(previous, label)
            if now_share - before >= JUMP:
                what = label.replace("_", " ")
                warnings.append(f"{what}: {now_share:.0%} in the last run, {before:.0%} before (extraction broken?)")
    if runs and runs[0].status == "failed":
        warnings.append(f"last run failed: {runs[0].finish_reason}")
    new_runs = sorted(r.started_at for r in runs if r.articles_new > 0)
    if health.last_new_article is not None and len(new_runs) >= 3:
        usual = median(b - a for a, b in pairwise(new_runs))
        silent = now - health.last_new_article
        if silent > max(3 * usual, timedelta(hours=6)):
            warnings.append(f"no new article for {_duration(silent)} (usually one every {_duration(usual)})")
    return warnings


def _duration(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    return f"{hours / 24:.1f} days" if hours >= 48 else f"{hours:.1f} hours"
