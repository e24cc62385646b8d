"""Article captures: which WARC record each stored article was extracted from (``article_captures``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from crawler.items import ArticleItem
from crawler.normalize.urls import url_hash
from storage.models import ArticleCapture
from storage.repository import UpsertResult

_COLUMNS = ("url", "warc_file", "warc_offset", "warc_length", "fetched_at", "http_status", "payload_digest")


def record_captures(session: Session, items: Sequence[ArticleItem], results: Sequence[UpsertResult]) -> int:
    """Insert the capture of each item that has one, for the article it was stored as; return how many."""
    ids = {result.url_hash: result.article_id for result in results}
    rows: list[dict[str, Any]] = []
    for item in items:
        article_id = ids.get(url_hash(item.canonical_url))
        if item.capture is None or article_id is None:
            continue
        row: dict[str, Any] = {name: item.capture.get(name) for name in _COLUMNS}
        if isinstance(row["fetched_at"], str):
            row["fetched_at"] = datetime.fromisoformat(row["fetched_at"])
        row["article_id"] = article_id
        rows.append(row)
    if rows:
        session.execute(insert(ArticleCapture), rows)
    return len(rows)


def latest_captures(after_article_id: int = 0) -> Any:
    """A subquery: the id of each article's newest capture (``article_id``, ``capture_id``), for the
    articles after ``after_article_id`` (a batch's start, so that each batch groups only what follows)."""
    return (
        select(ArticleCapture.article_id, func.max(ArticleCapture.id).label("capture_id"))
        .where(ArticleCapture.article_id > after_article_id)
        .group_by(ArticleCapture.article_id)
        .subquery()
    )
