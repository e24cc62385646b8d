"""A log file per source and run, plain text or JSON lines, pruned by age.

What ops grep for holds: one start-up banner per file (Scrapy logs its settings and
components once per crawler, eight times for eight sources), no WARNING on a healthy
run (a component that is not configured is INFO), and an expected network fault is one
line, never a traceback. JSON lines carry ``run_id``, ``crawl_id``, ``source``,
``event_kind`` and ``url`` as fields, and Scrapy's stats dump as a JSON object.
"""

from __future__ import annotations

import json
import logging
import os
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

PLAIN_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"
#: Loggers whose records without a spider are start-up banners, repeated by every crawler of the process.
_BANNER_LOGGERS = frozenset({"scrapy.utils.log", "scrapy.addons", "scrapy.middleware", "scrapy.crawler"})
#: Exception class names of expected network faults: logged as one line, without a traceback.
_NETWORK_FAULTS = frozenset(
    {
        "CannotResolveHostError",
        "DNSLookupError",
        "DownloadConnectionRefusedError",
        "ConnectionRefusedError",
        "DownloadTimeoutError",
        "TimeoutError",
        "TCPTimedOutError",
        "DownloadFailedError",
        "ResponseDataLossError",
        "ResponseNeverReceived",
        "ConnectionLost",
        "ConnectionDone",
        "ConnectError",
    }
)


def _json_ready(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime | date) else value


def _crawler_stats(record: logging.LogRecord) -> Any:
    crawler = getattr(getattr(record, "spider", None), "crawler", None)
    return getattr(crawler, "stats", None)


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per record: time (UTC), level, logger, message, and the run's fields when it has them."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        spider = getattr(record, "spider", None)
        source = getattr(spider, "source", None)
        if source is not None:
            data["source"] = source.name
        stats = _crawler_stats(record)
        if stats is not None:
            for field in ("run_id", "crawl_id"):
                if (value := stats.get_value(f"mediamon/{field}")) is not None:
                    data[field] = value
            if record.name == "scrapy.statscollectors" and data["message"].startswith("Dumping Scrapy stats"):
                data["message"] = "Dumping Scrapy stats"
                data["stats"] = {k: _json_ready(v) for k, v in stats.get_stats().items()}
        for field in ("event_kind", "url"):
            if (value := getattr(record, field, None)) is not None:
                data[field] = value
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


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


def quiet_expected_faults(record: logging.LogRecord) -> None:
    """A disabled component is INFO, not WARNING; a network fault's traceback becomes one line."""
    if (
        record.name == "scrapy.middleware"
        and record.levelno == logging.WARNING
        and str(record.msg).startswith("Disabled")
    ):
        record.levelno, record.levelname = logging.INFO, "INFO"
    if record.exc_info and record.exc_info[1] is not None and type(record.exc_info[1]).__name__ in _NETWORK_FAULTS:
        error = record.exc_info[1]
        detail = f"{type(error).__name__}: {error}"
        message = record.getMessage()
        record.msg, record.args = (message if str(error) in message else f"{message}: {detail}"), None
        record.exc_info, record.exc_text = None, None


class RunLogFilter(logging.Filter):
    """Keep the records of one source's run, and the process-wide ones that belong to no spider, each banner once."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source
        self._banners: set[tuple[str, str]] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        quiet_expected_faults(record)
        spider = getattr(record, "spider", None)
        if spider is None:
            if record.name in _BANNER_LOGGERS:
                key = (record.name, str(record.msg))
                if key in self._banners:
                    return False
                self._banners.add(key)
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
