"""Re-extraction: today's extractor over the archived captures, without the network.

Each article's newest capture is read back from its WARC file and extracted again.
When the result's content hash differs from the stored one, the article is upserted
(the same rule as a refresh crawl: the old version becomes a revision); otherwise
nothing is written. Work goes in batches by article id, each batch one transaction,
and a checkpoint file after each: a killed run started again with the same filters
goes on after the last committed batch.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from crawler.archive.reader import CaptureUnreadable, page_text, read_capture
from crawler.extract import article_from_html
from crawler.items import ArticleItem
from crawler.normalize.text import clean_text
from crawler.runtime.pipelines import drop_reason
from crawler.sources import Source
from storage.captures import latest_captures
from storage.models import Article, ArticleAuthor, ArticleCapture, Author
from storage.models import Source as SourceRow
from storage.reading import author_key
from storage.repository import content_hash, upsert_articles

#: The fields of the content hash: a change in one of them makes a revision.
FIELDS = ("headline", "description", "article_body", "date_published", "authors")
Extractor = Callable[..., ArticleItem | None]
_COUNTS = ("examined", "changed", "unchanged", "not_extracted", "unreadable", "files_gone")


@dataclass
class ReextractReport:
    """What a re-extraction found (over the whole run, resumed parts included)."""

    examined: int = 0
    changed: int = 0
    unchanged: int = 0
    not_extracted: int = 0
    unreadable: int = 0
    files_gone: int = 0
    field_changes: Counter[str] = field(default_factory=Counter)
    last_article_id: int = 0
    resumed: bool = False

    def to_dict(self) -> dict[str, Any]:
        data = {k: getattr(self, k) for k in _COUNTS}
        return {**data, "field_changes": dict(self.field_changes), "last_article_id": self.last_article_id}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReextractReport:
        report = cls()
        for name in _COUNTS:
            setattr(report, name, int(data.get(name, 0)))
        report.field_changes = Counter(data.get("field_changes") or {})
        report.last_article_id = int(data.get("last_article_id", 0))
        return report

    def field_summary(self) -> str:
        """``date_published: 37 changed, authors: 12 changed`` (or that nothing changed)."""
        parts = [f"{name}: {self.field_changes[name]} changed" for name in FIELDS if self.field_changes[name]]
        return ", ".join(parts) if parts else "no field changed"


@dataclass(frozen=True)
class Selection:
    """Which articles to re-extract: sources by name (all when empty), capture fetch times in [since, until)."""

    sources: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None

    def key(self) -> str:
        text = json.dumps([sorted(self.sources), str(self.since), str(self.until)])
        return hashlib.sha1(text.encode()).hexdigest()[:16]

    def where(self, statement: Any) -> Any:
        if self.sources:
            statement = statement.where(SourceRow.name.in_(self.sources))
        if self.since is not None:
            statement = statement.where(ArticleCapture.fetched_at >= self.since)
        if self.until is not None:
            statement = statement.where(ArticleCapture.fetched_at < self.until)
        return statement


def _selected(selection: Selection, columns: tuple[Any, ...], after_article_id: int = 0) -> Any:
    latest = latest_captures(after_article_id)
    statement = (
        select(*columns)
        .select_from(Article)
        .join(latest, latest.c.article_id == Article.id)
        .join(ArticleCapture, ArticleCapture.id == latest.c.capture_id)
        .join(SourceRow, SourceRow.id == Article.source_id)
    )
    return selection.where(statement)


def count_selected(session: Session, selection: Selection) -> int:
    return session.scalar(_selected(selection, (func.count(),))) or 0


def _authors(session: Session, article_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    rows = session.execute(
        select(ArticleAuthor.article_id, Author.kind, Author.name_key)
        .join(Author, Author.id == ArticleAuthor.author_id)
        .where(ArticleAuthor.article_id.in_(article_ids))
        .order_by(ArticleAuthor.article_id, ArticleAuthor.position)
    )
    found: dict[int, list[tuple[str, str]]] = {}
    for article_id, kind, key in rows:
        found.setdefault(article_id, []).append((kind, key))
    return found


def _words(body: str | None) -> str:
    return clean_text((body or "").replace("\n", " "))  # as the content hash reads the body


def changed_fields(row: Any, stored_authors: list[tuple[str, str]], item: ArticleItem) -> list[str]:
    """The content fields whose value differs between the stored article and the new extraction."""
    changed = []
    if (row.headline or "") != (item.headline or ""):
        changed.append("headline")
    if (row.description or "") != (item.description or ""):
        changed.append("description")
    if _words(row.article_body) != _words(item.article_body):
        changed.append("article_body")
    if row.date_published != item.date_published:
        changed.append("date_published")
    new_authors = []
    for author in item.authors:
        entry = (author.kind, author_key(author.name)[:300])
        if entry[1] and entry not in new_authors:
            new_authors.append(entry)
    if new_authors != stored_authors:
        changed.append("authors")
    return changed


class Checkpoint:
    """The progress of one selection's re-extraction, in a JSON file (written atomically)."""

    def __init__(self, folder: Path, selection: Selection) -> None:
        self.path = Path(folder) / f"reextract-{selection.key()}.json"

    def load(self) -> ReextractReport | None:
        try:
            report = ReextractReport.from_dict(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None
        report.resumed = True
        return report

    def save(self, report: ReextractReport) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(report.to_dict()), encoding="utf-8")
        temporary.replace(self.path)

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


def reextract(
    sessions: sessionmaker[Session],
    sources: Mapping[str, Source],
    selection: Selection,
    *,
    dry_run: bool = False,
    checkpoint: Checkpoint | None = None,
    extract: Extractor = article_from_html,
    min_body_chars: int = 80,
    batch_size: int = 100,
    advance: Callable[[int], None] | None = None,
) -> ReextractReport:
    """Re-extract the selected articles' newest captures; write revisions unless ``dry_run``."""
    report = (checkpoint.load() if checkpoint is not None else None) or ReextractReport()
    columns = (
        Article.id,
        Article.url,
        Article.canonical_url,
        Article.content_hash,
        Article.headline,
        Article.description,
        Article.article_body,
        Article.date_published,
        SourceRow.name.label("source_name"),
        ArticleCapture.url.label("capture_url"),
        ArticleCapture.warc_file,
        ArticleCapture.warc_offset,
        ArticleCapture.warc_length,
        ArticleCapture.fetched_at.label("capture_fetched_at"),
    )
    while True:
        with sessions.begin() as session:
            rows = session.execute(
                _selected(selection, columns, report.last_article_id)
                .where(Article.id > report.last_article_id)
                .order_by(Article.id)
                .limit(batch_size)
            ).all()
            if not rows:
                break
            stored_authors = _authors(session, [row.id for row in rows])
            changed_items = []
            for row in rows:
                item = _extract_again(row, sources.get(row.source_name), extract, min_body_chars, report)
                if item is None:
                    continue
                if content_hash(item) == row.content_hash:
                    report.unchanged += 1
                    continue
                report.changed += 1
                report.field_changes.update(changed_fields(row, stored_authors.get(row.id, []), item))
                changed_items.append(item)
            if changed_items and not dry_run:
                upsert_articles(session, changed_items)
            report.examined += len(rows)
            report.last_article_id = rows[-1].id
        if checkpoint is not None and not dry_run:
            checkpoint.save(report)
        if advance is not None:
            advance(len(rows))
    if checkpoint is not None and not dry_run:
        checkpoint.clear()
    return report


def _extract_again(
    row: Any, source: Source | None, extract: Extractor, min_body_chars: int, report: ReextractReport
) -> ArticleItem | None:
    """The article extracted from the row's capture, kept under its stored identity; ``None`` (counted) if not."""
    if not os.path.exists(row.warc_file):
        report.files_gone += 1  # removed by the archive's retention (or by hand): nothing to re-read
        return None
    try:
        page = read_capture(row.warc_file, row.warc_offset, row.warc_length)
    except CaptureUnreadable:
        report.unreadable += 1
        return None
    text = page_text(page)
    item = extract(row.capture_url, text, source, fetched_at=row.capture_fetched_at) if text is not None else None
    if item is None or drop_reason(item, source, min_body_chars) is not None:
        report.not_extracted += 1
        return None
    item.canonical_url = row.canonical_url  # the article's identity: a new canonical link must not fork it
    item.source = row.source_name
    return item
