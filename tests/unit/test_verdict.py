"""A run's status and reason from its stats (crawler/runtime/verdict.py): nothing fetched is a failure, and says why."""

from __future__ import annotations

import pytest

from crawler.runtime.verdict import run_verdict


@pytest.mark.parametrize(
    ("reason", "stats", "expected"),
    [
        (
            "finished",
            {"faults/dns": 3, "faults_first/dns": "DNS lookup failed for caliber.az", "events_level/error": 3},
            ("failed", "no page fetched: DNS lookup failed for caliber.az (3 request(s))"),
        ),
        (
            "finished",
            {"faults/refused": 1, "faults_first/refused": "connection refused by 127.0.0.1:9"},
            ("failed", "no page fetched: connection refused by 127.0.0.1:9"),
        ),
        ("finished", {"faults/http_404": 12}, ("failed", "no page fetched: all 12 request(s) answered 404")),
        (
            "finished",
            {"faults/http_404": 2, "faults/timeout": 1},
            ("failed", "no page fetched: 2 HTTP 404, 1 timeout"),
        ),
        ("finished", {}, ("failed", "no page fetched (nothing was requested)")),
        (
            "finished",
            {"mediamon/pages_ok": 3, "mediamon/article_requests": 5, "faults/http_500": 5}
            | {"mediamon/article_faults": 5, "events_level/error": 5},
            ("failed", "all 5 article request(s) failed: all 5 request(s) answered 500"),
        ),
        (
            "finished",
            {"mediamon/pages_ok": 10},
            ("finished", "discovery found no article URL (10 page(s) fetched)"),
        ),
        (
            "finished",
            {"mediamon/pages_ok": 2, "incremental/skipped_known": 7},
            ("finished", "finished"),
        ),
        (
            "finished",
            {"mediamon/pages_ok": 9, "mediamon/article_requests": 8, "mediamon/articles_ok": 7, "faults/http_500": 1}
            | {"events_level/error": 1, "mediamon/article_faults": 1},
            ("finished", "finished with 1 error(s): 1 HTTP 500"),
        ),
        (
            "finished",
            {"conditional/not_modified": 1, "incremental/skipped_known": 4},
            ("finished", "finished"),  # an unchanged feed (304) is a fetched page
        ),
        (
            "finished",
            {"mediamon/pages_ok": 6, "mediamon/articles_ok": 5},
            ("finished", "finished"),  # a worker of a shared frontier fetched articles another one scheduled
        ),
        ("shutdown", {"mediamon/pages_ok": 4}, ("interrupted", "interrupted (shutdown) after 4 page(s)")),
        ("closespider_itemcount", {"mediamon/pages_ok": 4}, ("stopped", "closespider_itemcount")),
        ("source_timeout", {"mediamon/pages_ok": 4}, ("stopped", "time budget of 60 s used up after 4 page(s)")),
        (
            "source_timeout",
            {"faults/timeout": 2},
            ("failed", "time budget of 60 s used up before any page was fetched: 2 timeouts"),
        ),
        ("cancelled", {"mediamon/pages_ok": 4}, ("failed", "cancelled")),
    ],
)
def test_run_verdict(reason, stats, expected):
    verdict = run_verdict(reason, stats, time_budget=60)
    assert (verdict.status, verdict.reason) == expected


def test_a_worker_of_a_shared_frontier_with_nothing_to_fetch_has_not_failed():
    alone = run_verdict("finished", {}, shared_frontier=False)
    shared = run_verdict("finished", {}, shared_frontier=True)
    assert alone.status == "failed"
    assert (shared.status, shared.reason) == (
        "finished",
        "nothing to fetch: the crawl's other workers took its requests",
    )
    dead = run_verdict(
        "finished", {"faults/dns": 1, "faults_first/dns": "DNS lookup failed for x.invalid"}, shared_frontier=True
    )
    assert dead.status == "failed"  # a fault is a fault, shared or not
