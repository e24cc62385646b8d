"""Drive Alembic from code: the CLI, the demo and the tests use these, never ``create_all``.

The check a crawl makes before it starts (is the database at the newest revision?) is in
:mod:`storage.schema`, which does not import Alembic.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic config for ``url`` that does not depend on the working directory."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["url"] = url
    return config


def head_revision() -> str:
    """The head of migrations/versions as Alembic reads it (``storage.schema.HEAD_REVISION`` must equal it)."""
    heads = ScriptDirectory(str(MIGRATIONS_DIR)).get_heads()
    return heads[0]


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)
