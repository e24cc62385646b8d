"""`mediamon sql` cannot be used to reach outside the archive: every escape is refused and creates nothing.

SQLite: ATTACH and VACUUM INTO (which would create files anywhere writable), VACUUM, setting pragmas,
runaway statements (--timeout and Ctrl-C). PostgreSQL: roles that can reach the server's files or
programs are refused before the statement runs; a read-only role cannot run programs, export large
objects, read server files, reload the configuration or write from a DO block; a statement timeout.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from crawler.cli import main
from crawler.exitcodes import ExitCode
from tests.e2e.conftest import REPO

RUNAWAY = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
postgresql_only = [pytest.mark.postgres, pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)]


@pytest.fixture
def drop_dir():
    """A directory anyone (the PostgreSQL server too) may write in: where an escape would leave its file."""
    directory = Path(tempfile.mkdtemp(prefix="mediamon-escape-"))
    directory.chmod(0o1777)
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


def _sql(url: str, statement: str, *options: str):
    return CliRunner().invoke(main, ["sql", statement, *options, "--db", url])


def _refused(result, *needles: str) -> str:
    assert result.exit_code == ExitCode.USAGE, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def _files_beside(database: Path) -> list[str]:
    """The files in the database's directory, less the -wal and -shm files that readers open and close."""
    return sorted(p.name for p in database.parent.iterdir() if not p.name.endswith(("-wal", "-shm")))


# -- SQLite ----------------------------------------------------------------------------------------


@sqlite_only
@pytest.mark.parametrize(
    ("statement", "named"),
    [
        ("ATTACH '{dir}/attached.db' AS elsewhere", "ATTACH"),
        ("VACUUM INTO '{dir}/copy.db'", "VACUUM INTO"),
        ("VACUUM", "VACUUM"),
        ("PRAGMA query_only = OFF", "PRAGMA query_only"),
        ("PRAGMA journal_mode = DELETE", "PRAGMA journal_mode"),
        ("PRAGMA user_version = 5", "PRAGMA user_version"),
        ("PRAGMA wal_checkpoint", "PRAGMA wal_checkpoint"),
        ("CREATE TEMP TABLE t AS SELECT 1", "changing the schema"),
        ("DELETE FROM articles", "DELETE"),
        ("CREATE TABLE evil (id int)", "changing the schema"),
        ("BEGIN IMMEDIATE", "TRANSACTION"),
    ],
)
def test_sqlite_escapes_are_refused_and_create_nothing(reader_url, drop_dir, statement, named):
    database = Path(make_url(reader_url).database)
    before = _files_beside(database)
    line = _refused(_sql(reader_url, statement.format(dir=drop_dir)), "refused: the database is open read-only")
    assert named in line, line
    assert list(drop_dir.iterdir()) == []
    assert _files_beside(database) == before
    check = _sql(reader_url, "PRAGMA user_version", "--format", "csv")
    assert check.exit_code == 0 and check.output == "user_version\n0\n", check.output
    journal = _sql(reader_url, "PRAGMA journal_mode", "--format", "csv")
    assert journal.output == "journal_mode\nwal\n"


@sqlite_only
def test_sqlite_reading_pragmas_still_work(reader_url):
    result = _sql(reader_url, "SELECT name FROM pragma_table_info('sources') ORDER BY cid LIMIT 2", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.output == "name\nid\nname\n"


@sqlite_only
def test_sqlite_refuses_to_build_a_huge_value(reader_url):
    _refused(_sql(reader_url, "SELECT length(randomblob(500000000))"), "string or blob too big")


@sqlite_only
def test_sqlite_runaway_statement_stops_at_the_timeout(reader_url):
    started = time.monotonic()
    line = _refused(_sql(reader_url, RUNAWAY, "--timeout", "1"), "ran longer than 1 s", "--timeout")
    assert line.startswith("Error: SQL error: ")
    assert time.monotonic() - started < 10


def test_runaway_statement_stops_on_ctrl_c(reader_url):
    process = subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "sql", RUNAWAY, "--timeout", "600", "--db", reader_url],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_until_running(process, reader_url)
    process.send_signal(signal.SIGINT)
    try:
        _out, err = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail("Ctrl-C did not stop the statement within 15 s")
    assert process.returncode == ExitCode.INTERRUPTED, err
    assert err == "Error: interrupted: the statement was stopped (Ctrl-C)\n"


def _wait_until_running(process: subprocess.Popen, url: str, within_s: float = 90.0) -> None:
    """Until the statement runs: SQLite's file is open in the process, or PostgreSQL shows it active.

    A fixed sleep raced the interpreter's start-up on a loaded machine (Ctrl-C then hit the imports).
    """
    database = make_url(url)
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        if database.get_backend_name() == "sqlite":
            target = str(Path(database.database).resolve())
            fds = Path(f"/proc/{process.pid}/fd")
            if any(os.path.realpath(fd) == target for fd in fds.iterdir()):
                time.sleep(0.5)  # the statement starts right after the file is opened
                return
        else:
            engine = create_engine(url)  # the same role: it sees its own sessions' statements
            with engine.connect() as connection:
                running = connection.execute(
                    text("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query = :q"),
                    {"q": RUNAWAY},
                ).scalar()
            engine.dispose()
            if running:
                return
        time.sleep(0.1)
    pytest.fail(f"the statement did not start within {within_s:g} s")


# -- PostgreSQL ------------------------------------------------------------------------------------


@pytest.mark.parametrize("power", [None, "pg_read_server_files", "pg_write_server_files", "pg_execute_server_program"])
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
@pytest.mark.postgres
def test_postgresql_roles_that_reach_the_server_are_refused(archive_url, reader_url, drop_dir, power):
    """As the superuser (None), or as a read-only role that was also given one of the server-file roles."""
    url = archive_url
    if power:
        role = make_url(reader_url).username
        admin = create_engine(archive_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'GRANT {power} TO "{role}"'))
        admin.dispose()
        url = reader_url
    statement = f"COPY (SELECT 1) TO PROGRAM 'id > {drop_dir}/id.txt'"
    line = _refused(_sql(url, statement), "refused: role", "`mediamon db grant-readonly ROLE`")
    assert (power or "superuser") in line
    assert list(drop_dir.iterdir()) == []


@pytest.mark.parametrize(
    "statement",
    [
        "COPY (SELECT 1) TO PROGRAM 'id > {dir}/id.txt'",
        "COPY (SELECT 1) TO '{dir}/copy.txt'",
        "SELECT lo_export(lo_from_bytea(0, 'x'), '{dir}/lo.bin')",
        "SELECT pg_read_file('{dir}/../secret')",
        "SELECT pg_reload_conf()",
        "DO $$ BEGIN CREATE TABLE evil (id int); END $$",
        "DO $$ BEGIN EXECUTE 'COPY (SELECT 1) TO PROGRAM ''id > {dir}/do.txt'''; END $$",
    ],
)
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
@pytest.mark.postgres
def test_postgresql_escapes_of_a_read_only_role_are_refused(reader_url, drop_dir, statement):
    result = _sql(reader_url, statement.format(dir=drop_dir))
    assert result.exit_code == ExitCode.USAGE, result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert list(drop_dir.iterdir()) == []
    check = _sql(reader_url, "SELECT count(*) AS n FROM pg_class WHERE relname = 'evil'", "--format", "csv")
    assert check.output == "n\n0\n"


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
@pytest.mark.postgres
@pytest.mark.parametrize(
    "statement", ["SELECT pg_sleep(30)", "SELECT set_config('statement_timeout', '0', false), pg_sleep(30)", RUNAWAY]
)
def test_postgresql_statement_stops_at_the_timeout(reader_url, statement):
    started = time.monotonic()
    _refused(_sql(reader_url, statement, "--timeout", "1"), "ran longer than 1 s")
    assert time.monotonic() - started < 15


def test_timeout_must_be_positive(tmp_path):
    result = _sql(f"sqlite:///{tmp_path / 'x.db'}", "SELECT 1", "--timeout", "0")
    assert result.exit_code == ExitCode.USAGE and "--timeout" in result.output
    assert not os.path.exists(tmp_path / "x.db")
