"""The CLI answers people: help, sources, and one clear line for each mistake."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from crawler.cli import main
from crawler.exitcodes import ExitCode


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_help_lists_the_commands(runner):
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("crawl", "demo", "db", "sources"):
        assert f"  {command}" in result.output


def test_sources_lists_the_configured_sources_as_csv(runner):
    result = runner.invoke(main, ["sources", "--format", "csv"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "name,title,languages,timezone,homepage,feeds,sitemaps"
    assert "caliber_az,Caliber.Az (English),en,Asia/Baku,https://caliber.az/en/,1,0" in lines
    assert any(line.startswith("lenta_ru,Lenta.ru,ru,Europe/Moscow,https://lenta.ru/") for line in lines)


def test_sources_table_names_every_source(runner):
    result = runner.invoke(main, ["sources"])
    assert result.exit_code == 0
    for name in ("caliber_az", "azernews", "lenta_ru"):
        assert name in result.output


def test_unknown_source_is_one_clear_line(runner, sqlite_url):
    result = runner.invoke(main, ["crawl", "no_such_site", "--db", sqlite_url])
    assert result.exit_code == ExitCode.USAGE
    assert result.output.startswith("Error: unknown source 'no_such_site' (known: ")
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_unreachable_database_is_one_clear_line_with_the_password_masked(runner):
    url = f"postgresql://mediamon:s3cret@127.0.0.1:{_free_port()}/archive"
    result = runner.invoke(main, ["crawl", "caliber_az", "--db", url])
    assert result.exit_code == ExitCode.DATABASE_UNAVAILABLE
    line = result.output.strip()
    assert len(line.splitlines()) == 1
    assert line.startswith("Error: cannot connect to the database postgresql+psycopg://mediamon:***@127.0.0.1:")
    assert "s3cret" not in result.output


def test_crawl_into_a_database_behind_the_migrations_asks_for_an_upgrade(runner, sqlite_url):
    result = runner.invoke(main, ["crawl", "caliber_az", "--db", sqlite_url])
    assert result.exit_code == ExitCode.SCHEMA_OUT_OF_DATE
    assert "run `mediamon db upgrade`" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_db_upgrade_current_downgrade(runner, sqlite_url):
    result = runner.invoke(main, ["db", "current", "--db", sqlite_url])
    assert result.exit_code == 0
    assert "revision none" in result.output and "behind" in result.output
    result = runner.invoke(main, ["db", "upgrade", "--db", sqlite_url])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["db", "current", "--db", sqlite_url])
    assert "up to date" in result.output
    result = runner.invoke(main, ["db", "downgrade", "base", "--db", sqlite_url])
    assert result.exit_code == 0
    assert result.output.strip().endswith("is at revision base")


def test_a_broken_sources_file_names_each_mistake(runner, tmp_path):
    bad = tmp_path / "sources.toml"
    bad.write_text(
        '[[source]]\nname = "Bad Name"\nhomepage = "ftp://x"\nlanguages = []\ntimezone = "Mars/Base"\n',
        encoding="utf-8",
    )
    result = runner.invoke(main, ["--sources", str(bad), "sources"])
    assert result.exit_code == ExitCode.USAGE
    assert "field 'name'" in result.output
    assert "field 'homepage'" in result.output
    assert "field 'languages'" in result.output
    assert "unknown time zone 'Mars/Base'" in result.output
    assert "Traceback" not in result.output
