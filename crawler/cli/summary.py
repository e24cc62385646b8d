"""What ``mediamon crawl`` prints at the end (what cron keeps): per source new / known / errors, the cause of
each fault with its run, and a last line that never says "Nothing new" after errors or an interruption."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from crawler.cli.output import render
from storage.ledger import NO_ARTICLE_URL


def _found_nothing(report: Any) -> bool:
    return report.status == "finished" and report.status_reason.startswith(NO_ARTICLE_URL)


def _fault_line(report: Any) -> str | None:
    """One line for a source whose run failed, was interrupted or had errors; ``None`` for a clean run."""
    troubled = report.status in ("failed", "interrupted", "unknown") or report.errors or report.spooled
    troubled = troubled or _found_nothing(report) or report.status_reason.startswith("time budget")
    if not troubled:
        return None
    run = f"run {report.run_id}" if report.run_id else "no run recorded"
    look = f"; see `mediamon runs show {report.run_id}`" if report.run_id else ""
    reason = report.status_reason or report.finish_reason
    return f"{report.source}: {report.status}, {reason} ({run}{look})"


def summarize(reports: Sequence[Any], title: str) -> None:
    """The table, a line per troubled source, and the last word."""
    columns = ("source", "status", "pages", "new", "known", "updated", "dropped", "not articles", "errors", "run")
    rows = [
        (
            r.source,
            r.status,
            r.pages,
            r.new,
            r.known,
            r.updated,
            r.dropped,
            r.not_articles,
            r.errors,
            r.run_id,
        )
        for r in reports
    ]
    render(columns, rows, "table", title=title)
    for report in reports:
        if line := _fault_line(report):
            click.echo(line)
    old = sum(r.skipped_old for r in reports)
    if old:
        click.echo(f"{old} feed or sitemap entries older than the last run were not followed.")
    spooled = sum(r.spooled for r in reports)
    if spooled:
        click.echo(f"{spooled} article(s) could not be written and wait in the spool for the next run.")
    click.echo(last_word(reports))


def last_word(reports: Sequence[Any]) -> str:
    new = sum(r.new for r in reports)
    known = sum(r.known for r in reports)
    stored = f"stored {new} new article(s), {known} already known"
    interrupted = [r.source for r in reports if r.interrupted]
    failed = [r.source for r in reports if r.status == "failed"]
    with_errors = [r.source for r in reports if r.errors and r.status != "failed" and not r.interrupted]
    if interrupted:
        return f"Interrupted: {stored} before the stop ({len(interrupted)} source(s) did not finish)."
    if failed or with_errors:
        parts = []
        if failed:
            parts.append(f"{len(failed)} of {len(reports)} source(s) failed ({', '.join(failed)})")
        if with_errors:
            parts.append(f"{len(with_errors)} had errors ({', '.join(with_errors)})")
        return f"Problems: {'; '.join(parts)}; {stored}."
    if new:
        return f"Stored {new} new article(s); {known} already known."
    if nothing := [r.source for r in reports if _found_nothing(r)]:
        return f"Nothing new: {NO_ARTICLE_URL} for {len(nothing)} source(s) ({', '.join(nothing)})."
    return f"Nothing new: all {known} article(s) found were already stored."
