"""`mediamon articles`: filters, search in three languages, exact CSV and JSON lines output."""

from __future__ import annotations

import csv
import io
import json

import pytest
from analyst_data import MORE_COLUMNS

from crawler.cli import main
from crawler.exitcodes import ExitCode

HEADER = (
    "article_id,source,headline,date_published,date_published_local,authors,language,section,url,word_count,"
    "tags,image_url,date_modified,first_seen,story_key,duplicate_of"
)
SEEN = ",,,,2026-07-20T08:00:00+00:00,,"  # no tags, image or modified date; first seen; no editions or copies


def ids(runner, url: str, *args: str) -> list[int]:
    result = runner.invoke(main, ["articles", *args, "--format", "jsonl", "--db", url])
    assert result.exit_code == 0, result.output
    return [json.loads(line)["article_id"] for line in result.output.splitlines()]


def test_csv_lists_every_article_newest_first_undated_last(runner, archive_url):
    result = runner.invoke(main, ["articles", "--format", "csv", "--db", archive_url])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [HEADER] + [
        row + SEEN
        for row in [
            "6,london_news,Summer in London,2026-07-15T12:00:00+00:00,2026-07-15T13:00:00,,en,,https://news.example.co.uk/summer,3",
            "1,caliber_az,NATO and Azerbaijan: synergy,2026-06-25T13:24:00+00:00,2026-06-25T17:24:00,"
            '"Vugar Khalilov, Caliber.Az",en,Politics,https://caliber.az/en/nato,10',
            "2,caliber_az,Bakıda yeni park açıldı,2026-06-24T08:00:00+00:00,2026-06-24T12:00:00,"
            '"Leyla Əliyeva, Vugar Khalilov",az,Cəmiyyət,https://caliber.az/az/park,11',
            "4,lenta_ru,В Москве открыли новый парк,2026-06-23T21:30:00+00:00,2026-06-24T00:30:00,"
            "Иван Петров,ru,Россия,https://lenta.ru/news/park,7",
            "3,caliber_az,Azərbaycanda iqtisadi artım,2026-06-22T06:00:00+00:00,2026-06-22T10:00:00,"
            "Leyla Əliyeva,az,,https://caliber.az/az/iqtisadiyyat,7",
            "5,london_news,Winter in London,2026-01-15T12:00:00+00:00,2026-01-15T12:00:00,,en,,https://news.example.co.uk/winter,3",
            "7,london_news,An undated note,,,,en,,https://news.example.co.uk/undated,3",
        ]
    ]


def test_jsonl_rows_have_the_view_columns(runner, archive_url):
    result = runner.invoke(main, ["articles", "--limit", "1", "--format", "jsonl", "--db", archive_url])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "article_id": 6,
        "source": "london_news",
        "headline": "Summer in London",
        "date_published": "2026-07-15T12:00:00+00:00",
        "date_published_local": "2026-07-15T13:00:00",
        "authors": None,
        "language": "en",
        "section": None,
        "url": "https://news.example.co.uk/summer",
        "word_count": 3,
        **MORE_COLUMNS,
    }


def test_table_names_the_articles(runner, archive_url):
    result = runner.invoke(main, ["articles", "--source", "lenta_ru", "--db", archive_url])
    assert result.exit_code == 0, result.output
    assert "lenta_ru" in result.output and "Иван Петров" in result.output
    assert "caliber_az" not in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--source", "caliber_az"), [1, 2, 3]),
        (("--source", "caliber_az", "--source", "lenta_ru"), [1, 2, 4, 3]),
        (("--language", "az"), [2, 3]),
        (("--since", "2026-06-24"), [6, 1, 2]),
        (("--until", "2026-06-24"), [2, 4, 3, 5]),
        (("--since", "2026-06-23", "--until", "2026-06-24"), [2, 4]),
        (("--since", "2026-06-24T08:00:00", "--until", "2026-06-25T13:24:00+00:00"), [1, 2]),
        (("--since", "2026-06-24T12:00:00+04:00"), [6, 1, 2]),
        (("--author", "vugar KHALILOV"), [1, 2]),
        (("--author", "иван петров"), [4]),
        (("--author", "Khalilov"), [1, 2]),  # part of a name
        (("--author", "ЕТРОВ"), [4]),
        (("--author", "%"), []),  # LIKE's wildcards are plain characters
        (("--source", "caliber_az", "--since", "2026-06-23", "--language", "az"), [2]),
        (("--limit", "2"), [6, 1]),
    ],
)
def test_filters(runner, archive_url, args, expected):
    assert ids(runner, archive_url, *args) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Azərbaycan", [2, 3]),  # any form: Azərbaycanda, Azərbaycanın
        ("AZƏRBAYCAN", [2, 3]),
        ("azərbaycanda", [2, 3]),
        ("Azərb", []),  # a partial word matches nothing
        ("Azerbaycan", []),  # letters are not folded to ASCII
        ("şəhər", [2, 3]),
        ("ŞƏHƏR", [2, 3]),
        ("seher", []),
        ("şəhərlərdə", [2, 3]),
        ("Bakıda", [2]),
        ("İlham", [2]),
        ("Москве", [4]),
        ("москвы", [4]),
        ("Моск", []),
        ("азербайджан", [4]),
        ("NATO Baku", [1]),  # every word, anywhere in headline, description or body
        ("NATO Azerbaijan", [1]),
        ("officials nato", [1]),
        ("İlham Əliyev", [2]),
        ("NATO Москве", []),
        ("defence", [1]),  # the description is searched too
        ("NATO OR Москве", [1, 4]),
        ("NATO or", []),  # lower-case "or" is a word
        ("NEAR(NATO)", []),
        ("nato*", [1]),
    ],
)
def test_search(runner, archive_url, words, expected):
    assert ids(runner, archive_url, "--search", words) == expected


def test_search_combines_with_filters(runner, archive_url):
    assert ids(runner, archive_url, "--search", "park", "--language", "ru") == []  # Russian has «парк»
    assert ids(runner, archive_url, "--search", "park", "--source", "caliber_az") == [2]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("*** ()", "empty parentheses at position 5: *** ()"),
        ("***", "no words to search for at position 1: ***"),
        ('NATO AND "', 'unclosed quote at position 10: NATO AND "'),
        ("(NATO OR park", "unclosed parenthesis at position 1: (NATO OR park"),
        ("NATO)", "unmatched closing parenthesis at position 5: NATO)"),
        ("OR park", "OR needs something on each side at position 1: OR park"),
        ("park AND", "AND needs something on each side at position 6: park AND"),
        ("park NOT", "NOT needs something after it at position 6: park NOT"),
        ("park -", "a lone '-' at position 6: park -"),
        ("title:park", "unknown field 'title' (fields: headline, author, source, lang) at position 1: title:park"),
        ("author: Брагин", "author: needs a word, a phrase or a group right after it at position 1: author: Брагин"),
    ],
)
def test_a_malformed_query_is_one_line_with_the_position(runner, archive_url, query, message):
    for command in (["articles"], ["export", "--format", "csv", "--out", "never.csv"]):
        result = runner.invoke(main, [*command, "--search", query, "--db", archive_url])
        assert result.exit_code == ExitCode.USAGE
        assert result.output == f"Error: --search: {message}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--since", "yesterday"), "Error: --since: 'yesterday' is not a date (YYYY-MM-DD or ISO 8601)\n"),
        (("--since", "2026-06-25", "--until", "2026-06-24"), "Error: --since must be before --until\n"),
        (
            ("--source", "nowhere"),
            "Error: unknown source 'nowhere' (known: caliber_az, lenta_ru, london_news)\n",
        ),
    ],
)
def test_bad_filters_are_one_clear_line(runner, archive_url, args, message):
    result = runner.invoke(main, ["articles", *args, "--db", archive_url])
    assert result.exit_code == ExitCode.USAGE
    assert result.output == message


def test_articles_before_the_migration_asks_for_an_upgrade(runner, sqlite_url):
    result = runner.invoke(main, ["articles", "--db", sqlite_url])
    assert result.exit_code == ExitCode.SCHEMA_OUT_OF_DATE
    assert "run `mediamon db upgrade`" in result.output


def test_csv_output_reads_back(runner, archive_url):
    result = runner.invoke(main, ["articles", "--language", "ru", "--format", "csv", "--db", archive_url])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["headline"] for r in rows] == ["В Москве открыли новый парк"]
