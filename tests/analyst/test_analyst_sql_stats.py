"""`mediamon sql` is read-only by the database's own rules; `mediamon stats`; `db grant-readonly`.

On PostgreSQL `sql` runs as a role given `db grant-readonly` (the `reader_url` fixture).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from analyst_data import SOURCES, article, store
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from crawler.cli import main
from crawler.exitcodes import ExitCode
from crawler.items import Author


def test_sql_prints_rows_in_each_format(runner, reader_url):
    query = "SELECT source, count(*) AS n FROM article_index GROUP BY source ORDER BY source"
    result = runner.invoke(main, ["sql", query, "--format", "csv", "--db", reader_url])
    assert result.exit_code == 0, result.output
    assert result.output == "source,n\ncaliber_az,3\nlenta_ru,1\nlondon_news,3\n"
    result = runner.invoke(main, ["sql", query + " LIMIT 1", "--format", "jsonl", "--db", reader_url])
    assert result.output == '{"source": "caliber_az", "n": 3}\n'
    result = runner.invoke(
        main, ["sql", "SELECT headline FROM articles WHERE headline LIKE '%Москве%'", "--db", reader_url]
    )
    assert result.exit_code == 0 and "В Москве открыли новый парк" in result.output


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM articles",
        "UPDATE articles SET headline = 'x'",
        "INSERT INTO fetch_validators (url_hash, url, updated_at) VALUES ('x', 'y', '2026-01-01')",
        "CREATE TABLE evil (id integer)",
        "DROP VIEW article_index",
        # no keyword at the start gives it away: the database refuses the write itself
        "WITH gone AS (DELETE FROM articles RETURNING id) SELECT count(*) FROM gone",
    ],
)
def test_sql_refuses_writes_with_one_line(runner, reader_url, statement):
    if statement.startswith("WITH") and reader_url.startswith("sqlite"):
        statement = "REPLACE INTO authors (id, name, name_key, kind) VALUES (1, 'x', 'x', 'person')"
    result = runner.invoke(main, ["sql", statement, "--db", reader_url])
    assert result.exit_code == ExitCode.USAGE
    assert result.output.startswith("Error: refused: the database is open read-only (")
    assert len(result.output.splitlines()) == 1
    check = runner.invoke(main, ["sql", "SELECT count(*) AS n FROM articles", "--format", "csv", "--db", reader_url])
    assert check.output == "n\n7\n"


def test_sql_cannot_commit_its_way_out_of_read_only(runner, reader_url):
    result = runner.invoke(main, ["sql", "COMMIT; DELETE FROM articles", "--db", reader_url])
    assert result.exit_code == ExitCode.USAGE
    assert result.output.startswith(("Error: SQL error: ", "Error: refused: ")), result.output
    check = runner.invoke(main, ["sql", "SELECT count(*) AS n FROM articles", "--format", "csv", "--db", reader_url])
    assert check.output == "n\n7\n"


def test_sql_error_is_one_line(runner, reader_url):
    result = runner.invoke(main, ["sql", "SELECT nope FROM articles", "--db", reader_url])
    assert result.exit_code == ExitCode.USAGE
    assert result.output.startswith("Error: SQL error: ") and len(result.output.splitlines()) == 1


def test_stats_counts_per_source_per_day_and_top_authors(runner, migrated_url):
    today = datetime.now(UTC).date()
    noon = [datetime.combine(today - timedelta(days=d), time(12), UTC) for d in range(10)]
    items = [
        article("t0", "caliber_az", headline="a", date_published=noon[0], authors=[Author("Leyla Əliyeva")]),
        article("t1", "caliber_az", headline="b", date_published=noon[0], authors=[Author("Leyla Əliyeva")]),
        article("t2", "lenta_ru", headline="c", date_published=noon[1], authors=[Author("Иван Петров")]),
        article("t3", "lenta_ru", headline="d", date_published=noon[2], authors=[Author("Leyla Əliyeva")]),
        article("old", "lenta_ru", headline="e", date_published=noon[9], authors=[Author("Иван Петров")]),
    ]
    store(migrated_url, items)
    result = runner.invoke(main, ["stats", "--days", "3", "--format", "csv", "--db", migrated_url])
    assert result.exit_code == 0, result.output
    days = [(today - timedelta(days=d)).isoformat() for d in range(3)]
    assert result.output == (
        "day,caliber_az,lenta_ru,total\n"
        f"{days[0]},2,0,2\n{days[1]},0,1,1\n{days[2]},0,1,1\n"
        "\n"
        "author,kind,articles,sources\n"
        "Leyla Əliyeva,person,3,2\nИван Петров,person,1,1\n"
    )
    table = runner.invoke(main, ["stats", "--db", migrated_url])
    assert table.exit_code == 0 and "Top authors" in table.output and "caliber_az" in table.output
    assert len(SOURCES) == 3


def test_grant_readonly_needs_postgresql(runner, migrated_url):
    if not migrated_url.startswith("sqlite"):
        pytest.skip("the SQLite answer")
    result = runner.invoke(main, ["db", "grant-readonly", "analyst", "--db", migrated_url])
    assert result.exit_code == ExitCode.USAGE
    assert result.output == (
        "Error: grant-readonly needs PostgreSQL: SQLite has no roles (`mediamon sql` opens the file read-only)\n"
    )


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_grant_readonly_lets_a_role_select_and_nothing_else(runner, archive_url, pg_role):
    as_role = make_url(archive_url).set(username=pg_role, password=None)
    engine = create_engine(as_role)
    with engine.connect() as connection, pytest.raises(ProgrammingError, match="permission denied"):
        connection.execute(text("SELECT count(*) FROM articles"))
    result = runner.invoke(main, ["db", "grant-readonly", pg_role, "--db", archive_url])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"{pg_role} may now read (SELECT) every table and view in schema public, and future ones.\n"
        f"{pg_role}'s statements stop after 5 minutes, idle open transactions after 1 minute.\n"
    )
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM articles")) == 7
        assert connection.scalar(text("SELECT count(*) FROM article_index")) == 7
    with engine.connect() as connection, pytest.raises(ProgrammingError, match="permission denied"):
        connection.execute(text("DELETE FROM articles"))
    with engine.connect() as connection, pytest.raises(ProgrammingError, match="permission denied"):
        connection.execute(text("CREATE TABLE evil (id int)"))
    # tables created later by the owner are readable too (default privileges)
    owner = create_engine(archive_url)
    with owner.begin() as connection:
        connection.execute(text("CREATE TABLE later (id int)"))
    owner.dispose()
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM later")) == 0
    engine.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_grant_readonly_to_a_missing_role_is_one_line(runner, archive_url):
    result = runner.invoke(main, ["db", "grant-readonly", 'no"such role', "--db", archive_url])
    assert result.exit_code == ExitCode.USAGE
    assert result.output == "Error: no role named 'no\"such role': create it first (CREATE ROLE … LOGIN)\n"
