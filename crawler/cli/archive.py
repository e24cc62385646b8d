"""The archive's commands: ``reextract`` and ``import-warc``."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import click

from crawler.cli.common import (
    App,
    CliError,
    connect,
    db_option,
    handle_db_errors,
    moment,
    require_schema,
    sources_option,
)
from crawler.exitcodes import ExitCode


def _settings(url: str) -> Any:
    from crawler.runtime.runner import crawl_settings

    return crawl_settings(url)


def _progress(total: float | None, description: str) -> Any:
    """A rich progress bar on a terminal; nothing otherwise (cron, pipes, tests)."""
    if not sys.stderr.isatty():
        return nullcontext(None)
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    columns: list[Any] = [TextColumn(description), BarColumn(), TaskProgressColumn(), TimeRemainingColumn()]
    if description.startswith("Importing"):
        columns.insert(2, DownloadColumn())
    return Progress(*columns, console=Console(stderr=True), transient=True)


@click.command("reextract")
@click.option("--source", "sources", multiple=True, metavar="NAME", help="Only this source (repeatable).")
@click.option("--since", metavar="DATE", help="Only captures fetched on or after DATE (YYYY-MM-DD or ISO 8601, UTC).")
@click.option("--until", metavar="DATE", help="Only captures fetched on or before DATE (a date includes its day).")
@click.option("--dry-run", is_flag=True, help="Count what would change; write nothing.")
@db_option
@sources_option
@click.pass_obj
@handle_db_errors
def reextract_command(
    app: App, sources: tuple[str, ...], since: str | None, until: str | None, dry_run: bool, db: str | None
) -> None:
    """Run today's extractor over the archived pages again, without the network.

    Articles whose extraction changed are updated (the old version kept as a
    revision); unchanged ones are not written. A killed run started again with
    the same options goes on where it stopped.
    """
    from crawler.archive.reextract import Checkpoint, Selection, count_selected, reextract
    from storage.db import make_sessionmaker

    configured = app.sources()
    unknown = [name for name in sources if name not in configured]
    if unknown:
        raise CliError(f"unknown source(s): {', '.join(unknown)}", ExitCode.USAGE)
    # Articles of sources no longer configured are left alone: without their rules the output would differ.
    selection = Selection(tuple(sources or configured), moment("--since", since), moment("--until", until, end=True))
    url, engine = connect(db)
    require_schema(engine)
    settings = _settings(url)
    sessions = make_sessionmaker(engine)
    checkpoint = Checkpoint(Path(settings.get("MEDIAMON_DATA_DIR", "var")) / "reextract", selection)
    with sessions() as session:
        total = count_selected(session, selection)
    with _progress(total, "Re-extracting") as progress:
        task = progress.add_task("reextract", total=total) if progress is not None else None
        report = reextract(
            sessions,
            configured,
            selection,
            dry_run=dry_run,
            checkpoint=checkpoint,
            min_body_chars=settings.getint("MEDIAMON_MIN_BODY_CHARS", 80),
            advance=(lambda n: progress.advance(task, n)) if progress is not None else None,
        )
    engine.dispose()
    if report.resumed:
        click.echo("Resumed an interrupted re-extraction with the same options.")
    verb = "would change" if dry_run else "changed"
    click.echo(
        f"Re-extracted {report.examined} archived article(s): {report.changed} {verb}, {report.unchanged} unchanged,"
        f" {report.not_extracted} no longer extracted (left as stored), {report.unreadable} capture(s) unreadable."
    )
    if report.files_gone:
        click.echo(f"{report.files_gone} capture(s) skipped: their WARC file was removed (archive retention).")
    click.echo(report.field_summary())
    if report.unreadable:
        sys.exit(int(ExitCode.FINISHED_WITH_ERRORS))


@click.command("import-warc")
@click.argument("locations", nargs=-1, required=True, metavar="FILE|URL...")
@click.option("--source", "sources", multiple=True, metavar="NAME", help="Keep this source's records (repeatable).")
@click.option("--no-archive", is_flag=True, help="Do not keep a copy of the imported pages in the archive.")
@db_option
@sources_option
@click.pass_obj
@handle_db_errors
def import_warc_command(
    app: App, locations: tuple[str, ...], sources: tuple[str, ...], no_archive: bool, db: str | None
) -> None:
    """Import the articles of configured sources from WARC files (local files or http(s) URLs).

    Records of other sites are passed over; revisits, truncated records and
    non-HTML pages are skipped and counted. Articles already stored are not
    stored again, so an interrupted import can simply be run again.
    """
    from crawler.archive.importer import WarcImporter
    from crawler.archive.location import is_url
    from crawler.archive.writer import DEFAULT_MAX_BYTES, WarcArchive
    from crawler.runtime.middlewares.archive import archive_folder
    from storage.db import make_sessionmaker

    chosen = app.select(sources)
    for location in locations:
        if not is_url(location) and not Path(location).is_file():
            raise CliError(f"{location}: no such file (give a WARC file or an http(s) URL)", ExitCode.USAGE)
    url, engine = connect(db)
    require_schema(engine)
    settings = _settings(url)
    run_source = chosen[0].name if len(chosen) == 1 else "import-warc"
    archive = None
    if not no_archive and settings.getbool("MEDIAMON_ARCHIVE", True):
        max_bytes = settings.getint("MEDIAMON_ARCHIVE_MAX_BYTES", DEFAULT_MAX_BYTES)
        archive = WarcArchive(archive_folder(settings) / run_source, run_source, max_bytes=max_bytes)
    importer = WarcImporter(
        make_sessionmaker(engine), chosen, archive, min_body_chars=settings.getint("MEDIAMON_MIN_BODY_CHARS", 80)
    )
    sizes = [Path(loc).stat().st_size for loc in locations if not is_url(loc)]
    total = sum(sizes) if len(sizes) == len(locations) else None
    try:
        with _progress(total, "Importing") as progress:
            task = progress.add_task("import", total=total) if progress is not None else None
            report = importer.run(
                locations,
                run_source=run_source,
                on_read=(lambda n: progress.advance(task, n)) if progress is not None else None,
            )
    finally:
        if archive is not None:
            archive.close()
        engine.dispose()
    skipped = ", ".join(f"{kind} {count}" for kind, count in sorted(report.skipped.items()) if count)
    if report.dead_runs_closed:
        click.echo(f"{report.dead_runs_closed} earlier import run(s) had died; marked failed", err=True)
    click.echo(
        f"Run {report.run_id}: {report.records} response record(s) read; {report.new} new article(s),"
        f" {report.updated} updated, {report.already_stored} already stored."
    )
    click.echo(f"Skipped: {skipped or 'none'}.")
    if report.interrupted:
        sys.exit(int(ExitCode.INTERRUPTED))
    if report.errors:
        for message in report.error_messages[:5]:
            click.echo(f"Error: {message}", err=True)
        click.echo(f"{report.errors} error(s): see `mediamon runs show {report.run_id}`.", err=True)
        sys.exit(int(ExitCode.FINISHED_WITH_ERRORS))
