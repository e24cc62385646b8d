"""Drive Alembic from code: the CLI, the demo and the tests use these, never ``create_all``."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


class SchemaOutOfDate(RuntimeError):
    """The database is behind (or ahead of) the migrations this code needs."""


def alembic_config(url: str) -> Config:
    """An Alembic config for ``url`` that does not depend on the working directory."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["url"] = url
    return config


def head_revision() -> str:
    heads = ScriptDirectory(str(MIGRATIONS_DIR)).get_heads()
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def require_current(engine: Engine) -> None:
    """Raise :class:`SchemaOutOfDate` unless the database is at the head revision."""
    current, head = current_revision(engine), head_revision()
    if current != head:
        where = "has no mediamon tables" if current is None else f"is at revision {current}"
        raise SchemaOutOfDate(f"the database {where}, this mediamon needs {head}: run `mediamon db upgrade`")
