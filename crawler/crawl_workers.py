"""A crawl in worker processes (``CrawlOptions.workers > 1``): each worker runs :func:`crawler.crawl.run_crawl`.

With Redis each worker crawls every source from the shared frontier; without it the sources
are split between the workers. The workers share one crawl id, so the ledger links their
runs. On Linux the workers are forked from this process once it has imported the crawl's
modules (:func:`crawler.runtime.workers.can_fork_workers`) and call :func:`run_crawl` directly;
elsewhere they are new ``python -m crawler.crawl_workers SPEC`` processes, SPEC holding the
sources and the options (JSON), the database and Redis URLs going by environment so that no
password shows in the process list. Either way a worker writes its runs' reports as one JSON
line on its standard output and exits with its crawl's exit code; the crawl's report joins them.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from crawler.crawl import CrawlOptions, CrawlReport, Notify, run_crawl
from crawler.exitcodes import ExitCode, ExitError
from crawler.sources import Source

#: The line of a worker's standard output that carries its report.
REPORT_PREFIX = "mediamon-worker-report "


@dataclass(frozen=True, slots=True)
class WorkerOutcome:
    """One worker of a crawl: its number (from 1), pid, exit code, runs, and what else it printed."""

    number: int
    pid: int
    exit_code: int
    runs: tuple[Any, ...]
    output: str


def crawl_with_workers(
    sources: Sequence[Source], url: str, redis_url: str | None, options: CrawlOptions, notify: Notify
) -> CrawlReport:
    """Run the crawl in ``options.workers`` processes of one crawl id; their combined report."""
    from crawler.runtime.frontier.liveness import new_crawl_id
    from crawler.runtime.workers import can_fork_workers, combined_exit_code, partition, run_workers

    crawl_id = options.crawl_id or new_crawl_id()
    workers = options.workers
    groups = [list(sources)] * workers if redis_url else partition(list(sources), workers)
    if len(groups) < workers:
        notify(f"{len(sources)} source(s) for {workers} workers: starting {len(groups)} (--redis shares a source)")
    specs = [
        (
            group,
            replace(
                options,
                workers=1,
                crawl_id=crawl_id,
                settings={**options.settings, "MEDIAMON_WORKER_ID": f"{number}/{len(groups)}"},
            ),
        )
        for number, group in enumerate(groups, start=1)
    ]
    notify(f"Crawl {crawl_id}: {len(groups)} worker process(es)")
    env = {**os.environ, "MEDIAMON_DATABASE_URL": url}
    if redis_url:
        env["MEDIAMON_REDIS_URL"] = redis_url
    if can_fork_workers():  # the worker's options stay in memory: no password shows in the process list
        targets = [_target(group, url, replace(spec, redis_url=redis_url)) for group, spec in specs]
        results = run_workers([], env, targets)
    else:
        results = run_workers([worker_command(group, spec) for group, spec in specs], env)
    outcomes = tuple(WorkerOutcome(r.number, r.pid, r.exit_code, *_read_output(r.output)) for r in results)
    runs = tuple(run for outcome in outcomes for run in outcome.runs)
    return CrawlReport(crawl_id, runs, combined_exit_code([o.exit_code for o in outcomes]), workers=outcomes)


def _target(sources: Sequence[Source], url: str, options: CrawlOptions) -> Any:
    return lambda: run_worker(sources, url, options)


def run_worker(sources: Sequence[Source], url: str, options: CrawlOptions) -> int:
    """A worker's crawl: its report as a JSON line on standard output; its exit code."""
    try:
        report = run_crawl(sources, url, options)
    except ExitError as exc:
        print(f"Error: {exc.message}", file=sys.stderr, flush=True)
        return int(exc.exit_code)
    runs = [dataclasses.asdict(run) for run in report.runs]
    print(REPORT_PREFIX + json.dumps({"runs": runs, "locked": list(report.locked)}), flush=True)
    return report.exit_code


def _read_output(output: str) -> tuple[tuple[Any, ...], str]:
    """The runs a worker reported, and the rest of its standard output."""
    from crawler.runtime.runner import RunReport

    runs: list[Any] = []
    rest = []
    for line in output.splitlines():
        if line.startswith(REPORT_PREFIX):
            runs += [RunReport(**run) for run in json.loads(line.removeprefix(REPORT_PREFIX))["runs"]]
        else:
            rest.append(line)
    return tuple(runs), "\n".join(rest)


def _options_document(options: CrawlOptions) -> dict[str, Any]:
    document = {f.name: getattr(options, f.name) for f in dataclasses.fields(options)}
    document["since"] = options.since.isoformat() if options.since else None
    document["settings"] = dict(options.settings)
    document.pop("redis_url")  # by environment
    return document


def worker_command(sources: Sequence[Source], options: CrawlOptions) -> list[str]:
    """The command line of a worker run as a new process (the URLs go by environment, not argv)."""
    from crawler.sources import dump_sources

    spec = {"sources": dump_sources(sources), "options": _options_document(options)}
    return [sys.executable, "-m", "crawler.crawl_workers", json.dumps(spec, ensure_ascii=False)]


def _main(argv: Sequence[str]) -> int:
    """``python -m crawler.crawl_workers SPEC``: a worker process (see :func:`worker_command`)."""
    import tomllib

    from crawler.sources import parse_sources
    from storage.db import database_url

    if len(argv) != 1:
        print("usage: python -m crawler.crawl_workers SPEC (started by a crawl with workers)", file=sys.stderr)
        return int(ExitCode.USAGE)
    spec = json.loads(argv[0])
    sources = list(parse_sources(tomllib.loads(spec["sources"])).values())
    document = spec["options"]
    since = datetime.fromisoformat(document["since"]) if document["since"] else None
    options = CrawlOptions(**{**document, "since": since})
    return run_worker(sources, database_url(), options)


if __name__ == "__main__":
    from crawler.exitcodes import exit_without_teardown

    exit_without_teardown(_main(sys.argv[1:]))
