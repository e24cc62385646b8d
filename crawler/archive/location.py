"""Opening a WARC location for streaming: a local file or an http(s) URL, gzip per record or whole-file."""

from __future__ import annotations

import io
import os
import urllib.request
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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

    # io hands a bytearray or a memoryview; typeshed's Buffer parameter has no slice assignment.
    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.raw.read(len(buffer))
        size = len(data)
        buffer[:size] = data
        if self.on_read is not None and size:
            self.on_read(size)
        return size


class _Inflating(io.RawIOBase):
    """Gzip members one after another, inflated as they come. A stream cut inside a member ends
    like a whole one and sets :attr:`cut`: every byte before the cut is read (``gzip.GzipFile``
    raises instead, and a buffered reader drops what it held)."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self._inflater = zlib.decompressobj(wbits=31)
        self._started = False
        self._output = b""
        self.cut = False

    def readable(self) -> bool:
        return True

    # io hands a bytearray or a memoryview; typeshed's Buffer parameter has no slice assignment.
    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._output:
            chunk = self.raw.read(1 << 16)
            if not chunk:
                self.cut = self._started and not self._inflater.eof
                return 0
            while chunk:
                self._started = True
                self._output += self._inflater.decompress(chunk)
                if self._inflater.eof:  # the next member (or trailing bytes) starts afresh
                    chunk = self._inflater.unused_data
                    self._inflater = zlib.decompressobj(wbits=31)
                    self._started = False
                else:
                    chunk = b""
        size = min(len(buffer), len(self._output))
        buffer[:size], self._output = self._output[:size], self._output[size:]
        return size


def is_url(location: str) -> bool:
    return location.lower().startswith(("http://", "https://"))


@dataclass
class Opened:
    """An open WARC location: its uncompressed stream, its size on the wire when known."""

    stream: BinaryIO
    size: int | None
    inflating: _Inflating | None = None

    @property
    def cut(self) -> bool:
        """Whether the gzip data ended inside a member (read the stream to its end first)."""
        return self.inflating is not None and self.inflating.cut


@contextmanager
def open_warc(location: str, on_read: Callable[[int], None] | None = None) -> Iterator[Opened]:
    """The WARC at ``location``, opened for streaming.

    Gzip is inflated here, member after member, so that one code path reads files
    compressed per record (the WARC norm) and files gzipped whole (which warcio refuses);
    a cut gzip stream reads to the cut and says so (:attr:`Opened.cut`).
    """
    try:
        if is_url(location):
            response = urllib.request.urlopen(location, timeout=URL_TIMEOUT)  # an http.client.HTTPResponse
            length = response.headers.get("Content-Length")
            raw: BinaryIO = response
            size = int(length) if length and length.isdigit() else None
        else:
            raw = open(location, "rb")  # noqa: SIM115 - closed below
            size = os.fstat(raw.fileno()).st_size
    except (OSError, ValueError) as exc:
        raise LocationError(f"cannot open {location}: {getattr(exc, 'reason', None) or exc}") from None
    try:
        buffered = io.BufferedReader(_Counting(raw, on_read), buffer_size=1 << 16)
        if buffered.peek(2)[:2] == GZIP_MAGIC:
            inflating = _Inflating(buffered)
            yield Opened(io.BufferedReader(inflating, buffer_size=1 << 16), size, inflating)
        else:
            yield Opened(buffered, size)
    finally:
        raw.close()
