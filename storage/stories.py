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

import hashlib
import re
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
_BITS = np.arange(64, dtype=np.uint64)


def story_key(canonical_hash: str, alternate_hashes: Iterable[str]) -> str | None:
    """The key shared by all editions, or ``None`` for an article with no other edition."""
    alternates = set(alternate_hashes) - {canonical_hash}
    return min(alternates | {canonical_hash}) if alternates else None


def simhash(text: str | None) -> int | None:
    """A signed 64-bit SimHash of the text's word 3-shingles (signed to fit a BIGINT); ``None`` if too short."""
    words = [w.casefold() for w in _WORD.findall(text or "")]
    if len(words) < MIN_WORDS:
        return None
    digests = b"".join(
        hashlib.blake2b(" ".join(words[i : i + 3]).encode("utf-8"), digest_size=8).digest()
        for i in range(len(words) - 2)
    )
    values = np.frombuffer(digests, dtype=">u8").astype(np.uint64)
    ones = ((values[:, None] >> _BITS) & np.uint64(1)).sum(axis=0)
    unsigned = sum(1 << int(bit) for bit in np.nonzero(2 * ones.astype(np.int64) > len(values))[0])
    return unsigned - (1 << 64) if unsigned >= 1 << 63 else unsigned


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
