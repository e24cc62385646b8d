"""PostgreSQL: the article texts are compressed with LZ4 instead of pglz

An article's body (and its search document) is a few kilobytes, which PostgreSQL
compresses when it stores it. Its default, pglz, took ~115 µs of server CPU for an
8 KB body, LZ4 ~29 µs (``INSERT`` of 2,000 bodies into a table of each kind on the
local PostgreSQL 15); reads (exports, full-text scans) decompress faster too. The
bodies take more room: +38% on the benchmark's generated text, which repeats a small
vocabulary; natural text compresses less with either method.

Only values written from now on use LZ4; stored ones keep pglz until rewritten.
A server without LZ4 (older than PostgreSQL 14, or built without it) keeps pglz:
the change is skipped with a notice. SQLite is unchanged.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The columns of long text, by table.
COLUMNS = {"articles": ("article_body", "search_document"), "article_revisions": ("article_body",)}


def _set_compression(method: str) -> str:
    """A DO block that sets ``method`` on the columns, or says why it cannot (run as dynamic SQL so
    that a server without ``SET COMPRESSION`` reports it as an error the block catches)."""
    statements = " ".join(
        f"EXECUTE 'ALTER TABLE {table} {', '.join(f'ALTER COLUMN {c} SET COMPRESSION {method}' for c in columns)}';"
        for table, columns in COLUMNS.items()
    )
    return f"""
DO $$
BEGIN
    {statements}
EXCEPTION WHEN feature_not_supported OR syntax_error OR invalid_parameter_value THEN
    RAISE NOTICE 'column compression {method} is not available on this server: %', SQLERRM;
END
$$"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_set_compression("lz4"))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_set_compression("default"))  # the server's default_toast_compression, as before
