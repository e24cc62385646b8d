"""recompute near-duplicate fingerprints (SimHash version 2)

SimHash version 2 hashes each word once and mixes shingles in numpy (about 3x
faster); its fingerprints are not comparable with version 1's, so the stored
ones are recomputed from the stored bodies. No schema change.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from storage.stories import clear_fingerprints, recompute_fingerprints

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    recompute_fingerprints(op.get_bind())


def downgrade() -> None:
    # Version 1 is gone from the code; fingerprints are cleared rather than left incomparable.
    clear_fingerprints(op.get_bind())
