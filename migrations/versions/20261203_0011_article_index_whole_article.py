"""article_index: the whole article (tags, image, modified date, first seen, story key, duplicate link)

The view gains, after its columns of 0003: ``tags`` (``articles.keywords`` joined with
", "), ``image_url``, ``date_modified`` (UTC), ``first_seen`` (when the store first saw the
article, UTC), ``story_key`` (shared by an article's language editions) and ``duplicate_of``
(the id of the article this one is a syndicated copy of). The downgrade restores 0003's view.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LAST_COLUMN = "    a.word_count AS word_count\n"
_MORE = """,
    a.image_url AS image_url,
    a.date_modified AS date_modified,
    a.first_seen_at AS first_seen,
    a.story_key AS story_key,
    a.duplicate_of_id AS duplicate_of
"""
TAGS = {
    "sqlite": "    (SELECT group_concat(k.value, ', ') FROM json_each(a.keywords) AS k) AS tags",
    "postgresql": "    (SELECT string_agg(k.value, ', ' ORDER BY k.n)"
    " FROM json_array_elements_text(a.keywords) WITH ORDINALITY AS k(value, n)) AS tags",
}


def _view_0003(dialect: str) -> str:
    """0003's ``article_index`` (landed migrations never change: the downgrade restores it)."""
    path = Path(__file__).with_name("20261125_0003_analyst_views_and_search.py")
    spec = importlib.util.spec_from_file_location("_mediamon_migration_0003", path)
    assert spec is not None and spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SQLITE_VIEW if dialect == "sqlite" else module.POSTGRESQL_VIEW


def view(dialect: str) -> str:
    """The view of this revision: 0003's with the article's other columns after ``word_count``."""
    old = _view_0003(dialect)
    assert _LAST_COLUMN in old
    return old.replace(_LAST_COLUMN, "    a.word_count AS word_count,\n" + TAGS[dialect] + _MORE)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute("DROP VIEW IF EXISTS article_index")
    op.execute(view(dialect))


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.execute("DROP VIEW IF EXISTS article_index")
    op.execute(_view_0003(dialect))
