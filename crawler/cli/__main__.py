"""``python -m crawler.cli``: the ``mediamon`` command."""

from crawler.cli.main import run

run()
