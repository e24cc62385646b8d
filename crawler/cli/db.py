"""``mediamon db``: create and migrate the database (Alembic), replay the spool, grant read-only access."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from crawler.cli.common import CliError, connect, db_option, handle_db_errors, require_schema
from crawler.exitcodes import ExitCode


@click.group("db")
def db_group() -> None:
    """Create and migrate the database (Alembic)."""


def _migrate(db: str | None, action: Callable[..., None], revision: str) -> None:
    """Run an Alembic upgrade or downgrade and say where the database now is."""
    from storage.db import masked_url
    from storage.schema import current_revision

    url, engine = connect(db, create=True)
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
    from storage.db import masked_url
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
    from crawler.runtime.runner import crawl_settings
    from crawler.runtime.spool import replay
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


GRANTS = (
    "GRANT USAGE ON SCHEMA {schema} TO {role}",
    "GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}",
    "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT ON TABLES TO {role}",
    # An analyst's forgotten query or open transaction must not hold locks that cron's runs and migrations wait for.
    "ALTER ROLE {role} SET statement_timeout = '5min'",
    "ALTER ROLE {role} SET idle_in_transaction_session_timeout = '1min'",
)


@db_group.command("grant-readonly")
@click.argument("role")
@db_option
@handle_db_errors
def grant_readonly_command(role: str, db: str | None) -> None:
    """Let ROLE read every table and view (PostgreSQL): USAGE on the schema, SELECT, and nothing else."""
    from psycopg import sql

    _url, engine = connect(db)
    if engine.dialect.name != "postgresql":
        engine.dispose()
        raise CliError(
            "grant-readonly needs PostgreSQL: SQLite has no roles (`mediamon sql` opens the file read-only)",
            ExitCode.USAGE,
        )
    require_schema(engine)
    raw = engine.raw_connection()
    try:
        pg: Any = raw.driver_connection
        with pg.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
            if cursor.fetchone() is None:
                raise CliError(f"no role named {role!r}: create it first (CREATE ROLE … LOGIN)", ExitCode.USAGE)
            schema = cursor.execute("SELECT current_schema()").fetchone()[0]
            for grant in GRANTS:
                cursor.execute(sql.SQL(grant).format(schema=sql.Identifier(schema), role=sql.Identifier(role)))
        pg.commit()
    finally:
        raw.close()
        engine.dispose()
    click.echo(f"{role} may now read (SELECT) every table and view in schema {schema}, and future ones.")
    click.echo(f"{role}'s statements stop after 5 minutes, idle open transactions after 1 minute.")
