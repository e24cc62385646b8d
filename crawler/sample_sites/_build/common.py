"""Shared helpers of the sample-site generator: text markup, dates, files and manifests."""

from __future__ import annotations

import email.utils
import gzip
import html
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

SITES_DIR = Path(__file__).resolve().parents[1]

# Paragraph markup used in the content modules: [text](url) is a link, **text** is bold.
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")

MONTHS_EN = "January February March April May June July August September October November December".split()
MONTHS_RU_GEN = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()
MONTHS_AZ = "yanvar fevral mart aprel may iyun iyul avqust sentyabr oktyabr noyabr dekabr".split()


def esc(text: str) -> str:
    """Escape text for an element's content."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Escape text for a double-quoted attribute."""
    return html.escape(text, quote=True)


def plain(paragraph: str) -> str:
    """What a reader sees of a marked-up paragraph."""
    return _BOLD.sub(r"\1", _LINK.sub(r"\1", paragraph))


def rich(paragraph: str) -> str:
    """A marked-up paragraph as HTML (inline links and bold)."""
    text = esc(paragraph)
    text = _LINK.sub(lambda m: f'<a href="{attr(m.group(2))}">{m.group(1)}</a>', text)
    return _BOLD.sub(r"<strong>\1</strong>", text)


def jsonld(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def json_script(data: object) -> str:
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def local_time(value: str, timezone: str) -> datetime:
    """``"2026-06-25 17:24"`` in a time zone."""
    return datetime.strptime(value, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(timezone))


def utc_z(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso(when: datetime) -> str:
    return when.isoformat(timespec="seconds")


def rfc822(when: datetime) -> str:
    return email.utils.format_datetime(when)


def truncate(text: str, limit: int = 160) -> str:
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit)].rstrip(",;:") + "…"


@dataclass
class Site:
    """Files of one site directory, written at the end, and its manifest."""

    name: str
    source: str | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    articles: list[dict] = field(default_factory=list)
    not_articles: list[str] = field(default_factory=list)

    def put(self, path: str, text: str | bytes) -> None:
        """``path`` is relative to the site directory (``en/post/slug.html``)."""
        if path in self.files:
            raise ValueError(f"{self.name}: {path} written twice")
        data = text.encode("utf-8") if isinstance(text, str) else text
        if path.endswith((".html", ".xml")) and len(data) > 40_000:
            raise ValueError(f"{self.name}: {path} is {len(data)} bytes (over 40 KB)")
        self.files[path] = data

    def put_gz(self, path: str, text: str) -> None:
        self.put(path, gzip.compress(text.encode("utf-8"), mtime=0))

    def article(self, entry: dict) -> None:
        self.articles.append(entry)

    def not_article(self, path: str) -> None:
        if path not in self.not_articles:
            self.not_articles.append(path)

    def write(self) -> None:
        directory = SITES_DIR / self.name
        if directory.exists():
            for old in sorted(directory.rglob("*"), reverse=True):
                old.unlink() if old.is_file() else old.rmdir()
        for path, data in sorted(self.files.items()):
            target = directory / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        manifest: dict = {}
        if self.source:
            manifest["source"] = self.source
        manifest["sources"] = sorted({a.get("source") or self.source for a in self.articles})
        manifest["articles"] = self.articles
        manifest["not_articles"] = self.not_articles
        text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
        (directory / "manifest.json").write_text(text, encoding="utf-8")


def manifest_entry(
    *,
    path: str,
    headline: str,
    description: str | None,
    authors: list[tuple[str, str]],
    when: datetime,
    raw: str,
    section: str | None,
    language: str,
    paragraphs: list[str],
    source: str | None = None,
    **extra: str,
) -> dict:
    entry: dict = {}
    if source:
        entry["source"] = source
    entry.update(
        {
            "path": path,
            "headline": headline,
            "description": description,
            "authors": [{"name": name, "kind": kind} for name, kind in authors],
            "date_published": utc_z(when),
            "date_published_raw": raw,
            "section": section,
            "in_language": language,
            "body_paragraphs": [plain(p) for p in paragraphs],
        }
    )
    entry.update(extra)
    return entry
