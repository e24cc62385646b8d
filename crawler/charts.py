"""Trend charts: PNG or SVG drawn by matplotlib (Agg, no display), or one HTML file that opens offline.

The HTML file holds the chart as inline SVG (matplotlib's), the series as a table, and the
same data as JSON in a ``<script type="application/json" id="trend-data">`` element: no
script, style sheet or font is fetched from anywhere.
"""

from __future__ import annotations

import html
import io
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from storage.trends import TrendRow

CHART_SUFFIXES = (".png", ".svg", ".html")


def series(rows: Sequence[TrendRow], share: bool) -> dict[str, list[tuple[str, float]]]:
    """``label -> [(period, value)]`` where a label is the query (and the source or language)."""
    out: dict[str, list[tuple[str, float]]] = {}
    for row in rows:
        label = f"{row.query} — {row.group}" if row.group else row.query
        value = row.share if share and row.share is not None else row.articles
        out.setdefault(label, []).append((row.period.isoformat(), value))
    return out


def _figure(lines: dict[str, list[tuple[str, float]]], title: str, share: bool) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure

    def plain(text: str) -> str:  # a query's "$" is text, not the start of matplotlib's mathtext
        return text.replace("$", r"\$")

    figure = Figure(figsize=(10, 5), layout="constrained")
    axes = figure.subplots()
    for label, points in lines.items():
        # Dates, not strings: a date axis labels itself, and strings would be read one by one as categories.
        days = date2num([date.fromisoformat(p) for p, _ in points])
        marker = "." if len(points) < 60 else None
        axes.plot(days, [v for _, v in points], marker=marker, label=plain(label))
    axes.set_title(plain(title))
    axes.set_ylabel("share of all articles" if share else "articles")
    axes.set_ylim(bottom=0)
    axes.grid(alpha=0.3)
    first = next(iter(lines.values()), [])
    if len(first) == 1:  # one period: a week around it, not matplotlib's default of years
        day = float(date2num(date.fromisoformat(first[0][0])))
        axes.set_xlim(day - 3.5, day + 3.5)
    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    if len(lines) > 1:
        axes.legend(fontsize="small")
    return figure


def chart_svg(rows: Sequence[TrendRow], *, title: str, share: bool) -> str:
    """The chart as an SVG document (matplotlib's; the web trend page shows it as an image)."""
    svg = io.StringIO()
    _figure(series(rows, share), title, share).savefig(svg, format="svg")
    return svg.getvalue()


def write_chart(path: Path, rows: Sequence[TrendRow], *, title: str, share: bool) -> None:
    """Write the chart in the format of the file's suffix (one of :data:`CHART_SUFFIXES`)."""
    suffix = path.suffix.lower()
    if suffix not in CHART_SUFFIXES:
        raise ValueError(f"a chart is .png, .svg or .html, not {path.name!r}")
    lines = series(rows, share)
    if suffix != ".html":
        _figure(lines, title, share).savefig(path, format=suffix[1:])
        return
    svg_text = chart_svg(rows, title=title, share=share)
    svg_text = svg_text[svg_text.index("<svg") :]  # the XML declaration and doctype cannot sit inside HTML
    data = json.dumps({"title": title, "share": share, "series": lines}, ensure_ascii=False).replace("</", "<\\/")
    header = "".join(f"<th>{html.escape(label)}</th>" for label in lines)
    periods = [p for p, _ in next(iter(lines.values()), [])]
    body = "".join(
        f"<tr><td>{p}</td>" + "".join(f"<td>{points[i][1]}</td>" for points in lines.values()) + "</tr>"
        for i, p in enumerate(periods)
    )
    path.write_text(
        "<!doctype html>\n<html><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title></head><body>\n{svg_text}\n"
        f"<table><thead><tr><th>period</th>{header}</tr></thead><tbody>{body}</tbody></table>\n"
        f'<script type="application/json" id="trend-data">{data}</script>\n'
        "</body></html>\n",
        encoding="utf-8",
    )
