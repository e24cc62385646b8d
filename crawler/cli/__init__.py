"""The ``mediamon`` command line: click groups by their users over the crawler's and storage's APIs.

:mod:`crawler.cli.main` is the root command and names every subcommand; each group has a
module (crawl, sources, db, ops, analysts, reading, trends, watches, archive, serve) and
:mod:`crawler.cli.common` holds what they share. Commands parse, call and render; the crawl
itself is :func:`crawler.crawl.run_crawl`. Nothing outside this package imports it.
"""

from crawler.cli.main import main, run

__all__ = ["main", "run"]
