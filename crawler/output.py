"""Render rows as a table, CSV or JSON lines: the commands' output (``crawler.cli.output``) and the web's CSV."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, TextIO

FORMATS = ("table", "csv", "jsonl")


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


#: C0 and C1 control characters but tab and newline: a crawled value must not steer the terminal.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters (escape sequences' ESC among them) shown as U+FFFD."""
    return _CONTROLS.sub("\ufffd", text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)


def render(
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    fmt: str = "table",
    *,
    title: str | None = None,
    out: TextIO | None = None,
) -> int:
    """Write rows in the chosen format; return how many were written."""
    out = out or sys.stdout
    count = 0
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(v) if isinstance(v, list | tuple) else _plain(v) for v in row])
            count += 1
        return count
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps({c: _plain(v) for c, v in zip(columns, row, strict=True)}, ensure_ascii=False) + "\n")
            count += 1
        return count
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(printable(title)) if title else None, show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(Text(column), overflow="fold")
    for row in rows:
        # Text, not str: rich would read "[bold]" or "[/]" in a crawled headline as markup (or fail on it).
        table.add_row(*(Text(printable(_cell(v))) for v in row))
        count += 1
    Console(file=out, width=max(100, Console().width), soft_wrap=False).print(table)
    return count
