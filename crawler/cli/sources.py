"""``mediamon sources`` (the configured sources) and ``mediamon sources add URL`` (probe a site, write its entry)."""

from __future__ import annotations

from pathlib import Path

import click

from crawler.cli.common import App, CliError, sources_option
from crawler.cli.output import format_option, render
from crawler.exitcodes import ExitCode


@click.group("sources", invoke_without_command=True)
@sources_option
@format_option
@click.pass_context
def sources_group(ctx: click.Context, fmt: str) -> None:
    """List the configured sources (or `sources add URL`)."""
    if ctx.invoked_subcommand is not None:
        return
    app = ctx.find_object(App) or ctx.ensure_object(App)
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
@sources_option
@click.pass_obj
def sources_add(app: App, homepage: str, name: str | None, yes: bool) -> None:
    """Probe a news site and add a source entry for it to the sources file."""
    import tomllib

    from crawler.probe import probe_site, source_name_for
    from crawler.sources import DEFAULT_SOURCES_FILE, SourcesError, dump_sources, parse_sources

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
