"""A durable spool for items the database could not take: JSON lines, fsynced, replayed later.

One file per run. Replay is idempotent (upserts by canonical URL), and a file is
removed only after every item in it has been committed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from crawler.items import ArticleItem, item_from_dict, item_to_dict


class Spool:
    """Append-only JSON-lines file of items waiting for the database."""

    def __init__(self, directory: Path, name: str) -> None:
        self.directory = directory
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        self.path = directory / f"{name}-{stamp}-{os.getpid()}.jsonl"
        self._file: IO[str] | None = None
        self.count = 0

    def append(self, items: Iterable[ArticleItem]) -> int:
        """Write the items and fsync before returning: once this returns they survive a crash."""
        if self._file is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._file = self.path.open("a", encoding="utf-8")
        written = 0
        for item in items:
            self._file.write(json.dumps(item_to_dict(item), ensure_ascii=False) + "\n")
            written += 1
        self._file.flush()
        os.fsync(self._file.fileno())
        self.count += written
        return written

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def spool_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.jsonl")) if directory.is_dir() else []


def read_spool(path: Path) -> Iterator[ArticleItem]:
    """Items of a spool file; a line cut short by a crash is skipped."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                yield item_from_dict(json.loads(line))
            except (ValueError, TypeError):
                continue


def replay(directory: Path, store: Callable[[Sequence[ArticleItem]], object], *, batch_size: int = 200) -> int:
    """Store every spooled item through ``store`` (which must commit); delete each file once stored.

    ``store`` raising leaves the file in place for the next attempt. Returns the number replayed.
    """
    replayed = 0
    for path in spool_files(directory):
        batch: list[ArticleItem] = []
        for item in read_spool(path):
            batch.append(item)
            if len(batch) >= batch_size:
                store(batch)
                replayed += len(batch)
                batch = []
        if batch:
            store(batch)
            replayed += len(batch)
        path.unlink()
    return replayed
