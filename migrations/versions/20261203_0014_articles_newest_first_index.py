"""articles newest first: an index in the order of every listing (PostgreSQL)

Listings and searches show articles ``ORDER BY date_published DESC NULLS LAST, id DESC``.
PostgreSQL's ``ix_articles_date_published`` read backwards gives NULLS FIRST, so without an
index in exactly this order each page sorted every matching row (the newest 20 of 1,000,000
articles read them all). With it, a listing walks the index and stops at its limit, and a search
for a common word walks it testing each article's document (docs/performance.md).
SQLite needs none: its index on ``date_published`` ends with the rowid (the id), and SQLite puts
NULLs last in descending order, so reading it backwards is this order already; the migration
does nothing there.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_articles_newest_first"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX {NAME} ON articles (date_published DESC NULLS LAST, id DESC)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {NAME}")
