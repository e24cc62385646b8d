"""Watches: saved queries whose new matching articles are reported once each.

A run claims the matches of all its watches in one transaction that (1) takes the watches' row
locks (an UPDATE first: PostgreSQL's row locks, in id order, SQLite's write lock, so a second
run of the same watches waits instead of reading stale cursors), (2) takes back matches whose
claim is stale (their run died or gave them back after a failed delivery), (3) advances the
cursors and (4) inserts one ``watch_reports`` row per new match, unique on (watch, article),
with one statement for all watches. After delivering, the run marks its rows delivered (the
watches printed on stdout only together, before the next webhook or mail and at the end);
after a failed delivery it gives them back. A run killed
between its claim and that mark leaves its claim behind, which the next run on this host
takes back as soon as the process is gone (another host's, after :data:`CLAIM_LEASE`).

Delivery is at least once at the boundary: a run killed after the webhook took its matches, or
after it printed them, but before marking them (a window of one local commit, or of printing the
stdout-only watches' lines) reports them again next time.
"""

from __future__ import annotations

import socket
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import psutil
from sqlalchemy import (
    ARRAY,
    BigInteger,
    Connection,
    Integer,
    Select,
    String,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal,
    select,
    text,
    union_all,
    update,
)
from sqlalchemy.sql import column, table

from storage.models import Article, Source, Watch, WatchReport
from storage.query.compiler import fts5, tsquery
from storage.query.index import DOCUMENT_COLUMN
from storage.query.keys import RECENT_TABLE, fts_match, fts_table_ddl, keyed_matches
from storage.query.parser import parse

#: A claim of a process on another host is taken back after this long.
CLAIM_LEASE = timedelta(minutes=15)
#: PostgreSQL can commit article ids out of order (a long crawl transaction holds an older id):
#: matches are looked for this many ids below the cursor too (the reports table keeps them once).
POSTGRESQL_LOOKBACK = 10_000
#: SQLite: ``articles_fts_recent`` is emptied once all cursors are past it and it spans this many ids.
RECENT_ROWS = 100_000


class WatchError(ValueError):
    """A watch that cannot be added or found (the CLI prints it as one line)."""


@dataclass(frozen=True, slots=True)
class Match:
    watch: str
    article_id: int
    url: str
    headline: str | None
    source: str | None
    language: str | None
    date_published: datetime | None

    def as_json(self) -> dict[str, Any]:
        published = self.date_published.isoformat() if self.date_published else None
        return {
            "watch": self.watch,
            "article_id": self.article_id,
            "url": self.url,
            "headline": self.headline,
            "source": self.source,
            "language": self.language,
            "date_published": published,
        }


def claimer() -> str:
    """This process's claim token: host, pid and start time (a reused pid is another process)."""
    me = psutil.Process()
    return f"{socket.gethostname()}:{me.pid}:{me.create_time():.2f}"


def _gone(token: str, here: str) -> bool:
    """Whether the process of a claim token on this host has ended."""
    host, _, rest = token.partition(":")
    pid, _, started = rest.partition(":")
    if host != here or not pid.isdigit():
        return False
    try:
        return f"{psutil.Process(int(pid)).create_time():.2f}" != started
    except psutil.Error:
        return True


def add_watch(
    connection: Connection, name: str, query: str, sources: Sequence[str], notify: str | None, *, backfill: bool
) -> int:
    """Insert a watch; it reports articles stored from now on (all matches with ``backfill``)."""
    if connection.scalar(select(Watch.id).where(Watch.name == name)) is not None:
        raise WatchError(f"a watch named {name!r} exists already")
    cursor = 0 if backfill else connection.scalar(select(func.coalesce(func.max(Article.id), 0)))
    now = datetime.now(UTC)
    row = {"name": name, "query": query, "sources": list(sources), "notify": notify, "created_at": now}
    values = {**row, "last_article_id": cursor, "first_article_id": cursor}
    return connection.execute(insert(Watch).values(**values).returning(Watch.id)).scalar_one()


def remove_watch(connection: Connection, name: str) -> None:
    watch_id = connection.scalar(select(Watch.id).where(Watch.name == name))
    if watch_id is None:
        raise WatchError(f"no watch named {name!r}")
    connection.execute(delete(WatchReport).where(WatchReport.watch_id == watch_id))
    connection.execute(delete(Watch).where(Watch.id == watch_id))


def list_watches(connection: Connection) -> list[Any]:
    """Every watch with its counts of delivered and pending matches."""
    delivered = func.count(WatchReport.delivered_at)
    pending = func.count(WatchReport.id) - delivered
    query = (
        select(*Watch.__table__.c, delivered.label("delivered"), pending.label("pending"))
        .outerjoin(WatchReport, WatchReport.watch_id == Watch.id)
        .group_by(Watch.id)
        .order_by(Watch.name)
    )
    return list(connection.execute(query).mappings().all())


def watches(connection: Connection, names: Sequence[str] = ()) -> list[Watch]:
    """The watches of these names (all when none is given), by name."""
    rows = connection.execute(select(*Watch.__table__.c).order_by(Watch.name)).all()
    found = [Watch(**row._mapping) for row in rows if not names or row.name in names]
    if missing := sorted(set(names) - {w.name for w in found}):
        raise WatchError(f"no watch named {missing[0]!r}")
    return found


def _lock(connection: Connection, ids: list[int], now: datetime) -> dict[int, int]:
    """Lock the watches' rows, in id order, and return their cursors (the lock is the claim's first write)."""
    if connection.dialect.name == "postgresql":  # in id order: two runs of overlapping sets never deadlock
        connection.execute(select(Watch.id).where(Watch.id.in_(ids)).order_by(Watch.id).with_for_update())
    stamped = update(Watch).where(Watch.id.in_(ids)).values(last_run_at=now)
    return {i: c or 0 for i, c in connection.execute(stamped.returning(Watch.id, Watch.last_article_id)).all()}


def _sqlite_hits(watch: Watch, low: int, newest: int) -> Select[Any]:
    """The ids of the watch's matches among (low, newest].

    A cursor above 0 was set while the watch existed, and every article stored since is in
    ``articles_fts_recent`` keyed by its id (:mod:`storage.query.index`): FTS5 reads from the id above
    the cursor on. A backfill's first run reads the matches of ``articles_fts`` (keyed by date, all).
    """
    fts_query = fts5(parse(watch.query))
    if low <= 0:
        return keyed_matches(fts_query)
    key = table(RECENT_TABLE, column("rowid", Integer)).c.rowid
    return select(key).where(fts_match(RECENT_TABLE, fts_query), key > low, key <= newest)


def _new_matches(watch: Watch, low: int, newest: int, token: str, now: datetime) -> Select[Any]:
    """The watch's matches among the ids (low, newest] that it has no report of yet, as report rows (SQLite)."""
    reported = select(WatchReport.article_id).where(WatchReport.watch_id == watch.id)
    columns: list[Any] = [
        literal(watch.id).label("watch_id"),
        Article.id.label("article_id"),
        literal(token, String).label("claimed_by"),
        literal(now, WatchReport.claimed_at.type).label("claimed_at"),
    ]
    new: Select[Any] = select(*columns).where(
        Article.id > low,
        Article.id <= newest,
        Article.id.in_(_sqlite_hits(watch, low, newest)),
        Article.id.not_in(reported),
    )
    if watch.sources:
        new = new.where(Article.source_id.in_(select(Source.id).where(Source.name.in_(watch.sources))))
    return new


def _prune_recent(connection: Connection) -> None:
    """Empty ``articles_fts_recent`` once every watch's cursor is past its rows and they span at least
    :data:`RECENT_ROWS` ids: a new table (deleting FTS5 rows one by one costs as much as writing them;
    dropping 10,000 took ~300 ms of the claim's transaction, so it is done once in many runs)."""
    floor = connection.scalar(select(func.min(Watch.last_article_id)))
    last = connection.scalar(text(f"SELECT rowid FROM {RECENT_TABLE} ORDER BY rowid DESC LIMIT 1"))
    first = connection.scalar(text(f"SELECT rowid FROM {RECENT_TABLE} ORDER BY rowid LIMIT 1"))
    if floor is None or last is None or first is None or floor < last or last - first < RECENT_ROWS:
        return
    connection.execute(text(f"DROP TABLE {RECENT_TABLE}"))
    connection.execute(text(fts_table_ddl(RECENT_TABLE)))


def claim(connection: Connection, chosen: Sequence[Watch], token: str) -> set[int]:
    """Claim the watches' matches to deliver, stale claims taken back and new matches (inside a transaction).

    A handful of statements for all the watches together (one ``INSERT … SELECT`` of their searches
    joined by ``UNION ALL``). Returns the ids of the watches of which this run holds matches;
    :func:`matches` reads them and :func:`settle` closes them.
    """
    if not chosen:
        return set()
    now = datetime.now(UTC)
    ids = sorted(w.id for w in chosen)
    cursors = _lock(connection, ids, now)
    newest = connection.scalar(select(func.max(Article.id))) or 0
    here = token.partition(":")[0]
    pending = WatchReport.watch_id.in_(ids) & WatchReport.delivered_at.is_(None)
    holders = connection.scalars(
        select(WatchReport.claimed_by).where(pending, WatchReport.claimed_by.is_not(None)).distinct()
    ).all()
    stale = [h for h in holders if h is not None and _gone(h, here)]
    taken = (
        WatchReport.claimed_by.is_(None)
        | WatchReport.claimed_by.in_(stale)
        | (WatchReport.claimed_at < now - CLAIM_LEASE)
    )
    # Read from RETURNING: rowcount is -1 for some statements on psycopg.
    held = set(
        connection.scalars(
            update(WatchReport)
            .where(pending & taken)
            .values(claimed_by=token, claimed_at=now)
            .returning(WatchReport.watch_id)
        ).all()
    )
    advanced = case((Watch.last_article_id < newest, newest), else_=Watch.last_article_id)
    connection.execute(update(Watch).where(Watch.id.in_(ids)).values(last_article_id=advanced))
    dialect = connection.dialect.name
    if dialect == "postgresql":
        return held | set(_claim_postgresql(connection, chosen, cursors, newest, token, now))
    arms = [
        _new_matches(watch, cursors.get(watch.id, 0), newest, token, now)
        for watch in chosen
        if newest > cursors.get(watch.id, 0)
    ]
    if not arms:
        return held
    # FTS5 reads each query's matches from the id just above the cursor on: a few ms a watch.
    new = arms[0] if len(arms) == 1 else union_all(*arms)
    columns = ("watch_id", "article_id", "claimed_by", "claimed_at")
    added = connection.scalars(insert(WatchReport).from_select(columns, new).returning(WatchReport.watch_id)).all()
    _prune_recent(connection)
    return held | set(added)


_POSTGRESQL_CLAIM = """
INSERT INTO watch_reports (watch_id, article_id, claimed_by, claimed_at)
SELECT w.watch_id, d.id, :token, :now
FROM (
    SELECT id, source_id, {document} || ''::tsvector AS document FROM articles
    WHERE id > :lowest AND id <= :newest OFFSET 0
) AS d
CROSS JOIN LATERAL (
    SELECT w.watch_id FROM (VALUES {watches}) AS w (watch_id, query, low, sources)
    WHERE d.id > w.low AND (w.sources IS NULL OR d.source_id = ANY (w.sources)) AND d.document @@ w.query
) AS w
WHERE NOT EXISTS (SELECT 1 FROM watch_reports AS r WHERE r.watch_id = w.watch_id AND r.article_id = d.id)
RETURNING watch_id
"""


def _claim_postgresql(
    connection: Connection, chosen: Sequence[Watch], cursors: dict[int, int], newest: int, token: str, now: datetime
) -> list[int]:
    """The new matches of all watches in one pass over the new articles, each document read once.

    The GIN index is no help for a few thousand new articles: a common word's list holds a quarter of the
    archive (~250,000 entries at 1,000,000 articles, read whole for each watch), and a phrase's matches
    are rechecked in every document of the archive that has both words. Instead each new article's
    document is fetched from TOAST and decompressed once (``|| ''`` makes a plain copy) and tested
    against every watch's query; ids are looked for down to :data:`POSTGRESQL_LOOKBACK` below a cursor.
    """
    lows = {w.id: max(w.first_article_id, cursors.get(w.id, 0) - POSTGRESQL_LOOKBACK) for w in chosen}
    searched = [w for w in chosen if newest > lows[w.id]]
    if not searched:
        return []
    names = {name for w in searched for name in w.sources}
    source_ids = dict(connection.execute(select(Source.name, Source.id).where(Source.name.in_(names))).all())
    params: list[Any] = [
        bindparam("token", token, String),
        bindparam("now", now, WatchReport.claimed_at.type),
        bindparam("lowest", min(lows[w.id] for w in searched), BigInteger),
        bindparam("newest", newest, BigInteger),
    ]
    rows = []
    for i, watch in enumerate(searched):
        sources = [source_ids[n] for n in watch.sources if n in source_ids] if watch.sources else None
        rows.append(f"(CAST(:w{i} AS integer), CAST(:q{i} AS tsquery), CAST(:l{i} AS bigint), CAST(:s{i} AS int[]))")
        params += [
            bindparam(f"w{i}", watch.id, Integer),
            bindparam(f"q{i}", tsquery(parse(watch.query))),
            bindparam(f"l{i}", lows[watch.id], BigInteger),
            bindparam(f"s{i}", sources, ARRAY(Integer)),
        ]
    sql = _POSTGRESQL_CLAIM.format(document=DOCUMENT_COLUMN, watches=", ".join(rows))
    return list(connection.scalars(text(sql).bindparams(*params)).all())


def _claimed(ids: Sequence[int], token: str) -> Any:
    return WatchReport.watch_id.in_(ids) & (WatchReport.claimed_by == token) & WatchReport.delivered_at.is_(None)


def matches(connection: Connection, chosen: Sequence[Watch], token: str) -> dict[int, list[Match]]:
    """The articles this run has claimed, by watch id, oldest id first (one query for all the watches)."""
    names = {w.id: w.name for w in chosen}
    query = (
        select(
            WatchReport.watch_id,
            Article.id,
            Article.url,
            Article.headline,
            Source.name,
            Article.in_language,
            Article.date_published,
        )
        .join(WatchReport, WatchReport.article_id == Article.id)
        .outerjoin(Source, Source.id == Article.source_id)
        .where(_claimed(list(names), token))
        .order_by(WatchReport.watch_id, Article.id)
    )
    found: dict[int, list[Match]] = {i: [] for i in names}
    for row in connection.execute(query):
        found[row[0]].append(Match(names[row[0]], *row[1:]))
    return found


def settle(connection: Connection, watch_ids: Sequence[int], token: str, *, delivered: bool) -> None:
    """Mark this run's claimed matches of these watches delivered, or give them back for the next run."""
    if not watch_ids:
        return
    values: dict[str, Any] = {"delivered_at": datetime.now(UTC)} if delivered else {"claimed_by": None}
    connection.execute(update(WatchReport).where(_claimed(watch_ids, token)).values(**values))
