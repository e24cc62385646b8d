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

import re
import zlib
from collections.abc import Iterable
from datetime import timedelta

import numpy as np
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.models import Article

MAX_DISTANCE = 14
WINDOW = timedelta(days=7)
MIN_WORDS = 40
_WORD = re.compile(r"\w+")
_MASK = (1 << 64) - 1
#: Multipliers that place each word of a shingle (odd 64-bit constants of xxHash and the golden ratio).
_K1, _K2, _K3 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9)
#: Bumped whenever :func:`simhash` changes; a migration recomputes the stored fingerprints.
FINGERPRINT_VERSION = 2


def story_key(canonical_hash: str, alternate_hashes: Iterable[str]) -> str | None:
    """The key shared by all editions, or ``None`` for an article with no other edition."""
    alternates = set(alternate_hashes) - {canonical_hash}
    return min(alternates | {canonical_hash}) if alternates else None


def simhash(text: str | None) -> int | None:
    """A signed 64-bit SimHash of the text's word 3-shingles (signed to fit a BIGINT); ``None`` if too short.

    Words are hashed once each (CRC-32, spread to 64 bits) and shingles are mixed from
    their words' hashes in numpy, so a 600-word article costs about 0.2 ms; the
    definition is :data:`FINGERPRINT_VERSION` (migration 0004 recomputed older ones).
    """
    return simhash_of_words(words_of(text))


def words_of(text: str | None) -> list[str]:
    """The words of a text, as :func:`simhash` reads them (so that a word count needs no other pass).

    Split before case-folding: "İ" folds to "i" and a combining dot, which ``\\w`` does not match.
    """
    return _WORD.findall(text or "")


def simhash_of_words(words: list[str]) -> int | None:
    """:func:`simhash` of already split words."""
    if len(words) < MIN_WORDS:
        return None
    folded = map(str.encode, map(str.casefold, words))
    hashes = _mix(np.fromiter(map(zlib.crc32, folded), dtype=np.uint64, count=len(words)))
    shingles = _mix(hashes[:-2] * _K1 + hashes[1:-1] * _K2 + hashes[2:] * _K3)
    ones = np.unpackbits(shingles.view(np.uint8)).reshape(-1, 64).sum(axis=0, dtype=np.int64)
    unsigned = int(np.packbits(2 * ones > len(shingles)).view(np.uint64)[0])
    return unsigned - (1 << 64) if unsigned >= 1 << 63 else unsigned


def _mix(values: np.ndarray) -> np.ndarray:
    """SplitMix64's finalizer on every value (uint64 arithmetic wraps)."""
    values = values ^ (values >> np.uint64(30))
    values = values * np.uint64(0xBF58476D1CE4E5B9)
    values = values ^ (values >> np.uint64(27))
    values = values * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


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
    prints = np.array([r[1] & _MASK for r in rows], dtype=np.uint64)
    originals = {r[0]: r[2] for r in rows}
    published = [r[3] for r in rows]
    linked = 0
    for article_id, fingerprint, when in new:
        close = np.bitwise_count(prints ^ np.uint64(fingerprint & _MASK)) <= MAX_DISTANCE
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
