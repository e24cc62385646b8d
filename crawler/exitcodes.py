"""Exit codes of the ``mediamon`` command (cron reads them; documented in the README)."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINISHED_WITH_ERRORS = 1
    USAGE = 2  # bad usage or configuration (click uses 2 for usage errors too)
    DATABASE_UNAVAILABLE = 3
    SCHEMA_OUT_OF_DATE = 4
    LOCKED = 5  # another run holds the source, or nothing to do
    INTERRUPTED = 6
