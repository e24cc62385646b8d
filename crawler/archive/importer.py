"""``mediamon import-warc``: articles of the configured sources from WARC files (CC-NEWS, any crawler's).

Records stream through (memory stays flat however large the file): records of other
sites and other URLs are counted and passed over; revisits, truncated records, non-HTML
and error responses of a source are skipped with an event each. The rest go through the
crawl's extraction, validation and store (one transaction per batch, with the batch's
events), into the archive as a copy of their own, and are linked to earlier duplicates at
the end. An article already stored is never stored again: a killed import run again skips
what it had committed and stores the rest.
"""

from __future__ import annotations

import os
import socket
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import psutil
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from warcio.archiveiterator import ArchiveIterator

from crawler.archive.location import LocationError, open_warc
from crawler.archive.reader import WIRE_HEADERS, Page, page_of, page_text
from crawler.archive.writer import WarcArchive
from crawler.extract import article_from_html
from crawler.items import ArticleItem
from crawler.normalize.urls import canonicalize_url, url_hash
from crawler.runtime.pipelines import drop_reason
from crawler.sources import Source
from storage.captures import record_captures
from storage.ledger import Event, add_events, close_dead_runs_of_host, finish_run, start_run
from storage.repository import known_articles, sync_sources, upsert_articles
from storage.stories import link_duplicates

#: Skip events held before they are written with a batch (a file of many revisits holds no articles to flush them).
MAX_HELD_EVENTS = 500


@dataclass
class ImportReport:
    """What an import did (the run's counts)."""

    run_id: int | None = None
    records: int = 0
    new: int = 0
    updated: int = 0
    already_stored: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    errors: int = 0
    error_messages: list[str] = field(default_factory=list)
    duplicates_linked: int = 0
    interrupted: bool = False
    #: Earlier imports of this host whose process had died, marked failed at the start.
    dead_runs_closed: int = 0


@dataclass
class _Pending:
    source: Source
    page: Page
    text: str
    fetched_at: datetime | None


class WarcImporter:
    """One import run over WARC locations, into the store through ``sessions``."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        sources: Sequence[Source],
        archive: WarcArchive | None,
        *,
        min_body_chars: int = 80,
        batch_size: int = 50,
        extract: Callable[..., ArticleItem | None] = article_from_html,
    ) -> None:
        self.sessions = sessions
        self.sources = list(sources)
        self.archive = archive
        self.min_body_chars = min_body_chars
        self.batch_size = batch_size
        self.extract = extract
        self.report = ImportReport()
        self._events: list[Event] = []
        self._pending: list[_Pending] = []
        self._inserted: list[int] = []

    def run(
        self, locations: Sequence[str], *, run_source: str, on_read: Callable[[int], None] | None = None
    ) -> ImportReport:
        """Import every location in turn; the run is written to the ledger however it ends."""
        host = socket.gethostname()
        with self.sessions.begin() as session:
            sync_sources(session, self.sources)
            self.report.dead_runs_closed = close_dead_runs_of_host(session, run_source, host, psutil.pid_exists)
            self.report.run_id = start_run(session, source=run_source, host=host, pid=os.getpid(), log_path=None)
        status, reason = "finished", "finished"
        try:
            for location in locations:
                self._import(location, on_read)
            self._flush()
            self._link_duplicates()
        except KeyboardInterrupt:
            self.report.interrupted = True
            status, reason = "interrupted", "interrupted"
        if self.report.errors and not (self.report.new or self.report.updated or self.report.already_stored):
            status, reason = ("failed", "nothing could be imported") if status == "finished" else (status, reason)
        self._close_run(status, reason)
        return self.report

    # -- records ---------------------------------------------------------------------------

    def _import(self, location: str, on_read: Callable[[int], None] | None) -> None:
        try:
            with open_warc(location, on_read) as opened:
                warc_records = 0
                for record in ArchiveIterator(opened.stream):
                    if not str(record.format).startswith("warc"):  # warcio reads any text as an old ARC record
                        self.report.skipped["not_warc"] += 1
                        continue
                    warc_records += 1
                    try:
                        self._record(record)
                    except (ValueError, LookupError, UnicodeError) as exc:  # headers or a body no reader takes
                        url = record.rec_headers.get_header("WARC-Target-URI")
                        self._skip("unreadable", f"{type(exc).__name__}: {exc}", url or location)
                    if len(self._pending) >= self.batch_size or len(self._events) >= MAX_HELD_EVENTS:
                        self._flush()
                if not warc_records:
                    self._error("import_error", f"{location}: no WARC record in it (not a WARC file?)", location)
                if opened.cut:
                    self._error(
                        "truncated_file", f"{location}: the gzip data ends inside a record (cut short?)", location
                    )
        except LocationError as exc:
            self._error("import_error", str(exc), location)
        except SQLAlchemyError:
            raise  # the database's fault, not the file's: the command reports it (exit 3)
        except (OSError, EOFError, ValueError) as exc:  # a damaged or cut file, a lost connection
            self._error("truncated_file", f"{location}: the file ends early or is damaged: {exc}", location)
        except Exception as exc:  # noqa: BLE001 - warcio's ArchiveLoadFailed and the like: the rest is unreadable
            self._error("import_error", f"{location}: {type(exc).__name__}: {exc}".splitlines()[0], location)

    def _record(self, record: Any) -> None:
        kind = record.rec_type
        if kind not in ("response", "revisit"):
            return  # request, warcinfo, metadata records
        self.report.records += 1
        url = record.rec_headers.get_header("WARC-Target-URI") or ""
        source = next((s for s in self.sources if s.allows(url)), None)
        if source is None:
            self.report.skipped["other_site"] += 1
            return
        if not source.is_article_url(url):
            self.report.skipped["not_article_url"] += 1
            return
        if kind == "revisit":
            self._skip("revisit", "revisit record (no body of its own)", url)
            return
        if record.rec_headers.get_header("WARC-Truncated"):
            reason = record.rec_headers.get_header("WARC-Truncated")
            self._skip("truncated", f"truncated record ({reason})", url)
            return
        page = page_of(record)
        if getattr(record.raw_stream, "limit", 0):
            self._skip("truncated", "the record ends before its length", url)
            return
        if not 200 <= page.status < 300:
            self._skip("http_status", f"HTTP {page.status}", url)
            return
        text = page_text(page)
        if text is None:
            self._skip("not_html", "not an HTML page", url)
            return
        self._pending.append(_Pending(source, page, text, _warc_date(record)))

    # -- batches ---------------------------------------------------------------------------

    def _flush(self) -> None:
        """Extract, archive and store the pending pages in one transaction, with the events so far."""
        pending, self._pending = self._pending, []
        with self.sessions.begin() as session:
            known = set(known_articles(session, {url_hash(canonicalize_url(p.page.url)) for p in pending}))
            items: dict[str, ArticleItem] = {}
            for entry in pending:
                item = self._item(entry, known)
                if item is None:
                    continue
                key = url_hash(item.canonical_url)
                if key in known or key in items:
                    self.report.already_stored += 1
                    continue
                if self.archive is not None:
                    item.capture = self._archive_copy(entry)
                items[key] = item
            results = upsert_articles(session, list(items.values()))
            record_captures(session, list(items.values()), results)
            for result in results:
                if result.status == "inserted":
                    self.report.new += 1
                    self._inserted.append(result.article_id)
                elif result.status == "updated":
                    self.report.updated += 1
            if self.report.run_id is not None:
                add_events(session, self.report.run_id, self._events)
        self._events = []

    def _item(self, entry: _Pending, known: set[str]) -> ArticleItem | None:
        url = entry.page.url
        if url_hash(canonicalize_url(url)) in known:
            self.report.already_stored += 1
            return None
        item = self.extract(url, entry.text, entry.source, fetched_at=entry.fetched_at or datetime.now(UTC))
        if item is None:
            self._skip("not_article", "page is not an article", url, level="info")
            return None
        reason = drop_reason(item, entry.source, self.min_body_chars)
        if reason is not None:
            self._skip(f"dropped_{reason}", f"dropped: {reason}", url, level="info")
            return None
        if not entry.source.allows(item.canonical_url):
            item.canonical_url = item.url  # a canonical link to another site is not trusted
        return item

    def _archive_copy(self, entry: _Pending) -> dict[str, object]:
        assert self.archive is not None
        page = entry.page
        capture = self.archive.write(
            page.url,
            status=page.status,
            reason="",
            response_headers=[(k, v) for k, v in page.headers if k.lower() not in WIRE_HEADERS],
            body=page.body,
            fetched_at=entry.fetched_at,
        )
        return capture.to_dict()

    def _link_duplicates(self) -> None:
        if self._inserted:
            with self.sessions.begin() as session:
                self.report.duplicates_linked = link_duplicates(session, self._inserted)

    # -- the ledger ------------------------------------------------------------------------

    def _skip(self, kind: str, message: str, url: str, *, level: str = "warning") -> None:
        self.report.skipped[kind] += 1
        self._events.append(
            Event(
                kind=f"skipped_{kind}" if not kind.startswith("dropped") else "dropped",
                message=message,
                level=level,
                url=url,
            )
        )

    def _error(self, kind: str, message: str, location: str) -> None:
        self.report.errors += 1
        self.report.error_messages.append(message)
        self._events.append(Event(kind=kind, message=message, level="error", url=location))

    def _close_run(self, status: str, reason: str) -> None:
        report = self.report
        if report.run_id is None:
            return
        stats: dict[str, Any] = {f"import/skipped/{k}": v for k, v in report.skipped.items()}
        stats.update({"import/records": report.records, "import/already_stored": report.already_stored})
        counts = {
            "pages_fetched": report.records,
            "articles_new": report.new,
            "articles_updated": report.updated,
            "articles_known": report.already_stored,
            "articles_dropped": sum(v for k, v in report.skipped.items() if k.startswith("dropped")),
            "errors": report.errors,
        }
        with self.sessions.begin() as session:
            add_events(session, report.run_id, self._events)
            finish_run(session, report.run_id, status=status, finish_reason=reason, counts=counts, stats=stats)
        self._events = []


def _warc_date(record: Any) -> datetime | None:
    raw = record.rec_headers.get_header("WARC-Date")
    if not raw:
        return None
    try:
        when = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)
