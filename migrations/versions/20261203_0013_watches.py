"""watches: saved queries whose new matches are reported, and what each has reported

``watches`` holds each watch's query, sources, notification target and cursor (the newest
article id it has looked at). ``watch_reports`` has one row per watch and matching article,
unique on the pair: a run claims a match by inserting it in the same transaction that
advances the cursor, and marks it delivered once stdout, the webhook or the mail took it.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "watches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("notify", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_article_id", sa.BigInteger(), nullable=False),
        sa.Column("first_article_id", sa.BigInteger(), nullable=False),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watches")),
        sa.UniqueConstraint("name", name=op.f("uq_watches_name")),
    )
    op.create_table(
        "watch_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("watch_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.String(length=300), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_watch_reports_article_id_articles"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["watch_id"], ["watches.id"], name=op.f("fk_watch_reports_watch_id_watches"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_reports")),
        sa.UniqueConstraint("watch_id", "article_id", name=op.f("uq_watch_reports_watch_id_article_id")),
    )
    op.create_index(op.f("ix_watch_reports_article_id"), "watch_reports", ["article_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_watch_reports_article_id"), table_name="watch_reports")
    op.drop_table("watch_reports")
    op.drop_table("watches")
