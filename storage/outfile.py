"""Where an export goes: standard output, a device or FIFO written in place, or a regular file replaced atomically.

Only a regular file (or a path that does not exist yet) is written through a temporary
file beside it and renamed over it, so a reader never sees half an export and a failed
export leaves the old file as it was. Anything else a path can name (``-``, a FIFO, a
character device, a symlink to one) is opened and streamed to: replacing it would turn
``/dev/null`` or a pipe into a regular file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import BinaryIO

STDOUT = "-"


class OutputError(Exception):
    """The export cannot be written there, as one line for people."""


def _problem(out: str, exc: OSError) -> OutputError:
    return OutputError(f"cannot write {out}: {exc.strerror or exc}")


def _file_mode(existing: os.stat_result | None) -> int:
    """The permissions the file would get from a plain ``open(path, "w")``: its own, or 0666 less the umask."""
    if existing is not None:
        return stat.S_IMODE(existing.st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def _in_place(path: Path, out: str) -> Iterator[BinaryIO]:
    try:
        stream = path.open("wb")
    except OSError as exc:
        raise _problem(out, exc) from None
    with stream:
        yield stream


@contextmanager
def _replaced(target: Path, existing: os.stat_result | None, out: str) -> Iterator[BinaryIO]:
    try:
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:40]}.", suffix=".part")
    except OSError as exc:
        raise _problem(out, exc) from None
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _file_mode(existing))
        if existing is not None and os.geteuid() == 0:  # root replacing someone's file leaves it theirs
            os.chown(temporary, existing.st_uid, existing.st_gid)
        os.replace(temporary, target)
    except OSError as exc:
        raise _problem(out, exc) from None
    finally:
        with suppress(OSError):
            os.unlink(temporary)


@contextmanager
def output_stream(out: str, stdout: BinaryIO) -> Iterator[BinaryIO]:
    """A binary stream for ``out``: ``-`` is ``stdout``; see the module docstring for the rest.

    Raises :class:`OutputError` (one line) when ``out`` cannot be written: a directory, a name
    too long, a missing or read-only directory, a socket.
    """
    if out == STDOUT:
        yield stdout
        stdout.flush()
        return
    path = Path(out)
    try:
        existing: os.stat_result | None = path.stat()  # follows symlinks: what the name points at
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise _problem(out, exc) from None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise OutputError(f"cannot write {out}: it is a directory")
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with _in_place(path, out) as stream:
            yield stream
        return
    # A symlink to a regular file keeps being a symlink: the file it points at is replaced.
    with _replaced(Path(os.path.realpath(path)), existing, out) as stream:
        yield stream
