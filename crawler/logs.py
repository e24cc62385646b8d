"""A log file per crawl invocation, plain text or JSON lines, pruned by age."""

from __future__ import annotations

import json
import logging
import os
import time
from datetime import UTC, datetime
from pathlib import Path

PLAIN_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per record: time (UTC), level, logger, message, and the spider's source if any."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        spider = getattr(record, "spider", None)
        source = getattr(spider, "source", None)
        if source is not None:
            data["source"] = source.name
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)


def prune_logs(directory: Path, *, max_age_days: float) -> int:
    """Delete log files older than ``max_age_days``; return how many were removed."""
    if not directory.is_dir() or max_age_days <= 0:
        return 0
    cutoff = time.time() - max_age_days * 86400
    removed = 0
    for path in directory.glob("*.log"):
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


class RunLogFilter(logging.Filter):
    """Keep the records of one source's run, and the process-wide ones that belong to no spider."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source

    def filter(self, record: logging.LogRecord) -> bool:
        spider = getattr(record, "spider", None)
        if spider is None:
            return True
        source = getattr(spider, "source", None)
        return source is None or source.name == self.source


def new_log_file(data_dir: str | os.PathLike[str], label: str = "crawl") -> Path:
    directory = Path(data_dir) / "log"
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return directory / f"{label}-{stamp}-{os.getpid()}.log"


def attach_log_file(
    path: Path, *, fmt: str = "plain", level: str = "INFO", source: str | None = None
) -> logging.Handler:
    """Send this process's log records (only one source's run's, when ``source`` is given) to ``path``."""
    handler = logging.FileHandler(path, encoding="utf-8")
    if source is not None:
        handler.addFilter(RunLogFilter(source))
    handler.setLevel(level)
    handler.setFormatter(JsonLinesFormatter() if fmt == "json" else logging.Formatter(PLAIN_FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(min(root.level or logging.WARNING, handler.level))
    return handler
