"""`mediamon authors` and `mediamon show`: the people of the archive and one whole article, on both backends."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import UTC, datetime

from analyst_data import article, store
from sqlalchemy import text

from crawler.cli import main
from crawler.exitcodes import ExitCode
from crawler.items import Author
from storage.db import make_engine

EDITIONS = [
    article(
        "en/summit",
        "caliber_az",
        headline="Summit in Baku",
        article_body="Leaders met.",
        authors=[Author("Vugar Khalilov")],
        in_language="en",
        keywords=("summit", "Baku"),
        image_url="https://caliber.az/img/summit.jpg",
        date_modified=datetime(2026, 6, 26, 9, 0, tzinfo=UTC),
        translations={"az": "https://caliber.az/az/sammit"},
    ),
    article(
        "az/sammit",
        "caliber_az",
        headline="Bakıda sammit",
        article_body="Liderlər görüşdü.",
        in_language="az",
        translations={"en": "https://caliber.az/en/summit"},
    ),
]


def test_authors_lists_kind_counts_sources_and_dates(runner, archive_url):
    result = runner.invoke(main, ["authors", "--format", "csv", "--db", archive_url])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "author,kind,articles,sources,first_seen,last_seen"
    assert lines[1:] == [
        "Leyla Əliyeva,person,2,caliber_az,2026-07-20T08:00:00+00:00,2026-07-20T08:00:00+00:00",
        "Vugar Khalilov,person,2,caliber_az,2026-07-20T08:00:00+00:00,2026-07-20T08:00:00+00:00",
        "Caliber.Az,organization,1,caliber_az,2026-07-20T08:00:00+00:00,2026-07-20T08:00:00+00:00",
        "Иван Петров,person,1,lenta_ru,2026-07-20T08:00:00+00:00,2026-07-20T08:00:00+00:00",
    ]
    named = runner.invoke(main, ["authors", "--name", "ƏLİYEVA", "--format", "jsonl", "--db", archive_url])
    assert [json.loads(line)["author"] for line in named.output.splitlines()] == ["Leyla Əliyeva"]


def test_show_prints_the_whole_article_with_editions_copies_and_revisions(runner, archive_url):
    store(archive_url, EDITIONS)  # ids 8 and 9
    store(archive_url, [replace(EDITIONS[0], headline="Summit in Baku ends")])  # a revision of 8
    store(archive_url, [replace(EDITIONS[0], canonical_url="https://copy.example/summit", source="london_news")])
    engine = make_engine(archive_url)
    with engine.begin() as connection:  # what the duplicate finder records for a syndicated copy
        copy_id = connection.scalar(text("SELECT id FROM articles WHERE canonical_url = 'https://copy.example/summit'"))
        connection.execute(text("UPDATE articles SET duplicate_of_id = 8 WHERE id = :id"), {"id": copy_id})
    engine.dispose()

    result = runner.invoke(main, ["show", "https://caliber.az/en/summit", "--db", archive_url])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "headline        Summit in Baku ends\n" in out
    assert "tags            summit, Baku\n" in out
    assert "image_url       https://caliber.az/img/summit.jpg\n" in out
    assert "date_modified   2026-06-26T09:00:00+00:00\n" in out
    assert "first_seen      2026-07-20T08:00:00+00:00\n" in out
    assert "\nLeaders met.\n" in out
    assert "Language editions:\n  9  [az]  Bakıda sammit  https://caliber.az/az/sammit\n" in out
    assert f"Syndicated copies:\n  {copy_id}  [en]  Summit in Baku  https://copy.example/summit\n" in out
    assert "Revisions (earlier versions, oldest first):\n  replaced " in out and out.rstrip().endswith("Summit in Baku")

    as_json = json.loads(runner.invoke(main, ["show", "8", "--format", "json", "--db", archive_url]).output)
    assert as_json["story_key"] and as_json["editions"][0]["id"] == 9
    assert [c["id"] for c in as_json["copies"]] == [copy_id]
    copy = json.loads(runner.invoke(main, ["show", str(copy_id), "--format", "json", "--db", archive_url]).output)
    assert copy["duplicate_of"] == 8 and [c["id"] for c in copy["copies"]] == [8]


def test_show_of_an_unknown_article_is_one_line(runner, archive_url):
    for key in ("999", "https://nowhere.example/x", "0", "9" * 40, "٣"):
        result = runner.invoke(main, ["show", key, "--db", archive_url])
        assert result.exit_code == ExitCode.USAGE
        assert result.output == f"Error: no article with the id or URL {key!r}\n"


def test_the_view_and_exports_carry_the_whole_article(runner, archive_url, tmp_path):
    store(archive_url, EDITIONS)  # ids 8 and 9
    store(archive_url, [replace(EDITIONS[0], canonical_url="https://copy.example/summit", source="london_news")])
    engine = make_engine(archive_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE articles SET duplicate_of_id = 8 WHERE id = 10"))
    engine.dispose()
    listed = runner.invoke(main, ["articles", "--search", "summit", "--format", "jsonl", "--db", archive_url])
    rows = {row["article_id"]: row for row in map(json.loads, listed.output.splitlines())}
    assert sorted(rows) == [8, 10]
    assert rows[8]["tags"] == "summit, Baku" and rows[8]["image_url"] == "https://caliber.az/img/summit.jpg"
    assert rows[8]["date_modified"] == "2026-06-26T09:00:00+00:00"
    assert rows[8]["first_seen"] == "2026-07-20T08:00:00+00:00"
    assert rows[8]["story_key"] and rows[8]["duplicate_of"] is None and rows[10]["duplicate_of"] == 8

    out = tmp_path / "collapsed.csv"
    args = ["export", "--format", "csv", "--out", str(out), "--collapse-duplicates", "--search", "summit OR sammit"]
    result = runner.invoke(main, [*args, "--db", archive_url])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as f:
        exported = list(csv.DictReader(f))
    assert [(r["article_id"], r["copies"]) for r in exported] == [("9", "1"), ("8", "2")]  # undated: newest id first
    assert exported[1]["tags"] == "summit, Baku" and exported[0]["story_key"] == exported[1]["story_key"]


def test_crawled_text_is_printed_as_text_not_as_markup_or_terminal_codes(runner, archive_url):
    """A headline is a stranger's text: rich markup in it is shown, never applied nor a crash; escapes are defused."""
    hostile = "Oil [/]falls [b]up\x1b]0;owned\x07\x1b[2J"
    body = "Body \x1b[31mred [link=https://evil.example]here[/link]."
    store(archive_url, [article("hostile", "caliber_az", headline=hostile, article_body=body, in_language="en")])
    listed = runner.invoke(main, ["articles", "--search", "falls", "--db", archive_url])
    assert listed.exit_code == 0, listed.output
    assert "Oil [/]falls" in listed.output and "[b]up\ufffd]0;owned" in listed.output  # folded over two lines
    assert "\x1b" not in listed.output and "\x07" not in listed.output
    shown = runner.invoke(main, ["show", "https://caliber.az/hostile", "--db", archive_url])
    assert shown.exit_code == 0, shown.output
    assert "Body \ufffd[31mred [link=https://evil.example]here[/link]." in shown.output
    assert "\x1b" not in shown.output
    trend = runner.invoke(main, ["trend", "[/]falls", "--db", archive_url])
    assert trend.exit_code in (0, 2), trend.output
    assert "MarkupError" not in trend.output and "Traceback" not in trend.output
