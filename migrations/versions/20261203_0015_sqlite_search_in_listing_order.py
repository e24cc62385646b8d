"""search in listing order (SQLite): FTS5 rows keyed by publication second and article id

``articles_fts`` rows were keyed by the article id, so a newest-first page of a common word read
every match's id out of FTS5 and sorted or tested them by date (docs/performance.md). Now each
row's rowid is ``(publication second << 31) + id`` (:mod:`storage.query.keys`): a page reads the
matches backwards and stops after its rows. The triggers remove a deleted article's row and move
the row of an article whose date changes (its text stays indexed; a text changed other than by the
store still leaves the index, as in 0010). ``articles_fts_recent`` holds the same rows keyed by
article id for the articles stored while any watch exists (a watch reads its new matches there);
it is filled here with the articles after the lowest cursor of the existing watches.
PostgreSQL: nothing. The downgrade restores 0010's table keyed by id and its triggers.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from storage.query.document import FTS_COLUMNS
from storage.query.keys import RECENT_TABLE, fts_table_ddl, key_sql

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = ", ".join(FTS_COLUMNS)
_F_COLUMNS = ", ".join(f"f.{c}" for c in FTS_COLUMNS)
_INDEXED = ("headline", "description", "article_body", "in_language", "source_id")
_CHANGED = " OR ".join(f"old.{c} IS NOT new.{c}" for c in _INDEXED)
_OLD, _NEW, _A = (
    key_sql("old.date_published", "old.id"),
    key_sql("new.date_published", "new.id"),
    key_sql("a.date_published", "a.id"),
)


TRIGGERS = {
    "articles_fts_delete": f"""
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = {_OLD};
    DELETE FROM {RECENT_TABLE} WHERE rowid = old.id;
END""",
    "articles_fts_update": f"""
CREATE TRIGGER articles_fts_update AFTER UPDATE OF {", ".join(_INDEXED)}, date_published ON articles BEGIN
    INSERT INTO articles_fts (rowid, {_COLUMNS})
        SELECT {_NEW}, {_COLUMNS} FROM articles_fts WHERE rowid = {_OLD} AND {_NEW} <> {_OLD};
    DELETE FROM articles_fts WHERE rowid = {_OLD} AND {_NEW} <> {_OLD};
    DELETE FROM articles_fts WHERE rowid = {_NEW} AND ({_CHANGED});
    DELETE FROM {RECENT_TABLE} WHERE rowid = new.id AND ({_CHANGED});
END""",
}


def _rebuild(new_key: str, join_on: str, order: str) -> None:
    """``articles_fts`` written again under other keys, in their order (FTS5 writes ascending rowids fastest)."""
    op.execute("DROP TABLE IF EXISTS articles_fts_rekeyed")
    op.execute(fts_table_ddl("articles_fts_rekeyed"))
    op.execute(
        f"INSERT INTO articles_fts_rekeyed (rowid, {_COLUMNS}) SELECT {new_key}, {_F_COLUMNS}"
        f" FROM articles AS a JOIN articles_fts AS f ON f.rowid = {join_on} ORDER BY {order}"
    )
    op.execute("DROP TABLE articles_fts")
    op.execute("ALTER TABLE articles_fts_rekeyed RENAME TO articles_fts")
    op.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    # The date index's order is the keys' (undated first, then by date and id) but for microseconds and clamps.
    _rebuild(_A, "a.id", "a.date_published, a.id")
    op.execute(fts_table_ddl(RECENT_TABLE))
    op.execute(
        f"INSERT INTO {RECENT_TABLE} (rowid, {_COLUMNS}) SELECT a.id, {_F_COLUMNS}"
        f" FROM articles AS a JOIN articles_fts AS f ON f.rowid = {_A}"
        " WHERE a.id > (SELECT min(last_article_id) FROM watches) ORDER BY a.id"
    )
    for ddl in TRIGGERS.values():
        op.execute(ddl)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DROP TABLE IF EXISTS {RECENT_TABLE}")
    _rebuild("a.id", _A, "a.id")
    from importlib.util import module_from_spec, spec_from_file_location
    from pathlib import Path

    path = Path(__file__).with_name("20261203_0010_search_index_of_the_analyzer.py")
    spec = spec_from_file_location("_mediamon_migration_0010", path)
    assert spec is not None and spec.loader is not None
    search_0010 = module_from_spec(spec)
    spec.loader.exec_module(search_0010)
    for ddl in search_0010.SQLITE_TRIGGERS.values():
        op.execute(ddl)
