"""Worker processes of one ``mediamon crawl``, and how workers of one crawl share a source's lock.

A crawl with N workers (``mediamon crawl --workers N``, :mod:`crawler.crawl_workers`) runs N
processes that share one crawl id, so the ledger links their runs. With Redis every worker
crawls every selected source from the shared frontier; without it the sources are dealt
out round-robin, one subset per worker (a worker never gets an empty subset).

The lock (:mod:`crawler.runtime.locks`) still allows one *crawl* per source, not one process:

* a plain run takes the source's lock **exclusively**, as before;
* a worker of a Redis crawl takes it **shared** (PostgreSQL ``FOR SHARE`` on the same row of
  ``source_locks``; SQLite ``flock(LOCK_SH)`` on the same file), so workers of the crawl, on
  any machine, run side by side while a plain run of that source is kept out (and keeps
  them out). The first worker takes the lock exclusively for a moment, closes the runs
  that died (only then can no live process own a ``running`` row), and downgrades to
  shared; workers arriving meanwhile wait up to ``wait_seconds`` for the shared lock.

Workers of a source on Redis also join one crawl by themselves (see
:func:`crawler.runtime.frontier.liveness.join_crawl`), so machines need not agree on a crawl id.
"""

from __future__ import annotations

import fcntl
import importlib
import os
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn, Protocol, TypeVar

from sqlalchemy import Engine

from crawler.exitcodes import ExitCode, exit_without_teardown
from crawler.runtime.heap import collector_paused, settle_long_lived_objects
from crawler.runtime.locks import RowLock, SourceLocked, _lock_dir, row_lock_engine

T = TypeVar("T")

#: When workers end differently, the exit code of the whole crawl is the first of these that occurs.
_SEVERITY = (
    ExitCode.INTERRUPTED,
    ExitCode.DATABASE_UNAVAILABLE,
    ExitCode.SCHEMA_OUT_OF_DATE,
    ExitCode.USAGE,
    ExitCode.FINISHED_WITH_ERRORS,
)


def partition(items: Sequence[T], parts: int) -> list[list[T]]:
    """Deal ``items`` round-robin into at most ``parts`` non-empty lists."""
    buckets: list[list[T]] = [[] for _ in range(max(1, min(parts, len(items))))]
    for index, item in enumerate(items):
        buckets[index % len(buckets)].append(item)
    return [b for b in buckets if b]


def combined_exit_code(codes: Sequence[int]) -> int:
    """One exit code for the crawl: the most severe failure; LOCKED only when every worker was locked out."""
    for code in _SEVERITY:
        if code in codes:
            return int(code)
    if codes and all(c == ExitCode.LOCKED for c in codes):
        return int(ExitCode.LOCKED)
    unknown = [c for c in codes if c not in (ExitCode.OK, ExitCode.LOCKED)]
    return int(ExitCode.FINISHED_WITH_ERRORS) if unknown else int(ExitCode.OK)


@dataclass(frozen=True, slots=True)
class WorkerResult:
    number: int
    pid: int
    exit_code: int
    output: str


class WorkerProcess(Protocol):
    """What :func:`run_workers` needs of a worker: a subprocess, or one forked from this process."""

    pid: int
    returncode: int | None

    def poll(self) -> int | None: ...

    def send_signal(self, signal: int, /) -> None: ...

    def communicate(self) -> tuple[str, str | None]: ...


#: The modules a crawl imports (Scrapy's machinery, extraction, the store, the Redis frontier):
#: loaded once by the parent of forked workers instead of once by each of them.
WORKER_MODULES = (
    "scrapy.crawler",
    "scrapy.core.engine",
    "scrapy.core.downloader.handlers.http11",
    "crawler.runtime.runner",
    "crawler.runtime.spiders.news",
    "crawler.runtime.pipelines",
    "crawler.runtime.extensions",
    "crawler.runtime.middlewares.incremental",
    "crawler.runtime.frontier.scheduler",
    "crawler.runtime.frontier.connection",
    "crawler.runtime.logs",
)


def can_fork_workers() -> bool:
    """Import the crawl's modules here so that forked workers share them; False when forking is unsafe.

    Each ``mediamon`` worker process spends about 1.3 CPU seconds importing these
    before it fetches anything; forked from a parent that has them, a worker starts in
    a few milliseconds. Forking is used on Linux only, and only while no Twisted reactor
    is installed here (a worker installs its own) and no thread runs besides this one.
    """
    if not sys.platform.startswith("linux") or os.environ.get("MEDIAMON_FORK_WORKERS", "1") == "0":
        return False
    with collector_paused():
        for name in WORKER_MODULES:
            importlib.import_module(name)
    return "twisted.internet.reactor" not in sys.modules and threading.active_count() == 1


class ForkedWorker:
    """A worker forked from this process: it calls ``target()`` and exits with the exit code it returns.

    Like ``subprocess.Popen(..., stdout=PIPE, start_new_session=True)``: its stdout comes
    back through a pipe, stderr is shared, and it leads a session of its own so that a
    terminal's Ctrl-C reaches only the parent (which passes signals on).
    """

    def __init__(self, target: Callable[[], int]) -> None:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # or the worker would print what this process had buffered again
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            _run_forked_worker(target, write_end)
        os.close(write_end)
        self.pid = pid
        self.returncode: int | None = None
        self._stdout = os.fdopen(read_end, encoding="utf-8", errors="replace")

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def send_signal(self, signal_number: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signal_number)

    def communicate(self) -> tuple[str, None]:
        with self._stdout:
            output = self._stdout.read()
        if self.returncode is None:
            self.returncode = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
        return output, None


def _run_forked_worker(target: Callable[[], int], stdout_fd: int) -> NoReturn:
    """The forked worker's whole life: never returns into the parent's code."""
    code: object = 1
    try:
        os.setsid()
        os.dup2(stdout_fd, 1)
        os.close(stdout_fd)
        signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a new Python process
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        code = target()
    except SystemExit as done:
        code = done.code
    except BaseException:  # noqa: BLE001 - reported, then the worker's exit code says it failed
        traceback.print_exc()
    exit_without_teardown(code)


def run_workers(
    commands: Sequence[Sequence[str]], env: dict[str, str], forked: Sequence[Callable[[], int]] | None = None
) -> list[WorkerResult]:
    """Run the workers side by side; SIGINT/SIGTERM to this process go on to them.

    ``commands`` are the workers' command lines (run with ``env``); or, with ``forked``,
    each worker is forked from this process and calls one of those functions.
    Each worker's stdout (its report) is returned in order; stderr (the log file line,
    errors) goes straight through.
    """
    processes: list[WorkerProcess]
    if forked is not None:
        settle_long_lived_objects()  # once, before forking: the workers share the frozen objects' pages
        processes = [ForkedWorker(target) for target in forked]
    else:
        processes = [
            subprocess.Popen(list(cmd), env=env, stdout=subprocess.PIPE, text=True, start_new_session=True)
            for cmd in commands
        ]

    def forward(signum: int, _frame: object) -> None:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signum)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        outputs = [process.communicate()[0] for process in processes]
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return [
        WorkerResult(number, process.pid, _exit_code(process), output)
        for number, (process, output) in enumerate(zip(processes, outputs, strict=True), start=1)
    ]


def _exit_code(process: WorkerProcess) -> int:
    """The exit code of a worker that communicate() has waited for."""
    code = process.poll()
    if code is None:
        raise RuntimeError(f"worker {process.pid} has not ended")
    return code


class SharedSourceLocks:
    """The source locks of a worker of a distributed crawl: shared with the crawl's other workers.

    Same interface as :class:`crawler.runtime.locks.SourceLocks`; :attr:`alone` names the sources
    whose lock this process got exclusively (no other run is live: stale runs may be closed),
    and :meth:`share` downgrades those to shared before the crawl starts.
    """

    def __init__(self, engine: Engine, url: str, data_dir: Path, wait_seconds: float = 15.0) -> None:
        self.engine = engine
        self.url = url
        self.data_dir = data_dir
        self.wait_seconds = wait_seconds
        self.alone: set[str] = set()
        self._stack = ExitStack()
        self._rows: dict[str, RowLock] = {}
        self._rows_engine: Engine | None = None
        self._files: dict[str, int] = {}

    def acquire(self, source: str) -> None:
        """Take the lock exclusively if free, else shared (waiting a little); raise :class:`SourceLocked`."""
        if self._try(source, exclusive=True):
            self.alone.add(source)
            return
        deadline = time.monotonic() + self.wait_seconds
        while not self._try(source, exclusive=False):
            if time.monotonic() >= deadline:
                raise SourceLocked(source)
            time.sleep(0.02)  # the first worker shares its lock within a fraction of a second

    def share(self) -> None:
        """Let the crawl's other workers in: downgrade the exclusive locks to shared."""
        for source in sorted(self.alone):
            if source in self._rows:
                self._rows[source].share()
            else:
                fcntl.flock(self._files[source], fcntl.LOCK_SH)
        self.alone.clear()

    def _try(self, source: str, *, exclusive: bool) -> bool:
        if self.engine.dialect.name == "postgresql":
            row = self._rows.get(source)
            if row is None:
                if self._rows_engine is None:
                    self._rows_engine = row_lock_engine(self.url)
                    self._stack.callback(self._rows_engine.dispose)
                row = self._rows[source] = RowLock(self._rows_engine, source)
                self._stack.callback(row.close)
            return row.try_exclusive() if exclusive else row.try_shared()
        fd = self._files.get(source)
        if fd is None:
            directory = _lock_dir(self.url, self.data_dir)
            directory.mkdir(parents=True, exist_ok=True)
            fd = os.open(directory / f"{source}.lock", os.O_RDWR | os.O_CREAT, 0o644)
            self._files[source] = fd
            self._stack.callback(os.close, fd)
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def release(self) -> None:
        self._stack.close()
        self._rows.clear()
        self._rows_engine = None
        self._files.clear()

    def __enter__(self) -> SharedSourceLocks:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
