"""Opening a WARC location for streaming: a local file or an http(s) URL, gzip per record or whole-file."""

from __future__ import annotations

import gzip
import io
import os
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
#: Seconds to wait for a WARC server's answer (and between two reads of the body).
URL_TIMEOUT = 60


class LocationError(Exception):
    """A WARC location that cannot be opened or read (one line, for the user)."""


class _Counting(io.RawIOBase):
    """A readable stream that reports how many bytes were read from it."""

    def __init__(self, raw: BinaryIO, on_read: Callable[[int], None] | None) -> None:
        self.raw = raw
        self.on_read = on_read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.raw.read(len(buffer))
        size = len(data)
        buffer[:size] = data
        if self.on_read is not None and size:
            self.on_read(size)
        return size


def is_url(location: str) -> bool:
    return location.lower().startswith(("http://", "https://"))


@contextmanager
def open_warc(location: str, on_read: Callable[[int], None] | None = None) -> Iterator[tuple[BinaryIO, int | None]]:
    """The WARC at ``location`` as an uncompressed stream, and its size on the wire when known.

    Gzip is inflated here, member after member, so that one code path reads files
    compressed per record (the WARC norm) and files gzipped whole (which warcio refuses).
    """
    try:
        if is_url(location):
            raw: BinaryIO = urllib.request.urlopen(location, timeout=URL_TIMEOUT)
            length = raw.headers.get("Content-Length")  # type: ignore[attr-defined]
            size = int(length) if length and length.isdigit() else None
        else:
            raw = open(location, "rb")  # noqa: SIM115 - closed below
            size = os.fstat(raw.fileno()).st_size
    except (OSError, ValueError) as exc:
        raise LocationError(f"cannot open {location}: {getattr(exc, 'reason', None) or exc}") from None
    try:
        buffered = io.BufferedReader(_Counting(raw, on_read), buffer_size=1 << 16)
        stream: BinaryIO = buffered
        if buffered.peek(2)[:2] == GZIP_MAGIC:
            stream = gzip.GzipFile(fileobj=buffered, mode="rb")  # type: ignore[assignment]
        yield stream, size
    finally:
        raw.close()
