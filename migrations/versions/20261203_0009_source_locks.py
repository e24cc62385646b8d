"""source_locks: one row per source, row-locked by the run that crawls it

Source locks were PostgreSQL advisory locks, which any role may take: the read-only
role of ``db grant-readonly`` could hold a source's key and make every cron run of it
exit 5. A row lock (``SELECT … FOR UPDATE``/``FOR SHARE``) needs the UPDATE privilege
on the table, which that role does not have. The rows are created by the runs
(``INSERT … ON CONFLICT DO NOTHING``); nothing else is kept here. SQLite runs keep
their ``flock`` beside the database file and never use the table.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "source_locks",
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("source", name=op.f("pk_source_locks")),
    )


def downgrade() -> None:
    op.drop_table("source_locks")
