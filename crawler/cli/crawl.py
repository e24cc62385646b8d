"""``mediamon crawl`` and ``mediamon demo``: options in, :func:`crawler.crawl.run_crawl` called, the report printed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from crawler.cli.common import (
    App,
    CliError,
    connect,
    db_option,
    end_crawl,
    handle_db_errors,
    parse_when,
    sources_option,
)
from crawler.exitcodes import ExitCode

if TYPE_CHECKING:
    from crawler.crawl import CrawlReport

#: The demo's own database: its sample articles and runs never mix into a real archive.
DEMO_DATABASE = "mediamon-demo.db"


def _settings(pairs: tuple[str, ...]) -> dict[str, str]:
    settings: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise CliError(f"-s/--set takes NAME=VALUE, not {pair!r}", ExitCode.USAGE)
        settings[name.strip()] = value
    return settings


def _refresh_metrics(url: str, textfile: str | None) -> None:
    """``--metrics-textfile``: the ledger's metrics after the crawl; a failure to write them is one line, not fatal."""
    if not textfile:
        return
    from crawler.cli.ops import write_metrics

    _url, engine = connect(url, create=True)
    try:
        write_metrics(engine, textfile)
    except click.ClickException as exc:
        click.echo(f"metrics not written: {exc.message}", err=True)
    finally:
        engine.dispose()


def _print_report(report: CrawlReport, url: str) -> None:
    from crawler.cli.summary import summarize
    from storage.db import masked_url

    if not report.workers:
        summarize(report.runs, f"Crawl into {masked_url(url)}")
        return
    for worker in report.workers:
        click.echo(
            f"Worker {worker.number}/{len(report.workers)} (pid {worker.pid}) exited with code {worker.exit_code}"
        )
        if worker.output.strip():
            click.echo(worker.output.rstrip())
        if worker.runs:
            summarize(worker.runs, f"Crawl into {masked_url(url)}")


def _note(message: str) -> None:
    click.echo(message, err=True)


@click.command("crawl")
@click.argument("source_names", nargs=-1, metavar="[SOURCE]...")
@db_option
@sources_option
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
@click.option("--crawl-id", hidden=True, help="The crawl this process works for (that of other workers).")
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
    from crawler.crawl import CrawlOptions, run_crawl
    from storage.db import database_url

    sources = app.select(source_names)
    options = CrawlOptions(
        since=parse_when(since),
        max_articles=max_articles,
        refresh_days=refresh_days,
        refetch=refetch,
        archive=not no_archive,
        source_timeout=source_timeout,
        log_format=log_format,
        log_level=log_level,
        settings=_settings(settings_pairs),
        workers=workers,
        redis_url=redis_url,
        crawl_id=crawl_id,
    )
    if metrics_textfile and not Path(metrics_textfile).parent.is_dir():
        raise CliError(f"--metrics-textfile: the directory of {metrics_textfile} does not exist", ExitCode.USAGE)
    if workers > 1 and run_watches:
        raise CliError("--watches needs a one-process crawl: run `mediamon watch run` after it", ExitCode.USAGE)
    url = database_url(db)
    report = run_crawl(sources, url, options, notify=_note)
    if not report.runs and not report.workers and report.exit_code == ExitCode.LOCKED:
        raise SystemExit(int(ExitCode.LOCKED))
    _refresh_metrics(url, metrics_textfile)
    _print_report(report, url)
    code = report.exit_code
    if run_watches:
        from crawler.watchrun import run_watches as report_watches

        _url, engine = connect(url, create=True)
        code = max(code, report_watches(engine))
        engine.dispose()
    end_crawl(code)


@click.command("demo")
@click.option("--db", "db", metavar="URL", help=f"Database URL or SQLite file [default: ./{DEMO_DATABASE}].")
@sources_option
@click.pass_obj
@handle_db_errors
def demo_command(app: App, db: str | None) -> None:
    """Serve the bundled sample news sites on 127.0.0.1 and crawl them (works offline).

    Into ./mediamon-demo.db unless --db names another database (MEDIAMON_DATABASE_URL,
    which names the real archive, is not used).
    """
    from crawler.cli.summary import summarize
    from crawler.crawl import crawl_exit_code, crawl_sources
    from crawler.runtime.runner import LOCAL_SITE_SETTINGS
    from crawler.sample_sites.server import proxy_map, serve_sources
    from storage.db import masked_url
    from storage.migrate import upgrade

    url, engine = connect(db or app.db or DEMO_DATABASE, create=True)
    engine.dispose()
    upgrade(url)
    with serve_sources(app.sources().values(), as_proxy=True) as (local_sources, sites):
        if not local_sources:
            raise CliError("none of the configured sources has a bundled sample site", ExitCode.USAGE)
        for source in local_sources:
            click.echo(f"Serving the sample site of {source.name} at {sites[source.name].base_url}", err=True)
        settings: dict[str, Any] = {
            **LOCAL_SITE_SETTINGS,
            "MEDIAMON_SAMPLE_SITE_PROXIES": proxy_map(local_sources, sites),
        }
        reports, _log_dir = crawl_sources(local_sources, url, settings, notify=_note)
    summarize(reports, f"Crawl into {masked_url(url)}")
    end_crawl(int(crawl_exit_code(reports)))
