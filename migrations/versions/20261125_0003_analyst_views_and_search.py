"""analyst views and full-text search

The ``article_index`` view (one row per article, for people), full-text search
over headline, description and body, and an index for the language filter.

SQLite: an FTS5 external-content table ``articles_fts`` over ``articles`` (kept in
sync by triggers, rebuilt here for the rows that exist) and ``timezone_offsets``,
the UTC offsets of every IANA zone since 1995, from which the view computes local
times (SQLite has no time-zone database).
PostgreSQL: a GIN index on ``to_tsvector('simple', …)``; the view uses ``AT TIME ZONE``.

A later migration that makes batch mode recreate ``articles`` on SQLite must drop the
view and the triggers first and create them again afterwards (see docs/schema.md).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEARCHED = ("headline", "description", "article_body")
OFFSETS_FROM = datetime(1995, 1, 1, tzinfo=UTC)
OFFSETS_UNTIL = datetime(2040, 1, 1, tzinfo=UTC)

SQLITE_FTS = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
    headline, description, article_body,
    content="articles", content_rowid="id",
    tokenize="unicode61 remove_diacritics 0"
)
"""
_NEW = ", ".join(f"new.{c}" for c in SEARCHED)
_OLD = ", ".join(f"old.{c}" for c in SEARCHED)
_COLS = ", ".join(SEARCHED)
SQLITE_TRIGGERS = {
    "articles_fts_insert": f"""
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, {_COLS}) VALUES (new.id, {_NEW});
END""",
    "articles_fts_delete": f"""
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, {_COLS}) VALUES ('delete', old.id, {_OLD});
END""",
    "articles_fts_update": f"""
CREATE TRIGGER articles_fts_update AFTER UPDATE OF {_COLS} ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, {_COLS}) VALUES ('delete', old.id, {_OLD});
    INSERT INTO articles_fts(rowid, {_COLS}) VALUES (new.id, {_NEW});
END""",
}

SQLITE_VIEW = """
CREATE VIEW article_index AS
SELECT
    a.id AS article_id,
    s.name AS source,
    a.headline AS headline,
    a.date_published AS date_published,
    datetime(a.date_published, (
        SELECT o.utc_offset_seconds || ' seconds' FROM timezone_offsets AS o
        WHERE o.timezone = s.timezone AND o.valid_from <= a.date_published
        ORDER BY o.valid_from DESC LIMIT 1
    )) AS date_published_local,
    (
        SELECT group_concat(ordered.name, ', ') FROM (
            SELECT au.name AS name FROM article_authors AS aa JOIN authors AS au ON au.id = aa.author_id
            WHERE aa.article_id = a.id ORDER BY aa.position
        ) AS ordered
    ) AS authors,
    a.in_language AS language,
    a.section AS section,
    a.canonical_url AS url,
    a.word_count AS word_count
FROM articles AS a LEFT JOIN sources AS s ON s.id = a.source_id
"""

POSTGRESQL_VIEW = """
CREATE VIEW article_index AS
SELECT
    a.id AS article_id,
    s.name AS source,
    a.headline AS headline,
    a.date_published AS date_published,
    a.date_published AT TIME ZONE s.timezone AS date_published_local,
    (
        SELECT string_agg(au.name, ', ' ORDER BY aa.position)
        FROM article_authors AS aa JOIN authors AS au ON au.id = aa.author_id
        WHERE aa.article_id = a.id
    ) AS authors,
    a.in_language AS language,
    a.section AS section,
    a.canonical_url AS url,
    a.word_count AS word_count
FROM articles AS a LEFT JOIN sources AS s ON s.id = a.source_id
"""

# The same expression must appear in queries for PostgreSQL to use the index (storage.search).
POSTGRESQL_SEARCH_INDEX = """
CREATE INDEX ix_articles_search ON articles USING gin (
    to_tsvector('simple'::regconfig,
        coalesce(headline, '') || ' ' || coalesce(description, '') || ' ' || coalesce(article_body, ''))
)
"""


def _offset(zone: zoneinfo.ZoneInfo, ts: int) -> int:
    offset = datetime.fromtimestamp(ts, zone).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def _sampled_changes(zone: zoneinfo.ZoneInfo, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Offset changes found by weekly sampling and bisection to the second (public API only)."""
    previous, ts = _offset(zone, start), start
    while ts < end:
        step = min(ts + 7 * 86_400, end)
        current = _offset(zone, step)
        if current != previous:
            low, high = ts, step
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (middle, high) if _offset(zone, middle) == previous else (low, middle)
            yield high, current
            previous = current
        ts = step


def _transitions(name: str, end: int) -> list[tuple[int, int]]:
    """(UTC timestamp, offset from then on) of a zone, read by the pure-Python zoneinfo.

    The TZif file's transitions, then those of its POSIX rule for later years. Private
    attributes of the standard library: a missing one raises AttributeError.
    """
    from zoneinfo import _zoneinfo  # the pure-Python implementation

    zone = _zoneinfo.ZoneInfo.no_cache(name)
    pairs = [(int(t), int(tti.utcoff.total_seconds())) for t, tti in zip(zone._trans_utc, zone._ttinfos, strict=True)]
    rule = zone._tz_after
    if isinstance(rule, _zoneinfo._TZStr):
        std, dst = int(rule.std.utcoff.total_seconds()), int(rule.dst.utcoff.total_seconds())
        first = datetime.fromtimestamp(pairs[-1][0], UTC).year if pairs else 1970
        for year in range(first, datetime.fromtimestamp(end, UTC).year + 1):
            local_start, local_end = rule.transitions(year)
            pairs += [(int(local_start) - std, dst), (int(local_end) - dst, std)]
        pairs.sort()
    return pairs


def _changes(name: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The offset at ``start``, then (UTC timestamp, new offset) of each change before ``end``."""
    try:
        pairs = _transitions(name, end)
    except (ImportError, AttributeError, TypeError, ValueError):
        zone = zoneinfo.ZoneInfo(name)
        yield start, _offset(zone, start)
        yield from _sampled_changes(zone, start, end)
        return
    current = _offset(zoneinfo.ZoneInfo(name), start)
    yield start, current
    for moment, offset in pairs:
        if start < moment < end and offset != current:
            yield moment, offset
            current = offset


def _offset_rows() -> Iterator[dict[str, object]]:
    start, end = int(OFFSETS_FROM.timestamp()), int(OFFSETS_UNTIL.timestamp())
    for name in sorted(zoneinfo.available_timezones()):
        for moment, offset in _changes(name, start, end):
            when = "0001-01-01 00:00:00" if moment == start else str(datetime.fromtimestamp(moment, UTC))[:19]
            yield {"timezone": name, "valid_from": when, "utc_offset_seconds": offset}


def _upgrade_sqlite() -> None:
    offsets = op.create_table(
        "timezone_offsets",
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("valid_from", sa.String(length=19), nullable=False),
        sa.Column("utc_offset_seconds", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("timezone", "valid_from", name=op.f("pk_timezone_offsets")),
        sqlite_with_rowid=False,
    )
    op.bulk_insert(offsets, list(_offset_rows()))
    op.execute(SQLITE_FTS)
    op.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    for ddl in SQLITE_TRIGGERS.values():
        op.execute(ddl)
    op.execute(SQLITE_VIEW)


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index("ix_articles_in_language_date_published", ["in_language", "date_published"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        _upgrade_sqlite()
    else:
        op.execute(POSTGRESQL_SEARCH_INDEX)
        op.execute(POSTGRESQL_VIEW)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS article_index")
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
        op.drop_table("timezone_offsets")
    else:
        op.execute("DROP INDEX IF EXISTS ix_articles_search")
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_in_language_date_published")
