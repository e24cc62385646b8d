"""WARC files of fetched pages: one writer per run, a new file past a size, old files pruned.

Each record is a gzip member of its own, so a capture is read back by seeking to its
offset and inflating ``length`` bytes (:func:`crawler.archive.reader.read_capture`).
The response record comes first and is what a capture points at; the request record
follows it (``WARC-Concurrent-To``).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

#: A new file is started when the current one has reached this size.
DEFAULT_MAX_BYTES = 100 * 1024 * 1024
SUFFIX = ".warc.gz"


@dataclass(frozen=True, slots=True)
class Capture:
    """Where one response is kept (the columns of ``article_captures`` but the article)."""

    url: str
    warc_file: str
    warc_offset: int
    warc_length: int
    fetched_at: datetime
    http_status: int
    payload_digest: str

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["fetched_at"] = self.fetched_at.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Capture:
        values: dict[str, Any] = dict(data)  # as to_dict wrote them
        when = values["fetched_at"]
        values["fetched_at"] = datetime.fromisoformat(when) if isinstance(when, str) else when
        return cls(**values)


def _safe_prefix(prefix: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in prefix)[:60] or "mediamon"


class WarcArchive:
    """Appends response and request records to ``folder/<prefix>-<time>-<pid>-<n>.warc.gz`` files."""

    def __init__(self, folder: Path, prefix: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.folder = Path(folder)
        self.prefix = _safe_prefix(prefix)
        self.max_bytes = max(1, max_bytes)
        self._started = time.strftime("%Y%m%d%H%M%S", time.gmtime())
        self._sequence = 0
        self._file: BinaryIO | None = None
        self._path: Path | None = None
        self._writer: WARCWriter | None = None
        self.files: list[Path] = []

    def _open_next(self) -> None:
        self.close()
        self.folder.mkdir(parents=True, exist_ok=True)
        while self._file is None:  # another run of this process in the same second may hold a name
            self._sequence += 1
            name = f"{self.prefix}-{self._started}-{os.getpid()}-{self._sequence:05d}{SUFFIX}"
            path = self._path = (self.folder / name).resolve()
            with contextlib.suppress(FileExistsError):
                self._file = open(path, "xb")  # noqa: SIM115 - kept open across records, closed by close()
        self._writer = WARCWriter(self._file, gzip=True)
        info = self._writer.create_warcinfo_record(name, {"software": "mediamon", "format": "WARC File Format 1.1"})
        self._writer.write_record(info)
        self.files.append(path)

    def write(
        self,
        url: str,
        *,
        status: int,
        reason: str,
        response_headers: Iterable[tuple[str, str]],
        body: bytes,
        request_method: str = "GET",
        request_headers: Iterable[tuple[str, str]] = (),
        fetched_at: datetime | None = None,
    ) -> Capture:
        """Append one exchange; the capture of its response record (flushed: readable by other processes)."""
        if self._file is None or self._file.tell() >= self.max_bytes:
            self._open_next()
        assert self._file is not None and self._writer is not None and self._path is not None
        when = fetched_at or datetime.now(UTC)
        warc_date = when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        http_headers = StatusAndHeaders(f"{status} {reason}".strip(), list(response_headers), protocol="HTTP/1.1")
        response = self._writer.create_warc_record(
            url,
            "response",
            payload=BytesIO(body),
            length=len(body),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": warc_date},
        )
        offset = self._file.tell()
        self._writer.write_record(response)
        length = self._file.tell() - offset
        request_line = f"{request_method} {_request_path(url)} HTTP/1.1"
        request_http = StatusAndHeaders(request_line, list(request_headers), is_http_request=True)
        request = self._writer.create_warc_record(
            url,
            "request",
            payload=BytesIO(b""),
            length=0,
            http_headers=request_http,
            warc_headers_dict={
                "WARC-Date": warc_date,
                "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
            },
        )
        self._writer.write_record(request)
        self._file.flush()
        return Capture(
            url=url,
            warc_file=str(self._path),
            warc_offset=offset,
            warc_length=length,
            fetched_at=when,
            http_status=status,
            payload_digest=response.rec_headers.get_header("WARC-Payload-Digest") or "",
        )

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self._file = self._writer = None


def _request_path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def prune_archive(folder: Path, retention_days: float, *, now: float | None = None) -> list[Path]:
    """Delete the WARC files of ``folder`` (and below) last written more than ``retention_days`` ago (0: keep all)."""
    if retention_days <= 0 or not Path(folder).is_dir():
        return []
    cutoff = (now if now is not None else time.time()) - retention_days * 86400
    removed = []
    for path in Path(folder).rglob(f"*{SUFFIX}"):
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path)
        except OSError:
            continue  # gone already, or not ours to delete
    return removed
