"""Exit codes of the ``mediamon`` command (cron reads them; documented in the README)."""

import contextlib
import logging
import os
import sys
from enum import IntEnum
from typing import NoReturn


class ExitCode(IntEnum):
    OK = 0
    FINISHED_WITH_ERRORS = 1
    USAGE = 2  # bad usage or configuration (click uses 2 for usage errors too)
    DATABASE_UNAVAILABLE = 3
    SCHEMA_OUT_OF_DATE = 4
    LOCKED = 5  # another run holds the source, or nothing to do
    INTERRUPTED = 6


class ExitError(Exception):
    """A failure a person must read (one line) and a script must tell apart (its exit code).

    Raised by the Python APIs (the crawl, the database checks); the command line prints the
    message and exits with the code.
    """

    def __init__(self, message: str, exit_code: ExitCode = ExitCode.USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = ExitCode(exit_code)


def exit_without_teardown(code: object) -> NoReturn:
    """Leave the process now with ``code`` (as ``sys.exit`` reads it), skipping the interpreter's teardown.

    For a process whose work is done and written: freeing a crawl's heap object by object
    takes about half a second (0.54 s measured after a 300-article crawl), which every cron
    run and every worker of ``--workers`` would wait for. Log handlers and the standard
    streams are flushed here; databases must be committed and engines disposed before.
    """
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    if code is None or isinstance(code, int):
        os._exit(code or 0)
    print(code, file=sys.stderr, flush=True)  # what the interpreter does with a non-integer exit code
    os._exit(1)
