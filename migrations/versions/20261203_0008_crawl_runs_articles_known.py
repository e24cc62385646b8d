"""crawl_runs.articles_known: the articles a run found already stored, a counted column

Until now "already known" lived only in the run's stats JSON (``store/unchanged`` plus
``incremental/skipped_known``), where ``mediamon runs --format csv`` and SQL could not
read it. Existing runs get it from their stats where those hold it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("crawl_runs") as batch:
        batch.add_column(sa.Column("articles_known", sa.Integer(), nullable=False, server_default="0"))
    runs = sa.table("crawl_runs", sa.column("id", sa.Integer()), sa.column("stats", sa.JSON()))
    connection = op.get_bind()
    updates = []
    for run_id, stats in connection.execute(sa.select(runs.c.id, runs.c.stats)):
        stats = stats or {}
        known = int(stats.get("store/unchanged", 0) or 0) + int(stats.get("incremental/skipped_known", 0) or 0)
        if known:
            updates.append({"run_id": run_id, "known": known})
    if updates:
        connection.execute(sa.text("UPDATE crawl_runs SET articles_known = :known WHERE id = :run_id"), updates)


def downgrade() -> None:
    with op.batch_alter_table("crawl_runs") as batch:
        batch.drop_column("articles_known")
