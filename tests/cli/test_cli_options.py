"""``--db`` and ``--sources`` mean the same before and after the subcommand; the commands start light."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from crawler.cli import main
from crawler.exitcodes import ExitCode
from crawler.sources import dump_sources, load_sources
from tests.e2e.conftest import REPO, upgrade_db


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def one_source_file(tmp_path):
    """A sources file holding only caliber_az."""
    path = tmp_path / "one.toml"
    path.write_text(dump_sources([load_sources()["caliber_az"]]), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "arguments",
    [
        ["--db", "{url}", "db", "current"],
        ["db", "current", "--db", "{url}"],
    ],
)
def test_db_before_or_after_the_subcommand_names_the_same_database(runner, sqlite_url, arguments) -> None:
    upgrade_db(sqlite_url)
    result = runner.invoke(main, [a.format(url=sqlite_url) for a in arguments], env={"MEDIAMON_DATABASE_URL": ""})
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{sqlite_url}: revision ") and "up to date" in result.output


def test_db_before_the_subcommand_reaches_a_nested_command_and_the_analysts(runner, tmp_path, sqlite_url) -> None:
    upgrade_db(sqlite_url)
    for arguments in (["runs", "--format", "csv"], ["articles", "--format", "csv"], ["health", "--format", "json"]):
        before = runner.invoke(main, ["--db", sqlite_url, *arguments])
        after = runner.invoke(main, [*arguments, "--db", sqlite_url])
        assert before.exit_code == after.exit_code == 0, before.output + after.output
        assert before.output == after.output
    never_upgraded = tmp_path / "never_upgraded.db"
    never_upgraded.touch()
    result = runner.invoke(main, ["--db", f"sqlite:///{never_upgraded}", "runs"])
    assert result.exit_code == ExitCode.SCHEMA_OUT_OF_DATE  # it was that database, not ./mediamon.db


@pytest.mark.parametrize(
    "arguments",
    [
        ["runs"],
        ["articles"],
        ["health"],
        ["stats"],
        ["show", "1"],
        ["watch", "list"],
        ["export", "--format", "csv", "--out", "-"],
    ],
)
def test_a_reading_command_does_not_create_a_missing_archive(runner, tmp_path, monkeypatch, arguments) -> None:
    """Run in the wrong folder, a command says there is no archive instead of leaving an empty mediamon.db."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MEDIAMON_DATABASE_URL", raising=False)
    result = runner.invoke(main, arguments)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert result.output.startswith("Error: no SQLite database at mediamon.db: `mediamon crawl` or `mediamon db")
    named = runner.invoke(main, [*arguments, "--db", str(tmp_path / "typo.db")])
    assert named.exit_code == ExitCode.USAGE and f"no SQLite database at {tmp_path / 'typo.db'}" in named.output
    assert list(tmp_path.iterdir()) == []


def test_db_after_the_subcommand_wins_over_the_one_before(runner, tmp_path, sqlite_url) -> None:
    upgrade_db(sqlite_url)
    other = f"sqlite:///{tmp_path / 'other.db'}"
    result = runner.invoke(main, ["--db", other, "db", "current", "--db", sqlite_url])
    assert result.exit_code == 0 and result.output.startswith(f"{sqlite_url}: revision ")


@pytest.mark.parametrize("position", ["before", "after"])
def test_sources_before_or_after_the_subcommand_reads_that_file(runner, one_source_file, position) -> None:
    option = ["--sources", str(one_source_file)]
    arguments = (
        [*option, "sources", "--format", "csv"] if position == "before" else ["sources", "--format", "csv", *option]
    )
    result = runner.invoke(main, arguments)
    assert result.exit_code == 0, result.output
    assert [line.split(",")[0] for line in result.output.splitlines()[1:]] == ["caliber_az"]


@pytest.mark.parametrize("position", ["before", "after"])
def test_sources_after_crawl_selects_from_that_file(runner, one_source_file, sqlite_url, position) -> None:
    option = ["--sources", str(one_source_file)]
    crawl = ["crawl", "azernews", "--db", sqlite_url]
    result = runner.invoke(main, [*option, *crawl] if position == "before" else [*crawl, *option])
    assert result.exit_code == ExitCode.USAGE
    assert result.output.strip() == "Error: unknown source 'azernews' (known: caliber_az)"


def test_demo_help_names_its_own_database(runner) -> None:
    result = runner.invoke(main, ["demo", "--help"])
    assert result.exit_code == 0 and "./mediamon-demo.db" in result.output


HEAVY = ("scrapy", "twisted", "trafilatura", "matplotlib", "pyarrow", "starlette", "uvicorn", "dateparser", "numpy")

PROGRAM = """
import contextlib, io, json, sys
from crawler.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(sys.argv[1:], prog_name="mediamon")
    except SystemExit as done:
        code = done.code
print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def _imported(*arguments: str) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, *arguments], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["code"], set(report["modules"])


def test_help_imports_neither_the_crawl_nor_the_database_modules() -> None:
    """`mediamon --help` loads every command module for its one-line helps: they must all be light."""
    code, modules = _imported("--help")
    assert code == 0
    assert modules.isdisjoint({*HEAVY, "sqlalchemy", "rich", "lxml", "parsel", "storage"}), modules


def test_the_analysts_commands_do_not_import_the_crawl(sqlite_url) -> None:
    upgrade_db(sqlite_url)
    for arguments in (
        ["articles", "--search", "oil", "--db", sqlite_url],
        ["stats", "--db", sqlite_url],
        ["runs", "--db", sqlite_url],
        ["authors", "--db", sqlite_url],
    ):
        code, modules = _imported(*arguments)
        assert code == 0, arguments
        assert "storage" in modules and "sqlalchemy" in modules  # it did run the query
        assert modules.isdisjoint(HEAVY), (arguments, modules & set(HEAVY))


def test_the_choices_written_out_in_the_commands_are_those_of_storage() -> None:
    from crawler.cli import ops, trends
    from storage import ledger
    from storage import trends as storage_trends

    assert ops.RUN_STATUSES == ledger.RUN_STATUSES
    assert (trends.INTERVALS, trends.GROUPS) == (storage_trends.INTERVALS, storage_trends.GROUPS)
