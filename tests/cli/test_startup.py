"""The analysts' and ops' commands start light: they read through SQLAlchemy Core, not the ORM.

Each command runs in a fresh interpreter (as ``mediamon`` does) over a small archive and reports
what it imported; ``benchmarks/startup.py`` measures the time that saves (docs/performance.md).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.analyst.analyst_data import ARTICLES, store
from tests.e2e.conftest import REPO, upgrade_db

#: What none of these commands needs: the ORM and the declarative models, the crawl, the dates parser
#: of the extraction, the migrations.
NOT_NEEDED = ("sqlalchemy.orm", "storage.models", "storage.repository", "scrapy", "dateparser", "alembic", "numpy")

PROGRAM = """
import contextlib, io, json, sys
from crawler.cli import main
out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
with contextlib.redirect_stdout(out):
    try:
        main(sys.argv[1:], prog_name="mediamon")
    except SystemExit as done:
        code = done.code
    out.flush()
output = out.buffer.getvalue().decode()
print(json.dumps({"code": code, "output": output, "modules": sorted(sys.modules)}))
"""


def _run(*arguments: str) -> tuple[int, str, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, *arguments], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["code"], report["output"], set(report["modules"])


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('startup') / 'archive.db'}"
    upgrade_db(url)
    store(url, ARTICLES)
    return url


#: Each command and a part of what it prints when it has read the archive.
COMMANDS = [
    (["articles", "--search", "oil", "--format", "csv"], "headline"),
    (["articles", "--format", "jsonl", "--limit", "2"], '"article_id"'),
    (["articles", "--author", "a", "--since", "2026-01-01", "--format", "csv"], "article_id"),
    (["export", "--format", "csv", "--out", "-"], "article_body"),
    (["stats", "--format", "csv"], "articles"),
    (["trend", "oil", "--format", "csv"], "period"),
    (["show", "1"], "id"),
    (["authors", "--format", "csv"], "author"),
    (["runs", "--format", "csv"], "id,source,status"),
    (["health", "--format", "json"], "["),
]


@pytest.mark.parametrize(("arguments", "shows"), [pytest.param(*c, id=" ".join(c[0][:3])) for c in COMMANDS])
def test_a_reading_command_runs_without_the_orm_or_the_crawl(archive, arguments, shows) -> None:
    code, output, modules = _run(*arguments, "--db", archive)
    assert code in (0, None), (arguments, output)
    assert shows in output  # it did read the archive
    assert "sqlalchemy.engine" in modules
    assert not {m for m in modules for name in NOT_NEEDED if m == name or m.startswith(name + ".")}, arguments
