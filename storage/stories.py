"""Linking articles into stories: language editions of one outlet, and syndicated copies across outlets.

* Editions: an article names its other-language editions (hreflang alternates);
  every edition of a story gets the same ``story_key``: the smallest URL hash of
  the group, so each edition computes it alone and all agree.
* Syndication: a 64-bit SimHash of the body's word 3-shingles. A new article
  whose fingerprint is within :data:`MAX_DISTANCE` bits of an earlier article's
  (published within :data:`WINDOW`) is a copy of the first-seen one. Follow-up
  stories on the same topic share words but not sentences, so they land far apart.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import timedelta
from functools import lru_cache

import numpy as np
from sqlalchemy import BigInteger, Connection, Integer, Text, bindparam, column, select, table, update
from sqlalchemy.orm import Session

from storage.models import Article

MAX_DISTANCE = 14
WINDOW = timedelta(days=7)
MIN_WORDS = 40
_MASK = (1 << 64) - 1
#: Multipliers that place each word of a shingle (odd 64-bit constants of xxHash and the golden ratio).
_K1, _K2, _K3 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9)
#: The base of the words' polynomial hash (odd, so it has an inverse modulo 2**64): FNV-1's prime.
_BASE = 0x100000001B3
#: Code points classified by a lookup table; those above it (rare ideographs) count as the last entry.
_TABLE_SIZE = 0x20000
#: Bumped whenever :func:`simhash` changes; a migration recomputes the stored fingerprints.
FINGERPRINT_VERSION = 3


def story_key(canonical_hash: str, alternate_hashes: Iterable[str]) -> str | None:
    """The key shared by all editions, or ``None`` for an article with no other edition."""
    alternates = set(alternate_hashes) - {canonical_hash}
    return min(alternates | {canonical_hash}) if alternates else None


def simhash(text: str | None) -> int | None:
    """A signed 64-bit SimHash of the text's word 3-shingles (signed to fit a BIGINT); ``None`` if too short."""
    return fingerprint_text(text)[1]


def fingerprint_text(text: str | None) -> tuple[int, int | None]:
    """The word count and the SimHash of a text, in one pass and without a Python loop over its words.

    Version 3 (:data:`FINGERPRINT_VERSION`): the case-folded text's words are runs of
    letters, digits, ``_`` and combining marks (what ``\\w`` matches, plus the marks that
    case folding makes of "İ"); each word is hashed as a polynomial over its code points,
    computed for all words at once from prefix sums, and spread with SplitMix64. About
    0.1 ms for a 1,000-word article, a fifth of version 2's per-word CRC-32 loop.
    """
    if not text:
        return 0, None
    points = np.frombuffer(text.casefold().encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    is_word = np.zeros(len(points) + 2, dtype=np.int8)  # with a non-word character at each end
    _word_table().view(np.int8).take(points, mode="clip", out=is_word[1:-1])
    changes = np.flatnonzero(is_word[1:] != is_word[:-1])  # a word starts, then ends, then the next starts...
    starts, ends = changes[0::2], changes[1::2]
    if len(starts) < MIN_WORDS:
        return len(starts), None
    powers, inverses = _powers(len(points) + 1)
    prefix = np.zeros(len(points) + 1, dtype=np.uint64)
    np.cumsum(points.astype(np.uint64) * powers[: len(points)], out=prefix[1:])
    hashes = _mix((prefix[ends] - prefix[starts]) * inverses[starts])  # each word's hash as if it began at 0
    shingles = _mix(hashes[:-2] * _K1 + hashes[1:-1] * _K2 + hashes[2:] * _K3)
    ones = np.unpackbits(shingles.view(np.uint8)).reshape(-1, 64).sum(axis=0, dtype=np.uint32)
    unsigned = int(np.packbits(2 * ones.astype(np.int64) > len(shingles)).view(np.uint64)[0])
    return len(starts), unsigned - (1 << 64) if unsigned >= 1 << 63 else unsigned


@lru_cache(maxsize=1)
def _word_table() -> np.ndarray:
    """True for the code points below :data:`_TABLE_SIZE` that are word characters (built once, ~30 ms)."""
    table = np.ones(_TABLE_SIZE, dtype=np.bool_)  # the last entry (U+1FFFF, unassigned) stands for all above: True
    for point in range(_TABLE_SIZE - 1):
        char = chr(point)
        if not (char.isalnum() or char == "_" or unicodedata.category(char).startswith("M")):
            table[point] = False
    return table


#: Powers kept between calls: enough for a body of 128K characters (2 MB); longer ones get their own.
_POWER_CACHE_LIMIT = 1 << 17
_power_cache: tuple[np.ndarray, np.ndarray] = (np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64))


def _powers(count: int) -> tuple[np.ndarray, np.ndarray]:
    """At least ``count`` of ``_BASE**i`` and its inverse ``_BASE**-i`` modulo 2**64 (i = 0, 1, ...)."""
    global _power_cache
    if len(_power_cache[0]) >= count:
        return _power_cache
    size = max(count, min(2 * len(_power_cache[0]), _POWER_CACHE_LIMIT), 1 << 14)
    powers = np.full(size, _BASE, dtype=np.uint64)
    inverses = np.full(size, pow(_BASE, -1, 1 << 64), dtype=np.uint64)
    powers[0] = inverses[0] = 1
    computed = (np.cumprod(powers, dtype=np.uint64), np.cumprod(inverses, dtype=np.uint64))
    if size <= _POWER_CACHE_LIMIT:
        _power_cache = computed
    return computed


def _mix(values: np.ndarray) -> np.ndarray:
    """SplitMix64's finalizer on every value (uint64 arithmetic wraps)."""
    values = values ^ (values >> np.uint64(30))
    values = values * np.uint64(0xBF58476D1CE4E5B9)
    values = values ^ (values >> np.uint64(27))
    values = values * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


def clear_fingerprints(connection: Connection) -> None:
    """Forget every stored fingerprint (a downgrade to a SimHash version the code no longer has).

    Articles already linked as duplicates keep their links.
    """
    connection.execute(table("articles", column("fingerprint", BigInteger)).update().values(fingerprint=None))


def recompute_fingerprints(connection: Connection, batch: int = 1000) -> None:
    """Recompute every stored fingerprint from the stored body (the migrations that change :func:`simhash`)."""
    articles = table("articles", column("id", Integer), column("article_body", Text), column("fingerprint", BigInteger))
    set_fingerprint = articles.update().where(articles.c.id == bindparam("row_id"))
    set_fingerprint = set_fingerprint.values(fingerprint=bindparam("value"))
    page = select(articles.c.id, articles.c.article_body).order_by(articles.c.id).limit(batch)
    last_id = 0
    while rows := connection.execute(page.where(articles.c.id > last_id)).all():
        connection.execute(set_fingerprint, [{"row_id": row_id, "value": simhash(body)} for row_id, body in rows])
        last_id = rows[-1][0]


def distance(a: int, b: int) -> int:
    """Hamming distance between two fingerprints."""
    return ((a ^ b) & _MASK).bit_count()


def link_duplicates(session: Session, article_ids: Iterable[int]) -> int:
    """Link each of these articles to the first-seen earlier copy it repeats; return how many were linked.

    Candidates are articles published within :data:`WINDOW` of the article. The
    window's fingerprints are read once and compared all at once (XOR, bit count),
    so linking a run's new articles stays fast at thousands of articles.
    """
    new = session.execute(
        select(Article.id, Article.fingerprint, Article.date_published)
        .where(Article.id.in_(list(article_ids)), Article.fingerprint.is_not(None), Article.duplicate_of_id.is_(None))
        .order_by(Article.id)
    ).all()
    if not new:
        return 0
    candidates = select(Article.id, Article.fingerprint, Article.duplicate_of_id, Article.date_published).where(
        Article.fingerprint.is_not(None)
    )
    dates = [d for _, _, d in new if d is not None]
    if dates and len(dates) == len(new):
        candidates = candidates.where(Article.date_published.between(min(dates) - WINDOW, max(dates) + WINDOW))
    rows = session.execute(candidates.order_by(Article.id)).all()
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    # `or 0` narrows the type only: both queries keep fingerprinted articles alone.
    prints = np.array([(r[1] or 0) & _MASK for r in rows], dtype=np.uint64)
    originals = {r[0]: r[2] for r in rows}
    published = [r[3] for r in rows]
    linked = 0
    for article_id, fingerprint, when in new:
        close = np.bitwise_count(prints ^ np.uint64((fingerprint or 0) & _MASK)) <= MAX_DISTANCE
        close &= ids < article_id
        for index in np.nonzero(close)[0]:
            other = published[index]
            if when is not None and other is not None and abs(other - when) > WINDOW:
                continue
            original = originals[int(ids[index])] or int(ids[index])
            session.execute(update(Article).where(Article.id == article_id).values(duplicate_of_id=original))
            originals[article_id] = original
            linked += 1
            break
    return linked
