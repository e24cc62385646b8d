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
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from storage.models import Article

MAX_DISTANCE = 14
WINDOW = timedelta(days=7)
MIN_WORDS = 40
_WORD = re.compile(r"\w+")
_MASK = (1 << 64) - 1


def story_key(canonical_hash: str, alternate_hashes: Iterable[str]) -> str | None:
    """The key shared by all editions, or ``None`` for an article with no other edition."""
    alternates = set(alternate_hashes) - {canonical_hash}
    return min(alternates | {canonical_hash}) if alternates else None


def simhash(text: str | None) -> int | None:
    """A signed 64-bit SimHash of the text's word 3-shingles (signed to fit a BIGINT); ``None`` if too short."""
    words = [w.casefold() for w in _WORD.findall(text or "")]
    if len(words) < MIN_WORDS:
        return None
    weights = [0] * 64
    for i in range(len(words) - 2):
        shingle = " ".join(words[i : i + 3]).encode("utf-8")
        value = int.from_bytes(hashlib.blake2b(shingle, digest_size=8).digest(), "big")
        for bit in range(64):
            weights[bit] += 1 if value >> bit & 1 else -1
    unsigned = sum(1 << bit for bit in range(64) if weights[bit] > 0)
    return unsigned - (1 << 64) if unsigned >= 1 << 63 else unsigned


def distance(a: int, b: int) -> int:
    """Hamming distance between two fingerprints."""
    return ((a ^ b) & _MASK).bit_count()


def link_duplicates(session: Session, article_ids: Iterable[int]) -> int:
    """Link each of these articles to the first-seen earlier copy it repeats; return how many were linked.

    Candidates are articles published within :data:`WINDOW` of the article.
    Runs after a crawl's writes, off the hot path: it is one query per article.
    """
    linked = 0
    for article_id, fingerprint, published in session.execute(
        select(Article.id, Article.fingerprint, Article.date_published)
        .where(Article.id.in_(list(article_ids)), Article.fingerprint.is_not(None), Article.duplicate_of_id.is_(None))
        .order_by(Article.id)
    ):
        original = find_original(session, article_id, fingerprint, published)
        if original is not None:
            session.execute(update(Article).where(Article.id == article_id).values(duplicate_of_id=original))
            linked += 1
    return linked


def find_original(session: Session, article_id: int, fingerprint: int, published: datetime | None) -> int | None:
    """The first-seen earlier article this one is a near-duplicate of, if any."""
    query = select(Article.id, Article.fingerprint, Article.duplicate_of_id).where(
        Article.fingerprint.is_not(None), Article.id < article_id
    )
    if published is not None:
        query = query.where(Article.date_published.between(published - WINDOW, published + WINDOW))
    for other_id, other_print, other_original in session.execute(query.order_by(Article.id)):
        if distance(fingerprint, other_print) <= MAX_DISTANCE:
            return other_original or other_id
    return None
