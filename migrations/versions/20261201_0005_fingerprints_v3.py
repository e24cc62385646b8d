"""recompute near-duplicate fingerprints (SimHash version 3)

SimHash version 3 hashes all the words of a body at once in numpy (a polynomial
hash over code points from prefix sums) instead of one CRC-32 call per word: a
fifth of the time an article, off the store's hot path. Its fingerprints are not
comparable with version 2's, so the stored ones are recomputed from the stored
bodies. No schema change; stored word counts are left as they are (the same for
all but texts with combining marks, which version 3 keeps inside their words).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from storage.stories import clear_fingerprints, recompute_fingerprints

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    recompute_fingerprints(op.get_bind())


def downgrade() -> None:
    # Version 2 is gone from the code; fingerprints are cleared rather than left incomparable.
    clear_fingerprints(op.get_bind())
