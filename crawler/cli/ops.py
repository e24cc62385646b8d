"""The ops commands: runs, runs show, health and metrics, each readable by people and by machines.

Thin click layer over :mod:`storage.runs`, :mod:`storage.health` and :mod:`storage.metrics`.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from crawler.cli.common import CliError, connect, db_option, handle_db_errors, parse_when, require_schema
from crawler.cli.output import format_option, render
from crawler.exitcodes import ExitCode
from crawler.output import printable

if TYPE_CHECKING:
    from sqlalchemy import Engine

#: ``storage.ledger.RUN_STATUSES``, written out so that the commands' help needs no database module (a test
#: keeps the two equal).
RUN_STATUSES = ("running", "finished", "stopped", "failed", "interrupted")

#: ``--format`` of the commands that show one document (a run, the health report).
document_format = click.option(
    "--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True, help="Output format."
)
#: The table's columns: heading -> column of the run (csv and jsonl carry all of them by their own names).
TABLE_COLUMNS = {
    "id": "id",
    "source": "source",
    "started": "started_at",
    "secs": "duration_s",
    "status": "status",
    "pages": "pages_fetched",
    "new": "articles_new",
    "known": "articles_known",
    "errors": "errors",
    "reason": "finish_reason",
}


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _dump(document: Any) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2, default=_json_default))


def _since(value: str | None) -> datetime | None:
    when = parse_when(value)
    return when.astimezone(UTC) if when else None


def _connected(db: str | None) -> Engine:
    _url, engine = connect(db)
    require_schema(engine)
    return engine


@click.group("runs", invoke_without_command=True)
@click.option("--source", help="Only runs of this source.")
@click.option("--status", type=click.Choice(RUN_STATUSES))
@click.option("--since", metavar="DATE", help="Only runs started on or after DATE (YYYY-MM-DD or ISO 8601, UTC).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000))
@db_option
@format_option
@click.pass_context
@handle_db_errors
def runs_group(
    ctx: click.Context,
    source: str | None,
    status: str | None,
    since: str | None,
    limit: int,
    db: str | None,
    fmt: str,
) -> None:
    """List recent crawl runs, newest first (or `runs show RUN_ID`); csv and jsonl carry every column."""
    if ctx.invoked_subcommand is not None:
        return
    from storage.runs import RUN_COLUMNS, list_runs, run_record, run_sources

    since_when = _since(since)
    engine = _connected(db)
    with engine.connect() as connection:
        if source is not None and source not in (known := run_sources(connection)):
            listed = ", ".join(known) or "none yet"
            raise CliError(f"unknown source {source!r} (sources with runs: {listed})", ExitCode.USAGE)
        runs = connection.execute(list_runs(source=source, status=status, since=since_when, limit=limit))
        records = [run_record(r) for r in runs]
    if fmt == "table":
        render(tuple(TABLE_COLUMNS), [[r[c] for c in TABLE_COLUMNS.values()] for r in records], fmt)
    else:
        render(RUN_COLUMNS, [[r[c] for c in RUN_COLUMNS] for r in records], fmt)


@runs_group.command("show")
@click.argument("run_id", type=int)
@click.option("--events", "event_limit", default=20, show_default=True, help="How many events to list.")
@db_option
@document_format
@handle_db_errors
def runs_show(run_id: int, event_limit: int, db: str | None, fmt: str) -> None:
    """Show one run: its columns, its stats, its events grouped by kind and the first events."""
    from storage.queries import run_event_rows, run_events_by_kind
    from storage.runs import find_run, run_record

    engine = _connected(db)
    with engine.connect() as connection:
        run = find_run(connection, run_id)
        if run is None:
            raise CliError(f"no run with id {run_id}", ExitCode.USAGE)
        record = run_record(run)
        groups = connection.execute(run_events_by_kind(run_id)).all()
        event_rows = [tuple(e) for e in connection.execute(run_event_rows(run_id, limit=event_limit))]
        stats = dict(sorted((run.stats or {}).items()))
    if fmt == "json":
        _dump(
            {
                **record,
                "stats": stats,
                "events_by_kind": [{"kind": k, "level": lv, "count": n} for k, lv, n in groups],
                "events": [dict(zip(("at", "level", "kind", "url", "message"), e, strict=True)) for e in event_rows],
            }
        )
        return
    click.echo(printable(f"Run {run.id} of {run.source}: {run.status} ({run.finish_reason or 'still running'})"))
    click.echo(f"  started   {run.started_at:%Y-%m-%d %H:%M:%S} UTC on {run.host}, pid {run.pid}")
    if run.finished_at:
        click.echo(f"  finished  {run.finished_at:%Y-%m-%d %H:%M:%S} UTC ({record['duration_s']:.1f} s)")
    click.echo(
        f"  pages {run.pages_fetched}, new {run.articles_new}, updated {run.articles_updated}, "
        f"known {run.articles_known}, dropped {run.articles_dropped}, errors {run.errors}"
    )
    if run.crawl_id:
        click.echo(f"  crawl     {run.crawl_id}")
    if run.log_path:
        click.echo(f"  log       {run.log_path}")
    render(("stat", "value"), list(stats.items()), "table", title="Stats")
    render(("kind", "level", "count"), groups, "table", title="Events by kind")
    render(("at", "level", "kind", "url", "message"), event_rows)


@click.command("health")
@db_option
@document_format
@handle_db_errors
def health_command(db: str | None, fmt: str) -> None:
    """Per source: last run and success, articles in 24 hours, missing fields now and before; warnings.

    Exits 1 when there is a warning: a failed last run, a jump in errors or in missing fields,
    runs that found no article URL, a source silent for three times its usual interval.
    """
    from storage.health import source_health

    engine = _connected(db)
    with engine.connect() as connection:
        report = source_health(connection, datetime.now(UTC))
    code = ExitCode.FINISHED_WITH_ERRORS if any(h.warnings for h in report) else ExitCode.OK
    if fmt == "json":
        _dump([_health_document(h) for h in report])
        sys.exit(int(code))

    def share(quality: Any, label: str) -> str:
        return "" if quality is None else f"{getattr(quality, label):.0%}"

    columns = ("source", "last run", "last success", "new 24h", "no date", "no author", "no body", "before d/a/b")
    rows = [
        (
            h.source,
            f"{h.last_run_id} {h.last_status}" if h.last_run_id else "",
            h.last_success,
            h.articles_24h,
            share(h.last_run, "missing_date"),
            share(h.last_run, "missing_author"),
            share(h.last_run, "missing_body"),
            "/".join(share(h.previous, x) for x in ("missing_date", "missing_author", "missing_body"))
            if h.previous
            else "",
        )
        for h in report
    ]
    render(columns, rows, "table", title="Source health")
    for health in report:
        for warning in health.warnings:
            click.echo(f"WARNING {health.source}: {warning}")
    if code == ExitCode.OK:
        click.echo("All sources look healthy.")
    sys.exit(int(code))


def _health_document(health: Any) -> dict[str, Any]:
    def quality(q: Any) -> dict[str, Any] | None:
        if q is None:
            return None
        shares = {f: getattr(q, f) for f in ("missing_date", "missing_author", "missing_body")}
        return {"articles": q.articles, **shares}

    return {
        "source": health.source,
        "healthy": not health.warnings,
        "last_run_id": health.last_run_id,
        "last_run_status": health.last_status,
        "last_run_reason": health.last_reason,
        "last_success": health.last_success,
        "last_new_article": health.last_new_article,
        "articles_24h": health.articles_24h,
        "last_run_quality": quality(health.last_run),
        "previous_quality": quality(health.previous),
        "warnings": [{"message": w.message, "run_id": w.run_id} for w in health.warnings],
    }


def write_metrics(engine: Engine, textfile: str | None) -> str:
    """The ledger's metrics as OpenMetrics text; also written atomically to ``textfile`` when given."""
    from storage.db import make_sessionmaker
    from storage.metrics import ledger_registry, openmetrics_text, write_textfile

    with make_sessionmaker(engine)() as session:
        registry = ledger_registry(session, datetime.now(UTC))
    if textfile:
        try:
            write_textfile(textfile, registry)
        except OSError as exc:
            raise CliError(f"cannot write {textfile}: {exc.strerror or exc}", ExitCode.USAGE) from None
    return openmetrics_text(registry)


@click.command("metrics")
@db_option
@click.option(
    "--textfile",
    metavar="PATH",
    type=click.Path(dir_okay=False),
    help="Write them atomically to PATH (node_exporter's textfile collector; name it *.prom) instead.",
)
@handle_db_errors
def metrics_command(db: str | None, textfile: str | None) -> None:
    """Per-source metrics of the ledger as OpenMetrics text, for Prometheus."""
    if textfile and not Path(textfile).parent.is_dir():
        raise CliError(f"--textfile: the directory of {textfile} does not exist", ExitCode.USAGE)
    text = write_metrics(_connected(db), textfile)
    if not textfile:
        click.echo(text, nl=False)
