"""`mediamon trend` and `mediamon stats` on the analyst archive: output formats, charts that open, one-line errors."""

from __future__ import annotations

import json
import struct
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from crawler.cli import main
from crawler.exitcodes import ExitCode


def test_trend_csv_by_source_with_share(runner, archive_url):
    args = ["trend", "park", "--by", "source", "--interval", "month", "--share", "--since", "2026-06-01"]
    result = runner.invoke(main, [*args, "--until", "2026-06-30", "--format", "csv", "--db", archive_url])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "period,query,source,articles,all_articles,share",
        "2026-06-01,park,caliber_az,1,3,0.333333",
        "2026-06-01,park,lenta_ru,0,1,0.0",
    ]


def test_trend_jsonl_has_zeros_for_empty_weeks(runner, archive_url):
    result = runner.invoke(main, ["trend", "London", "--interval", "week", "--format", "jsonl", "--db", archive_url])
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert rows[0] == {"period": "2026-01-12", "query": "London", "articles": 1}
    assert rows[-1] == {"period": "2026-07-13", "query": "London", "articles": 1}
    assert len(rows) == 27 and sum(r["articles"] for r in rows) == 2


class _Data(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inside, self.data, self.tags = False, "", set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.inside = ("id", "trend-data") in attrs

    def handle_data(self, data):
        if self.inside:
            self.data += data


@pytest.mark.parametrize("suffix", [".png", ".svg", ".html"])
def test_chart_file_opens(runner, archive_url, tmp_path, suffix):
    chart = tmp_path / f"trend{suffix}"
    args = ["trend", "London", "park", "--interval", "month", "--share", "--chart", str(chart), "--db", archive_url]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    content = chart.read_bytes()
    if suffix == ".png":
        assert content[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", content[16:24])
        assert width > 300 and height > 200
    elif suffix == ".svg":
        root = ET.fromstring(content)
        assert root.tag.endswith("svg") and "London" in content.decode()
    else:
        parser = _Data()
        parser.feed(content.decode())
        data = json.loads(parser.data)
        assert data["series"]["park"][5] == ["2026-06-01", 0.25]
        assert data["series"]["London"][0] == ["2026-01-01", 1.0]
        assert "svg" in parser.tags and not parser.tags & {"link", "img", "iframe"}  # nothing fetched
        assert " src=" not in content.decode() and 'href="http' not in content.decode()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["trend", "NATO OR"], "Error: query 'NATO OR': OR needs something on each side"),
        (["trend", "x", "--chart", "out.txt"], "Error: --chart: 'out.txt' is not a .png, .svg or .html file"),
        (["trend", "x", "--since", "yesterday"], "Error: --since: 'yesterday' is not a date"),
        (["stats", "--days", "3", "--since", "2026-01-01"], "Error: --days and --since/--until exclude each other"),
        (["stats", "--source", "nope"], "Error: unknown source 'nope'"),
    ],
)
def test_bad_input_is_one_line(runner, archive_url, args, message):
    result = runner.invoke(main, [*args, "--db", archive_url])
    assert result.exit_code == ExitCode.USAGE, result.output
    assert result.output.startswith(message) and len(result.output.splitlines()) == 1


def test_stats_defaults_follow_the_data(runner, archive_url):
    """The archive's articles are months old: stats without a range shows the last 7 days up to the newest one."""
    result = runner.invoke(main, ["stats", "--format", "csv", "--db", archive_url])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:3] == ["day,london_news,total", "2026-07-15,1,1", "2026-07-14,0,0"]


def test_stats_by_month_of_one_language(runner, archive_url):
    args = ["stats", "--interval", "month", "--language", "az", "--since", "2026-06-01", "--format", "csv"]
    result = runner.invoke(main, [*args, "--db", archive_url])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:2] == ["month,caliber_az,total", "2026-06-01,2,2"]
    assert lines[lines.index("author,kind,articles,sources") + 1] == "Leyla Əliyeva,person,2,1"
