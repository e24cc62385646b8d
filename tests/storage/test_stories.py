"""Language editions share a story key; syndicated copies are linked to the first-seen copy, follow-ups are not."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from crawler.items import ArticleItem, Author
from crawler.normalize.urls import url_hash
from crawler.sample_sites import SAMPLE_SITES_DIR
from storage.models import Article
from storage.repository import upsert_articles
from storage.stories import distance, link_duplicates, simhash, story_key

FETCHED = datetime(2026, 11, 25, tzinfo=UTC)


def _manifest_article(site: str, path: str) -> dict:
    manifest = json.loads((SAMPLE_SITES_DIR / site / "manifest.json").read_text(encoding="utf-8"))
    return next(a for a in manifest["articles"] if a["path"] == path)


def _item(article: dict, origin: str) -> ArticleItem:
    return ArticleItem(
        url=origin + article["path"],
        canonical_url=origin + article["path"],
        headline=article["headline"],
        article_body="\n".join(article["body_paragraphs"]),
        authors=[Author(**a) for a in article["authors"]],
        date_published=datetime.fromisoformat(article["date_published"].replace("Z", "+00:00")),
        source=None,
        fetched_at=FETCHED,
    )


def _syndication_cases() -> tuple[list[tuple[str, dict]], list[tuple[str, dict]]]:
    copies, follow_ups = [], []
    for manifest_file in sorted(SAMPLE_SITES_DIR.glob("*/manifest.json")):
        site = manifest_file.parent.name
        for article in json.loads(manifest_file.read_text(encoding="utf-8"))["articles"]:
            if article.get("syndicated_from"):
                copies.append((site, article))
            if article.get("follow_up_of"):
                follow_ups.append((site, article))
    return copies, follow_ups


def test_story_key_is_shared_by_editions_and_absent_for_a_single_edition():
    en, ru, az = (url_hash(f"https://caliber.az/{p}/post/x") for p in ("en", "ru", "az"))
    keys = {story_key(en, [ru, az]), story_key(ru, [en, az]), story_key(az, [ru, en])}
    assert len(keys) == 1
    assert story_key(en, []) is None
    assert story_key(en, [en]) is None


def test_fingerprints_of_copies_are_close_and_of_follow_ups_far():
    copies, follow_ups = _syndication_cases()
    assert copies and follow_ups
    for site, article in copies:
        origin_site, origin_path = article["syndicated_from"].split(":", 1)
        original = _manifest_article(origin_site, origin_path)
        d = distance(simhash("\n".join(article["body_paragraphs"])), simhash("\n".join(original["body_paragraphs"])))
        assert d <= 14, (site, article["path"], d)
    for site, article in follow_ups:
        origin_site, origin_path = article["follow_up_of"].split(":", 1)
        original = _manifest_article(origin_site, origin_path)
        d = distance(simhash("\n".join(article["body_paragraphs"])), simhash("\n".join(original["body_paragraphs"])))
        assert d > 14, (site, article["path"], d)


def test_copies_link_to_the_first_seen_copy_and_follow_ups_stay_apart(session):
    copies, follow_ups = _syndication_cases()
    items = []
    for _, article in copies + follow_ups:
        ref = article.get("syndicated_from") or article.get("follow_up_of")
        origin_site, origin_path = ref.split(":", 1)
        items.append(_item(_manifest_article(origin_site, origin_path), f"https://{origin_site}.test"))
    for site, article in copies + follow_ups:
        items.append(_item(article, f"https://{site}.test"))
    results = upsert_articles(session, items)
    linked = link_duplicates(session, [r.article_id for r in results])
    session.commit()
    rows = {a.canonical_url: a for a in session.scalars(select(Article))}
    for site, article in copies:
        origin_site, origin_path = article["syndicated_from"].split(":", 1)
        copy = rows[f"https://{site}.test{article['path']}"]
        original = rows[f"https://{origin_site}.test{origin_path}"]
        assert copy.duplicate_of_id == original.id
    for site, article in follow_ups:
        assert rows[f"https://{site}.test{article['path']}"].duplicate_of_id is None
    assert linked == len(copies)


@pytest.mark.parametrize("before", ["0003", "0004"])
def test_migrations_recompute_stored_fingerprints(db_url, before):
    """Fingerprints stored by an older SimHash (before 0004: version 1, before 0005: version 2) are recomputed."""
    from storage.db import make_engine, make_sessionmaker
    from storage.migrate import downgrade, upgrade

    copies, _ = _syndication_cases()
    upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with make_sessionmaker(engine)() as session:
            upsert_articles(session, [_item(article, f"https://{site}.test") for site, article in copies])
            session.commit()
        downgrade(db_url, before)
        with make_sessionmaker(engine)() as session:
            assert set(session.scalars(select(Article.fingerprint))) == {None}
            session.execute(Article.__table__.update().values(fingerprint=12345))  # an older version's value
            session.commit()
        upgrade(db_url)
        with make_sessionmaker(engine)() as session:
            rows = session.execute(select(Article.article_body, Article.fingerprint)).all()
    finally:
        engine.dispose()
    assert len(rows) == len(copies)
    assert all(fingerprint == simhash(body) and fingerprint != 12345 for body, fingerprint in rows)


def test_word_count_and_fingerprint_come_from_one_reading_of_the_words():
    from storage.stories import fingerprint_text

    text = " ".join(f"Word{n}, İstanbul—Bakı; 東京" for n in range(30))
    words, fingerprint = fingerprint_text(text)
    assert words == 120  # "word0", "i̇stanbul" (the fold of İ keeps its dot inside the word), "bakı", "東京"
    assert fingerprint == simhash(text)
    mixed = " ".join(f"Word{n} Ünal Straße" for n in range(30))
    assert simhash(mixed) == simhash(mixed.upper())  # case does not matter ("STRASSE" folds as "Straße")
    assert fingerprint_text("too few words") == (3, None)
    assert fingerprint_text(None) == (0, None)
    moved = " ".join(f"Bakı İstanbul Word{n} 東京" for n in range(30))
    assert distance(fingerprint, simhash(moved)) > 0  # word order matters (shingles), not just the vocabulary


def test_a_very_long_body_is_fingerprinted_without_keeping_its_size_in_memory():
    from storage import stories

    long_text = " ".join(f"w{n % 997}" for n in range(60_000))  # about 300,000 characters
    first = stories.fingerprint_text(long_text)
    assert stories.fingerprint_text("short text " * 30)[0] == 60
    assert stories.fingerprint_text(long_text) == first and first[0] == 60_000
    assert len(stories._power_cache[0]) <= stories._POWER_CACHE_LIMIT
