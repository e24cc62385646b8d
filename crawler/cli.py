"""The ``mediamon`` command: a thin layer over the crawler and storage APIs.

User mistakes and unavailable services end with one line and a documented exit
code (see :mod:`crawler.exitcodes`), never a traceback.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from crawler.exitcodes import ExitCode, exit_without_teardown
from crawler.output import format_option, render
from crawler.sources import Source, SourcesError, load_sources, select_sources
from crawler.summary import exit_code, summarize
from storage.db import database_url, make_engine, masked_url

F = TypeVar("F", bound=Callable[..., Any])


class CliError(click.ClickException):
    """A one-line error with a documented exit code."""

    def __init__(self, message: str, exit_code: ExitCode = ExitCode.USAGE) -> None:
        super().__init__(message)
        self.exit_code = int(exit_code)


@dataclass
class App:
    sources_file: str | None

    def sources(self) -> dict[str, Source]:
        try:
            return load_sources(self.sources_file)
        except SourcesError as exc:
            raise CliError("\n".join(exc.problems), ExitCode.USAGE) from None

    def select(self, names: Sequence[str]) -> list[Source]:
        try:
            return select_sources(self.sources(), names)
        except SourcesError as exc:
            raise CliError("; ".join(exc.problems), ExitCode.USAGE) from None


def db_option(func: F) -> F:
    """``--db URL``: the database (a SQLite path or an SQLAlchemy URL)."""
    return click.option(
        "--db",
        "db",
        metavar="URL",
        help="Database URL or SQLite file [env MEDIAMON_DATABASE_URL; default ./mediamon.db].",
    )(func)


def connect(db: str | None, factory: Callable[[str], Engine] = make_engine) -> tuple[str, Engine]:
    """The URL and an engine (made by ``factory``) that has been shown to connect; a clear error otherwise."""
    url = database_url(db)
    try:
        engine = factory(url)
        with engine.connect():
            pass
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        detail = reason[0] if reason else type(exc).__name__
        raise CliError(
            f"cannot connect to the database {masked_url(url)}: {detail}", ExitCode.DATABASE_UNAVAILABLE
        ) from None
    except Exception as exc:  # noqa: BLE001 - a malformed URL or a missing driver
        raise CliError(f"cannot use the database {masked_url(url)}: {exc}", ExitCode.USAGE) from None
    return url, engine


def require_schema(engine: Engine) -> None:
    from storage.schema import SchemaOutOfDate, require_current

    try:
        require_current(engine)
    except SchemaOutOfDate as exc:
        raise CliError(str(exc), ExitCode.SCHEMA_OUT_OF_DATE) from None


def handle_db_errors(func: F) -> F:
    """Turn a database that goes away mid-command into one line and exit code 3."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SQLAlchemyError as exc:
            detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
            raise CliError(
                f"database error: {detail[0] if detail else type(exc).__name__}", ExitCode.DATABASE_UNAVAILABLE
            ) from None

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--sources",
    "sources_file",
    metavar="FILE",
    envvar="MEDIAMON_SOURCES_FILE",
    help="Sources file [env MEDIAMON_SOURCES_FILE; default: the bundled sources.toml].",
)
@click.version_option(package_name="mediamon")
@click.pass_context
def main(ctx: click.Context, sources_file: str | None) -> None:
    """mediamon: crawl news sites into a SQL archive of normalized articles."""
    ctx.obj = App(sources_file=sources_file)


# -- sources ---------------------------------------------------------------------------------


@main.group("sources", invoke_without_command=True)
@format_option
@click.pass_context
def sources_group(ctx: click.Context, fmt: str) -> None:
    """List the configured sources (or `sources add URL`)."""
    if ctx.invoked_subcommand is not None:
        return
    app: App = ctx.obj
    columns = ("name", "title", "languages", "timezone", "homepage", "feeds", "sitemaps")
    rows = [
        (s.name, s.display_name, list(s.languages), s.timezone, s.homepage, len(s.feeds), len(s.sitemaps))
        for s in app.sources().values()
    ]
    render(columns, rows, fmt)


@sources_group.command("add")
@click.argument("homepage")
@click.option("--name", help="Source name [default: from the host name].")
@click.option("--yes", "-y", is_flag=True, help="Write the entry without asking.")
@click.pass_obj
def sources_add(app: App, homepage: str, name: str | None, yes: bool) -> None:
    """Probe a news site and add a source entry for it to the sources file."""
    import tomllib

    from crawler.probe import probe_site, source_name_for
    from crawler.sources import DEFAULT_SOURCES_FILE, dump_sources, parse_sources

    if not homepage.startswith(("http://", "https://")):
        raise CliError(f"{homepage!r} is not an http(s) URL", ExitCode.USAGE)
    existing = app.sources()
    name = name or source_name_for(homepage)
    if name in existing:
        raise CliError(f"a source named {name!r} exists already (use --name)", ExitCode.USAGE)
    try:
        proposal = probe_site(homepage, name)
    except ValueError as exc:
        raise CliError(str(exc), ExitCode.USAGE) from None
    entry = dump_sources([proposal.source])
    click.echo("Proposed entry:\n")
    click.echo(entry)
    for note in proposal.notes:
        click.echo(f"Note: {note}")
    rows = [
        (
            item.headline,
            item.date_published,
            ", ".join(f"{a.name} ({a.kind})" for a in item.authors),
            item.in_language,
            len(item.article_body or ""),
            item.url,
        )
        for item in proposal.samples
    ]
    render(("headline", "published (UTC)", "authors", "lang", "body chars", "url"), rows, title="Sample articles")
    path = Path(app.sources_file) if app.sources_file else DEFAULT_SOURCES_FILE
    if not yes and not click.confirm(f"Add {name!r} to {path}?", default=True):
        click.echo("Nothing written.")
        return
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    combined = text.rstrip("\n") + ("\n\n" if text else "") + entry
    try:
        parse_sources(tomllib.loads(combined))
    except SourcesError as exc:
        raise CliError("the proposed entry is not valid: " + "; ".join(exc.problems), ExitCode.USAGE) from None
    path.write_text(combined, encoding="utf-8")
    click.echo(f"Added {name!r} to {path}.")


# -- crawling --------------------------------------------------------------------------------


def _run(
    sources: Sequence[Source],
    url: str,
    overrides: dict[str, Any],
    *,
    log_format: str = "plain",
    spider_args: dict[str, dict[str, Any]] | None = None,
) -> list[Any]:
    from crawler.heap import collector_paused

    with collector_paused():  # Scrapy, Twisted, extraction: the bulk of a crawl's imports
        from crawler.logs import attach_log_file, new_log_file, prune_logs
        from crawler.runner import crawl_settings, run_crawl

    settings = crawl_settings(url, overrides)
    data_dir = settings.get("MEDIAMON_DATA_DIR", "var")
    level = settings.get("LOG_LEVEL", "INFO")
    spider_args = {name: dict(args) for name, args in (spider_args or {}).items()}
    handlers = []
    for source in sources:  # each run has its own log file
        log_file = new_log_file(data_dir, source.name)
        handlers.append(attach_log_file(log_file, fmt=log_format, level=level, source=source.name))
        spider_args.setdefault(source.name, {})["log_path"] = str(log_file)
    prune_logs(log_file.parent, max_age_days=settings.getfloat("MEDIAMON_LOG_RETENTION_DAYS", 30))
    try:
        reports = run_crawl(sources, settings, spider_args)
    finally:
        for handler in handlers:
            handler.close()
            logging.getLogger().removeHandler(handler)
    click.echo(f"Logs: {log_file.parent}", err=True)
    return reports


def _parse_when(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise CliError(f"--since: {value!r} is not a date (YYYY-MM-DD or ISO 8601)", ExitCode.USAGE) from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _not_before(engine: Engine, sources: Sequence[Source], since: datetime | None) -> dict[str, dict[str, Any]]:
    """Per source, the date before which feed and sitemap entries are not followed.

    ``--since`` when given; else a day before the last successful run started (the
    margin lets a run pick up entries an earlier run could not fetch).
    """
    from storage.db import make_sessionmaker
    from storage.queries import last_successful_start

    args: dict[str, dict[str, Any]] = {}
    with make_sessionmaker(engine)() as session:
        for source in sources:
            when = since
            if when is None:
                last = session.scalar(last_successful_start(source.name))
                when = last - timedelta(days=1) if last else None
            if when is not None:
                args[source.name] = {"not_before": when}
    return args


def _close_stale_runs(engine: Engine, sources: Sequence[Source]) -> None:
    from storage.db import make_sessionmaker
    from storage.ledger import close_stale_runs

    with make_sessionmaker(engine).begin() as session:
        for source in sources:
            if closed := close_stale_runs(session, source.name):
                click.echo(f"{source.name}: {closed} earlier run(s) had died; marked failed", err=True)


def _locked_message(engine: Engine, source: str) -> str:
    from storage.db import make_sessionmaker
    from storage.queries import latest_running_run

    with make_sessionmaker(engine)() as session:
        run = session.scalars(latest_running_run(source)).first()
    if run is None:
        return f"{source}: locked by another mediamon process; skipped"
    started = run.started_at.strftime("%Y-%m-%d %H:%M:%S UTC")
    return f"{source}: locked by run {run.id} (pid {run.pid} on {run.host}, started {started}); skipped"


def _worker_options(
    since: str | None,
    max_articles: int | None,
    refresh_days: float | None,
    refetch: bool,
    log_format: str,
    log_level: str | None,
    settings_pairs: Sequence[str],
) -> list[str]:
    """The ``crawl`` options a worker process is given (the same as this command's)."""
    options = ["--log-format", log_format]
    if since:
        options += ["--since", since]
    if max_articles:
        options += ["--max-articles", str(max_articles)]
    if refresh_days:
        options += ["--refresh-days", str(refresh_days)]
    if refetch:
        options.append("--refetch")
    if log_level:
        options += ["--log-level", log_level]
    for pair in settings_pairs:
        options += ["-s", pair]
    return options


#: Set when a crawl (or a crawl's workers) has ended and written its output; see :func:`run`.
_crawl_ended = False


def _end_crawl(code: int) -> NoReturn:
    global _crawl_ended
    _crawl_ended = True
    sys.exit(code)


def _refresh_metrics(engine: Engine, textfile: str | None) -> None:
    """``--metrics-textfile``: the ledger's metrics after the crawl; a failure to write them is one line, not fatal."""
    if not textfile:
        return
    from crawler.commands.ops import write_metrics

    try:
        write_metrics(engine, textfile)
    except click.ClickException as exc:
        click.echo(f"metrics not written: {exc.message}", err=True)


def _crawl_with_workers(
    app: App,
    sources: Sequence[Source],
    url: str,
    redis_url: str | None,
    workers: int,
    options: Sequence[str],
    metrics_textfile: str | None = None,
) -> None:
    """Run the crawl in ``workers`` processes of one crawl id; exit with their combined exit code.

    With Redis each worker crawls every source from the shared frontier; without it
    the sources are split between the workers. On Linux the workers are forked from this
    process once it has imported the crawl's modules (:func:`crawler.workers.can_fork_workers`);
    elsewhere they are new ``python -m crawler.cli`` processes, and the database and Redis
    URLs reach them by environment, so that no password shows in the process list.
    """
    from crawler.distributed import new_crawl_id
    from crawler.workers import (
        can_fork_workers,
        combined_exit_code,
        partition,
        run_workers,
        worker_arguments,
        worker_command,
    )

    crawl_id = new_crawl_id()
    names = [s.name for s in sources]
    groups = [names] * workers if redis_url else partition(names, workers)
    if len(groups) < workers:
        note = f"{len(names)} source(s) for {workers} workers: starting {len(groups)} (--redis shares a source)"
        click.echo(note, err=True)
    env = {**os.environ, "MEDIAMON_DATABASE_URL": url}
    if redis_url:
        env["MEDIAMON_REDIS_URL"] = redis_url
    arguments = [
        worker_arguments(app.sources_file, group, options, crawl_id=crawl_id, worker=f"{number}/{len(groups)}")
        for number, group in enumerate(groups, start=1)
    ]
    commands = [worker_command(a) for a in arguments]
    forked = None
    if can_fork_workers():  # the worker's arguments stay in memory: no password shows in the process list
        urls = ["--db", url, *(["--redis", redis_url] if redis_url else [])]
        forked = [[*a, *urls] for a in arguments]
    click.echo(f"Crawl {crawl_id}: {len(groups)} worker process(es)", err=True)
    results = run_workers(commands, env, forked)
    for result in results:
        click.echo(f"Worker {result.number}/{len(results)} (pid {result.pid}) exited with code {result.exit_code}")
        click.echo(result.output.rstrip())
    if metrics_textfile:
        _url, engine = connect(url)
        _refresh_metrics(engine, metrics_textfile)
        engine.dispose()
    _end_crawl(combined_exit_code([r.exit_code for r in results]))


@main.command("crawl")
@click.argument("source_names", nargs=-1, metavar="[SOURCE]...")
@db_option
@click.option("--since", metavar="DATE", help="Backfill: follow feed and sitemap entries from DATE on.")
@click.option("--max-articles", type=click.IntRange(min=1), help="Stop each source after N articles.")
@click.option("--refresh-days", type=click.FloatRange(min=0), help="Fetch known articles of the last N days again.")
@click.option("--refetch", is_flag=True, help="Fetch every article the store already holds again.")
@click.option("--log-format", type=click.Choice(["plain", "json"]), default="plain", show_default=True)
@click.option("--log-level", default=None, type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]))
@click.option("-s", "--set", "settings_pairs", multiple=True, metavar="NAME=VALUE", help="Override a Scrapy setting.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes: with --redis they share each source's frontier, without it they split the sources.",
)
@click.option(
    "--redis",
    "redis_url",
    metavar="URL",
    help="Shared crawl frontier on Redis; workers on other machines join it [env MEDIAMON_REDIS_URL].",
)
@click.option(
    "--source-timeout",
    type=click.FloatRange(min=0),
    metavar="SECONDS",
    help="Each source's time budget; a run that reaches it stops [default: 600; 0: none].",
)
@click.option(
    "--metrics-textfile",
    metavar="PATH",
    type=click.Path(dir_okay=False),
    help="At the end, write `mediamon metrics` to PATH atomically (node_exporter's textfile collector).",
)
@click.option("--watches", "run_watches", is_flag=True, help="Run the watches (`mediamon watch run`) at the end.")
@click.option("--crawl-id", hidden=True, help="The crawl this process works for (given to --workers' processes).")
@click.option("--no-archive", is_flag=True, help="Do not keep the fetched article pages in the WARC archive.")
@click.pass_obj
@handle_db_errors
def crawl_command(
    app: App,
    source_names: tuple[str, ...],
    db: str | None,
    since: str | None,
    max_articles: int | None,
    refresh_days: float | None,
    refetch: bool,
    log_format: str,
    log_level: str | None,
    settings_pairs: tuple[str, ...],
    workers: int,
    redis_url: str | None,
    source_timeout: float | None,
    metrics_textfile: str | None,
    crawl_id: str | None,
    no_archive: bool,
    run_watches: bool,
) -> None:
    """Crawl the configured live sources (all when none is named).

    Incremental: articles already stored are not fetched again. A source that
    another run is crawling is skipped with one line; when every source is
    locked the exit code is 5. With --redis, the workers of a crawl share each
    source (and its lock); a plain run of that source is kept out.
    """
    from crawler.distributed import check_redis, masked_redis_url, new_crawl_id, redis_overrides
    from crawler.locks import SourceLocked, SourceLocks
    from crawler.runner import crawl_settings
    from crawler.workers import SharedSourceLocks

    sources = app.select(source_names)
    since_when = _parse_when(since)
    url, engine = connect(db)
    require_schema(engine)
    overrides: dict[str, Any] = {"MEDIAMON_REFETCH_KNOWN": refetch}
    if no_archive:  # a setting, so that --workers' processes are given it with the other -s pairs
        settings_pairs = (*settings_pairs, "MEDIAMON_ARCHIVE=0")
    if refresh_days:
        overrides["MEDIAMON_REFRESH_DAYS"] = refresh_days
    if max_articles:
        overrides["CLOSESPIDER_ITEMCOUNT"] = max_articles
    if source_timeout is not None:
        overrides["MEDIAMON_SOURCE_TIMEOUT"] = source_timeout
    if metrics_textfile and not Path(metrics_textfile).parent.is_dir():
        raise CliError(f"--metrics-textfile: the directory of {metrics_textfile} does not exist", ExitCode.USAGE)
    if log_level:
        overrides["LOG_LEVEL"] = log_level
    for pair in settings_pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise CliError(f"-s/--set takes NAME=VALUE, not {pair!r}", ExitCode.USAGE)
        overrides[name.strip()] = value
    redis_url = redis_url or crawl_settings(url, overrides).get("MEDIAMON_REDIS_URL")
    if redis_url:
        if problem := check_redis(redis_url):
            raise CliError(
                f"cannot connect to Redis at {masked_redis_url(redis_url)}: {problem}", ExitCode.DATABASE_UNAVAILABLE
            )
        overrides.update(redis_overrides(redis_url))
    if workers > 1:
        if run_watches:
            raise CliError("--watches needs a one-process crawl: run `mediamon watch run` after it", ExitCode.USAGE)
        engine.dispose()
        options = _worker_options(since, max_articles, refresh_days, refetch, log_format, log_level, settings_pairs)
        if source_timeout is not None:
            options += ["--source-timeout", str(source_timeout)]
        _crawl_with_workers(app, sources, url, redis_url, workers, options, metrics_textfile)
    overrides["MEDIAMON_CRAWL_ID"] = crawl_id or new_crawl_id()
    data_dir = Path(crawl_settings(url, overrides).get("MEDIAMON_DATA_DIR", "var"))
    lock_class = SharedSourceLocks if redis_url else SourceLocks
    with lock_class(engine, url, data_dir) as locks:
        free: list[Source] = []
        for source in sources:
            try:
                locks.acquire(source.name)
                free.append(source)
            except SourceLocked:
                click.echo(_locked_message(engine, source.name), err=True)
        if not free:
            sys.exit(int(ExitCode.LOCKED))
        _close_stale_runs(engine, [s for s in free if not redis_url or s.name in locks.alone])
        if isinstance(locks, SharedSourceLocks):
            locks.share()
        spider_args = _not_before(engine, free, since_when)
        reports = _run(free, url, overrides, log_format=log_format, spider_args=spider_args)
    _refresh_metrics(engine, metrics_textfile)
    summarize(reports, f"Crawl into {masked_url(url)}")
    code = int(exit_code(reports))
    if run_watches:
        from crawler.watchrun import run_watches as report_watches

        code = max(code, report_watches(engine))
    engine.dispose()
    _end_crawl(code)


#: The demo's own database: its sample articles and runs never mix into a real archive.
DEMO_DATABASE = "mediamon-demo.db"


@main.command("demo")
@click.option("--db", "db", metavar="URL", help=f"Database URL or SQLite file [default: ./{DEMO_DATABASE}].")
@click.pass_obj
@handle_db_errors
def demo_command(app: App, db: str | None) -> None:
    """Serve the bundled sample news sites on 127.0.0.1 and crawl them (works offline).

    Into ./mediamon-demo.db unless --db names another database (MEDIAMON_DATABASE_URL,
    which names the real archive, is not used).
    """
    from crawler.runner import LOCAL_SITE_SETTINGS
    from crawler.samplesite import proxy_map, serve_sources
    from storage.migrate import upgrade

    url, engine = connect(db or DEMO_DATABASE)
    engine.dispose()
    upgrade(url)
    with serve_sources(app.sources().values(), as_proxy=True) as (local_sources, sites):
        if not local_sources:
            raise CliError("none of the configured sources has a bundled sample site", ExitCode.USAGE)
        for source in local_sources:
            click.echo(f"Serving the sample site of {source.name} at {sites[source.name].base_url}", err=True)
        settings = {**LOCAL_SITE_SETTINGS, "MEDIAMON_SAMPLE_SITE_PROXIES": proxy_map(local_sources, sites)}
        reports = _run(local_sources, url, settings)
    summarize(reports, f"Crawl into {masked_url(url)}")
    _end_crawl(int(exit_code(reports)))


# -- database --------------------------------------------------------------------------------


@main.group("db")
def db_group() -> None:
    """Create and migrate the database (Alembic)."""


def _migrate(db: str | None, action: Callable[..., None], revision: str) -> None:
    """Run an Alembic upgrade or downgrade and say where the database now is."""
    from storage.schema import current_revision

    url, engine = connect(db)
    action(url, revision, on_wait=lambda message: click.echo(message, err=True))
    click.echo(f"{masked_url(url)} is at revision {current_revision(engine) or 'base'}")
    engine.dispose()


@db_group.command("upgrade")
@click.argument("revision", default="head")
@db_option
@handle_db_errors
def db_upgrade(revision: str, db: str | None) -> None:
    """Upgrade the schema to REVISION (default: the newest)."""
    from storage.migrate import upgrade

    _migrate(db, upgrade, revision)


@db_group.command("downgrade")
@click.argument("revision")
@db_option
@handle_db_errors
def db_downgrade(revision: str, db: str | None) -> None:
    """Downgrade the schema to REVISION ('base' removes every table)."""
    from storage.migrate import downgrade

    _migrate(db, downgrade, revision)


@db_group.command("current")
@db_option
@handle_db_errors
def db_current(db: str | None) -> None:
    """Show the schema revision of the database and the newest one."""
    from storage.schema import HEAD_REVISION, current_revision

    url, engine = connect(db)
    current, head = current_revision(engine), HEAD_REVISION
    state = "up to date" if current == head else "behind: run `mediamon db upgrade`"
    click.echo(f"{masked_url(url)}: revision {current or 'none'} (newest {head}, {state})")


@db_group.command("replay")
@db_option
@click.option(
    "--spool-dir", type=click.Path(file_okay=False), help="Spool directory [default: MEDIAMON_DATA_DIR/spool]."
)
@handle_db_errors
def db_replay(db: str | None, spool_dir: str | None) -> None:
    """Store the items waiting in the spool (idempotent: stored items change nothing)."""
    from crawler.runner import crawl_settings
    from crawler.spool import replay
    from storage.db import make_sessionmaker
    from storage.repository import upsert_articles

    url, engine = connect(db)
    require_schema(engine)
    directory = Path(spool_dir or Path(crawl_settings(url).get("MEDIAMON_DATA_DIR", "var")) / "spool")
    sessions = make_sessionmaker(engine)
    counts: dict[str, int] = {}

    def store(batch: Sequence[Any]) -> None:
        with sessions.begin() as session:
            for result in upsert_articles(session, batch):
                counts[result.status] = counts.get(result.status, 0) + 1

    replayed = replay(directory, store)
    click.echo(
        f"Replayed {replayed} spooled item(s): {counts.get('inserted', 0)} new, "
        f"{counts.get('updated', 0)} updated, {counts.get('unchanged', 0)} already stored."
    )


# -- analysts and ops (crawler/commands/ imports from this module, so it comes last) ----------

if __name__ == "__main__":  # `python -m crawler.cli`: let the commands import this very module
    sys.modules.setdefault("crawler.cli", sys.modules[__name__])

from crawler.commands.analyst import (  # noqa: E402
    articles_command,
    export_command,
    grant_readonly_command,
    sql_command,
)
from crawler.commands.ops import health_command, metrics_command, runs_group  # noqa: E402
from crawler.commands.reading import authors_command, show_command  # noqa: E402
from crawler.commands.serve import serve_command  # noqa: E402
from crawler.commands.trends import stats_command, trend_command  # noqa: E402
from crawler.commands.watches import watch_group  # noqa: E402

main.add_command(articles_command)
main.add_command(export_command)
main.add_command(sql_command)
main.add_command(stats_command)
main.add_command(authors_command)
main.add_command(show_command)
main.add_command(serve_command)
main.add_command(trend_command)
main.add_command(watch_group)
db_group.add_command(grant_readonly_command)
main.add_command(runs_group)
main.add_command(health_command)
main.add_command(metrics_command)

from crawler.commands.archive import import_warc_command, reextract_command  # noqa: E402

main.add_command(reextract_command)
main.add_command(import_warc_command)


def run() -> None:
    """The ``mediamon`` command (and ``python -m crawler.cli``)."""
    try:
        main(prog_name="mediamon")
    except SystemExit as done:
        if _crawl_ended:
            exit_without_teardown(done.code)
        raise


if __name__ == "__main__":
    run()
