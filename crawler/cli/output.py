"""The output option shared by the commands; the rendering itself is :mod:`crawler.output` (the web uses it too)."""

from __future__ import annotations

import click

from crawler.output import FORMATS, render

__all__ = ["FORMATS", "format_option", "render"]

format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format."
)
