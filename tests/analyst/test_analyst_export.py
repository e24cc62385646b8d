"""`mediamon export`: CSV, JSON lines and Parquet files with the right rows, written in chunks."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime

import pyarrow.parquet as pq
import pytest
from analyst_data import MORE_COLUMNS

from crawler.cli import main
from crawler.exitcodes import ExitCode
from storage.queries import EXPORT_COLUMNS


def export(runner, url: str, fmt: str, out, *args: str):
    result = runner.invoke(main, ["export", "--format", fmt, "--out", str(out), *args, "--db", url])
    assert result.exit_code == 0, result.output
    return result


def test_csv_export(runner, archive_url, tmp_path):
    out = tmp_path / "articles.csv"
    result = export(runner, archive_url, "csv", out, "--source", "caliber_az")
    assert result.output == f"Exported 3 article(s) to {out}\n"
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    assert [r["article_id"] for r in rows] == ["1", "2", "3"]
    assert rows[1]["article_body"].startswith("Azərbaycan paytaxtında, şəhər mərkəzində")
    assert rows[1]["date_published_local"] == "2026-06-24T12:00:00"
    assert not list(tmp_path.glob("*.part"))


def test_jsonl_export_with_search(runner, archive_url, tmp_path):
    out = tmp_path / "articles.jsonl"
    export(runner, archive_url, "jsonl", out, "--search", "Москве")
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows == [
        {
            "article_id": 4,
            "source": "lenta_ru",
            "headline": "В Москве открыли новый парк",
            "date_published": "2026-06-23T21:30:00+00:00",
            "date_published_local": "2026-06-24T00:30:00",
            "authors": "Иван Петров",
            "language": "ru",
            "section": "Россия",
            "url": "https://lenta.ru/news/park",
            "word_count": 7,
            **MORE_COLUMNS,
            "description": "Горожане довольны",
            "article_body": "Мэр Москвы открыл парк. Азербайджан прислал делегацию.",
        }
    ]


def test_parquet_export_has_typed_columns_and_row_groups(runner, archive_url, tmp_path, monkeypatch):
    monkeypatch.setattr("storage.export.CHUNK_ROWS", 2)
    out = tmp_path / "articles.parquet"
    export(runner, archive_url, "parquet", out)
    parquet = pq.ParquetFile(out)
    assert parquet.metadata.num_rows == 7
    assert parquet.metadata.num_row_groups == 4
    table = parquet.read()
    assert table.column_names == list(EXPORT_COLUMNS)
    rows = table.to_pylist()
    assert [r["article_id"] for r in rows] == [6, 1, 2, 4, 3, 5, 7]
    assert rows[0]["date_published"] == datetime(2026, 7, 15, 12, 0, tzinfo=UTC)
    assert rows[0]["date_published_local"] == datetime(2026, 7, 15, 13, 0)
    assert rows[-1]["date_published"] is None
    assert rows[2]["authors"] == "Leyla Əliyeva, Vugar Khalilov"


def test_export_with_limit_and_dates(runner, archive_url, tmp_path):
    out = tmp_path / "a.csv"
    result = export(runner, archive_url, "csv", out, "--since", "2026-06-01", "--limit", "2")
    assert result.output == f"Exported 2 article(s) to {out}\n"


def test_empty_export_writes_a_valid_file(runner, archive_url, tmp_path):
    out = tmp_path / "none.parquet"
    export(runner, archive_url, "parquet", out, "--author", "nobody")
    assert pq.read_table(out).num_rows == 0


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_unwritable_destination_is_one_clear_line(runner, archive_url, tmp_path, fmt):
    out = tmp_path / "missing-dir" / "x.out"
    result = runner.invoke(main, ["export", "--format", fmt, "--out", str(out), "--db", archive_url])
    assert result.exit_code == ExitCode.USAGE
    assert result.output.startswith(f"Error: cannot write {out}")
    assert len(result.output.splitlines()) == 1


def test_export_searches_for_several_words_with_an_i(runner, archive_url, tmp_path):
    """FTS5 before SQLite 3.43 rejected the query built for the İ spellings of two words (exit 3)."""
    out = tmp_path / "nato.jsonl"
    export(runner, archive_url, "jsonl", out, "--search", "NATO Azerbaijan")
    assert [json.loads(line)["article_id"] for line in out.read_text(encoding="utf-8").splitlines()] == [1]
