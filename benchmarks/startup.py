"""Start-up time of the ``mediamon`` command: ``--help`` and the analysts' and ops' commands.

    .venv/bin/python benchmarks/startup.py [--runs 11] [--articles 1000] [--importtime]

Fills a SQLite file in a temporary directory with generated articles (``benchmarks/queries.py``'s
``fill``), then runs each command as a fresh subprocess ``--runs`` times and prints the median
wall-clock and CPU time of the whole process (start, imports, work, exit) as a Markdown table.
The target: under 0.3 s for ``--help`` and for each analyst command on a small archive.
The first two rows are the floor on this machine, for comparison on a busy one: an interpreter that
does nothing, and one that only imports click and SQLAlchemy (Core; the commands that read the
archive import both). ``--importtime`` also prints the ten slowest imports (cumulative) of
``mediamon --help`` and ``mediamon articles --search`` (``python -X importtime``).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
TARGET_S = 0.3
#: The floor: what any command costs before its own imports and work.
FLOOR = {
    "(floor) `python -c pass`": "pass",
    "(floor) `python -c 'import click, sqlalchemy'`": "import click, sqlalchemy",
}


def _mediamon() -> list[str]:
    script = Path(sys.executable).parent / "mediamon"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "crawler.cli"]


def commands(db: str) -> dict[str, list[str]]:
    """The label of each measured command and its arguments."""
    return {
        "mediamon --help": ["--help"],
        "mediamon articles --help": ["articles", "--help"],
        "mediamon crawl --help": ["crawl", "--help"],
        "mediamon articles --search oil": ["articles", "--search", "oil", "--db", db],
        "mediamon articles --search oil --format jsonl": [
            *("articles", "--search", "oil", "--format", "jsonl", "--db", db)
        ],
        "mediamon articles --format jsonl": ["articles", "--format", "jsonl", "--limit", "50", "--db", db],
        "mediamon export --format csv": ["export", "--format", "csv", "--out", "-", "--limit", "100", "--db", db],
        "mediamon stats": ["stats", "--db", db],
        "mediamon trend oil --interval month": ["trend", "oil", "--interval", "month", "--db", db],
        "mediamon trend oil (730 day rows)": ["trend", "oil", "--db", db],
        "mediamon show 1": ["show", "1", "--db", db],
        "mediamon authors": ["authors", "--db", db],
        "mediamon runs": ["runs", "--db", db],
        "mediamon health": ["health", "--db", db],
        "mediamon sources": ["sources"],
    }


def time_command(argv: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """The median wall-clock and CPU (user + system) seconds of ``argv`` run as a new process ``runs`` times.

    One warm-up run first (it fills the OS page cache). The CPU time is the column to read on a busy
    machine: the wall clock then includes the time the process waited for a core.
    """
    walls, cpus = [], []
    for attempt in range(runs + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        elapsed = time.perf_counter() - began
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode not in (0, 1):  # health exits 1 when a source has warnings
            raise SystemExit(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode()[-500:]}")
        if attempt:
            walls.append(elapsed)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def top_imports(argv: list[str], env: dict[str, str], count: int = 10) -> list[tuple[float, str]]:
    """The ``count`` imports of ``argv`` with the largest cumulative time (seconds, module)."""
    program = "import sys; from crawler.entry import run; sys.argv[0] = 'mediamon'; run()"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", program, *argv], env=env, capture_output=True, text=True, check=False
    )
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self, cumulative, name = (part.strip() for part in line.removeprefix("import time:").split("|"))
        if not name.startswith(" "):
            rows.append((int(cumulative) / 1e6, name))
    return sorted(rows, reverse=True)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="Runs of each command (the median is printed).")
    parser.add_argument("--articles", type=int, default=1_000, help="Articles in the SQLite archive.")
    parser.add_argument("--importtime", action="store_true", help="Also print the slowest imports.")
    args = parser.parse_args()
    from queries import fill

    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # any value, even "0", keeps Python from caching bytecode
    env.pop("MEDIAMON_DATABASE_URL", None)
    with tempfile.TemporaryDirectory(prefix="mediamon-startup-") as tmp:
        env["MEDIAMON_DATA_DIR"] = str(Path(tmp) / "var")
        db = f"sqlite:///{Path(tmp) / 'archive.db'}"
        fill(db, args.articles)
        print(f"Median wall clock of {args.runs} runs, SQLite archive of {args.articles:,} articles:\n")
        print("| command | wall s | CPU s | under 0.3 s |")
        print("|---|---:|---:|---|")
        for label, program in FLOOR.items():
            wall, cpu = time_command([sys.executable, "-c", program], args.runs, env)
            print(f"| {label} | {wall:.3f} | {cpu:.3f} | |", flush=True)
        for label, argv in commands(db).items():
            wall, cpu = time_command([*_mediamon(), *argv], args.runs, env)
            print(f"| `{label}` | {wall:.3f} | {cpu:.3f} | {'yes' if wall < TARGET_S else 'no'} |", flush=True)
        if args.importtime:
            for argv in (["--help"], ["articles", "--search", "oil", "--db", db]):
                print(f"\nSlowest imports (cumulative) of `mediamon {' '.join(argv[:3])}`:\n")
                for seconds, module in top_imports(argv, env):
                    print(f"    {seconds:.3f} s  {module}")


if __name__ == "__main__":
    main()
