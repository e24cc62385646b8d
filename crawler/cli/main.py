"""The ``mediamon`` root command: its options and its subcommands, each imported when it is used.

The subcommands are named here and imported from their group's module (:data:`COMMANDS`) only
when they run or when ``--help`` lists them; a module imports what its commands need (Scrapy,
matplotlib, pyarrow, uvicorn...) inside the command, so ``mediamon --help`` and the analysts'
commands start without the crawl's modules (``benchmarks/startup.py`` measures it).
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from crawler.cli import common
from crawler.cli.common import DB_HELP, SOURCES_HELP, App, CliError
from crawler.exitcodes import ExitError, exit_without_teardown

#: Each subcommand: ``module:attribute`` of its click command, by group of users.
COMMANDS = {
    # crawling (cron)
    "crawl": "crawler.cli.crawl:crawl_command",
    "demo": "crawler.cli.crawl:demo_command",
    "sources": "crawler.cli.sources:sources_group",
    "db": "crawler.cli.db:db_group",
    # ops
    "runs": "crawler.cli.ops:runs_group",
    "health": "crawler.cli.ops:health_command",
    "metrics": "crawler.cli.ops:metrics_command",
    # analysts
    "articles": "crawler.cli.analysts:articles_command",
    "export": "crawler.cli.analysts:export_command",
    "sql": "crawler.cli.analysts:sql_command",
    "show": "crawler.cli.reading:show_command",
    "authors": "crawler.cli.reading:authors_command",
    "stats": "crawler.cli.trends:stats_command",
    "trend": "crawler.cli.trends:trend_command",
    "watch": "crawler.cli.watches:watch_group",
    "serve": "crawler.cli.serve:serve_command",
    # the archive
    "reextract": "crawler.cli.archive:reextract_command",
    "import-warc": "crawler.cli.archive:import_warc_command",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use (click's documented lazy-loading pattern).

    It also turns an :class:`crawler.exitcodes.ExitError` of the APIs the commands call into
    the command line's one-line error.
    """

    def __init__(self, *args: Any, lazy_subcommands: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_subcommands = lazy_subcommands or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_subcommands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_subcommands and cmd_name not in self.commands:
            module, _, attribute = self.lazy_subcommands[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ExitError as exc:
            raise CliError(exc.message, exc.exit_code) from None


@click.group(
    cls=LazyGroup, lazy_subcommands=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]}
)  # fmt: skip
@click.option("--sources", "sources_file", metavar="FILE", envvar="MEDIAMON_SOURCES_FILE", help=SOURCES_HELP)
@click.option("--db", "db", metavar="URL", help=DB_HELP + " Also accepted after the command.")
@click.version_option(package_name="mediamon")
@click.pass_context
def main(ctx: click.Context, sources_file: str | None, db: str | None) -> None:
    """mediamon: crawl news sites into a SQL archive of normalized articles."""
    ctx.obj = App(sources_file=sources_file, db=db)


def run() -> None:
    """The ``mediamon`` command (and ``python -m crawler.cli``)."""
    try:
        main(prog_name="mediamon")
    except SystemExit as done:
        if common.crawl_ended:
            exit_without_teardown(done.code)
        raise
