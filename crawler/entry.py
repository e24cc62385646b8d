"""The ``mediamon`` command: the CLI imported with the garbage collector paused.

See :func:`crawler.runtime.heap.collector_paused`.
"""

from __future__ import annotations

from crawler.runtime.heap import collector_paused


def run() -> None:
    """Import the CLI and its commands' modules without cyclic collections on the way, then run it."""
    with collector_paused():
        from crawler.cli import run as run_cli
    run_cli()
