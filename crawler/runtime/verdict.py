"""A run's status and the reason for it, from its stats: a run that fetched nothing is ``failed``, and says why.

Pure: the run recorder counts what it saw (``mediamon/pages_ok``, ``mediamon/pages_failed``,
``mediamon/article_requests`` …) and the spider counts each request's final fault by class
(``faults/dns``, ``faults/http_404`` with the first message of each in ``faults_first/…``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from storage.ledger import NO_ARTICLE_URL

#: The finish reason of a run that used up its time budget (crawler/runtime/stopping.py; kept free of Scrapy here).
TIME_BUDGET_REASON = "source_timeout"

#: Scrapy finish reasons that mean the run was stopped from outside.
INTERRUPTED_REASONS = frozenset({"shutdown", "interrupted"})
#: Scrapy finish reasons of a run that reached a bound it was given (``--max-articles`` and the like).
BOUNDED_REASONS = frozenset({"closespider_itemcount", "closespider_pagecount", "closespider_timeout"})

_FAULT_NAMES = {
    "dns": "DNS failure",
    "refused": "refused connection",
    "timeout": "timeout",
    "connection": "lost connection",
}


@dataclass(frozen=True, slots=True)
class Verdict:
    status: str
    reason: str


def _int(stats: Mapping[str, Any], key: str) -> int:
    return int(stats.get(key, 0) or 0)


def fault_counts(stats: Mapping[str, Any]) -> dict[str, int]:
    """Final request faults by class (``dns``, ``refused``, ``http_404`` …), most frequent first."""
    counts = {k.removeprefix("faults/"): int(v) for k, v in stats.items() if k.startswith("faults/") and v}
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _fault_label(kind: str, count: int) -> str:
    if kind.startswith("http_"):
        return f"{count} HTTP {kind.removeprefix('http_')}"
    name = _FAULT_NAMES.get(kind, "other error")
    return f"{count} {name}{'s' if count != 1 else ''}"


def describe_faults(stats: Mapping[str, Any], counts: Mapping[str, int]) -> str:
    """One line for the faults: "DNS lookup failed for caliber.az", "all 12 requests answered 404", or a tally."""
    if len(counts) == 1:
        ((kind, count),) = counts.items()
        if kind.startswith("http_"):
            return f"all {count} request(s) answered {kind.removeprefix('http_')}"
        first = stats.get(f"faults_first/{kind}")
        if first:
            return f"{first} ({count} request(s))" if count > 1 else str(first)
    return ", ".join(_fault_label(k, n) for k, n in counts.items())


def run_verdict(
    scrapy_reason: str, stats: Mapping[str, Any], *, time_budget: float = 0, shared_frontier: bool = False
) -> Verdict:
    """The status of a closed run (``finished``, ``stopped``, ``failed``, ``interrupted``) and why.

    With a ``shared_frontier`` (Redis), a worker may find every request taken by the crawl's
    other workers: having nothing to fetch is then no failure of the source.
    """
    ok = _int(stats, "mediamon/pages_ok") + _int(stats, "conditional/not_modified")
    counts = fault_counts(stats)
    errors = _int(stats, "events_level/error")
    if scrapy_reason in INTERRUPTED_REASONS:
        return Verdict("interrupted", f"interrupted ({scrapy_reason}) after {ok} page(s)")
    if scrapy_reason == TIME_BUDGET_REASON:
        budget = f"time budget of {time_budget:g} s used up" if time_budget else "time budget used up"
        if ok == 0:
            detail = f": {describe_faults(stats, counts)}" if counts else ""
            return Verdict("failed", f"{budget} before any page was fetched{detail}")
        return Verdict("stopped", f"{budget} after {ok} page(s)")
    if scrapy_reason in BOUNDED_REASONS:
        return Verdict("stopped", scrapy_reason)
    if scrapy_reason != "finished":
        return Verdict("failed", scrapy_reason)
    if ok == 0:
        if counts:
            return Verdict("failed", f"no page fetched: {describe_faults(stats, counts)}")
        if shared_frontier:
            return Verdict("finished", "nothing to fetch: the crawl's other workers took its requests")
        return Verdict("failed", "no page fetched (nothing was requested)")
    articles_ok = _int(stats, "mediamon/articles_ok")
    article_faults = _int(stats, "mediamon/article_faults")
    if article_faults and not articles_ok:
        return Verdict("failed", f"all {article_faults} article request(s) failed: {describe_faults(stats, counts)}")
    # Article requests this run scheduled, fetched (a shared frontier hands out requests other workers
    # scheduled), or skipped as already stored or too old.
    found = _int(stats, "mediamon/article_requests") + articles_ok + article_faults
    found += _int(stats, "incremental/skipped_known") + _int(stats, "discovery/skipped_old")
    if found == 0:
        return Verdict("finished", f"{NO_ARTICLE_URL} ({ok} page(s) fetched)")
    if errors:
        tally = ", ".join(_fault_label(k, n) for k, n in counts.items()) if counts else "see the events"
        return Verdict("finished", f"finished with {errors} error(s): {tally}")
    return Verdict("finished", "finished")
