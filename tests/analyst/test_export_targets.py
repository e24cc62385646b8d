"""`export --out`: '-' is standard output; a FIFO, a device or a symlink to one is written in place,
never replaced by a regular file; a regular file is replaced atomically; a bad name is one line, exit 2."""

from __future__ import annotations

import csv
import io
import os
import stat
import threading

import pytest
from analyst_data import ARTICLES, store

from crawler.cli import main
from crawler.exitcodes import ExitCode
from storage.migrate import upgrade
from storage.queries import EXPORT_COLUMNS


@pytest.fixture
def archive(sqlite_url) -> str:
    upgrade(sqlite_url)
    store(sqlite_url, ARTICLES)
    return sqlite_url


def _export(runner, url: str, out: str, fmt: str = "csv"):
    return runner.invoke(main, ["export", "--format", fmt, "--out", out, "--db", url])


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def _read_in_thread(path) -> tuple[threading.Thread, list[bytes]]:
    got: list[bytes] = []

    def read() -> None:
        with open(path, "rb") as fifo:
            got.append(fifo.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return reader, got


def test_dash_writes_to_standard_output_and_creates_no_file(runner, archive, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _export(runner, archive, "-")
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout_bytes)
    assert list(rows[0]) == list(EXPORT_COLUMNS) and len(rows) == len(ARTICLES)
    assert result.stderr == f"Exported {len(ARTICLES)} article(s) to standard output\n"
    assert not os.path.exists(tmp_path / "-")


@pytest.mark.parametrize("via_symlink", [False, True], ids=["fifo", "symlink-to-fifo"])
def test_a_fifo_is_streamed_to_and_stays_a_fifo(runner, archive, tmp_path, via_symlink):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    out = fifo
    if via_symlink:
        out = tmp_path / "link"
        out.symlink_to(fifo)
    reader, got = _read_in_thread(fifo)
    result = _export(runner, archive, str(out))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert len(_rows(got[0])) == len(ARTICLES)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert out.is_symlink() == via_symlink
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "mediamon.db" and "mediamon.db" not in p.name) == (
        ["link", "pipe"] if via_symlink else ["pipe"]
    )


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_character_device_is_written_in_place_and_stays_a_device(runner, archive, tmp_path, fmt):
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a null device of the test's own
    except PermissionError as exc:
        pytest.skip(f"this container does not allow mknod: {exc}")
    link = tmp_path / "stdout-like"
    link.symlink_to(device)
    for out in (device, link):
        result = _export(runner, archive, str(out), fmt)
        assert result.exit_code == 0, result.output
        assert stat.S_ISCHR(os.stat(device).st_mode), "the device was replaced by a regular file"
    assert link.is_symlink()
    assert not list(tmp_path.glob("*.part")) and not list(tmp_path.glob(".*.part"))


def test_a_regular_file_is_replaced_atomically_keeping_its_mode_owner_and_symlink(runner, archive, tmp_path):
    target = tmp_path / "articles.csv"
    target.write_text("old\n")
    target.chmod(0o640)
    owner = (1234, 1234) if os.geteuid() == 0 else (os.getuid(), os.getgid())
    os.chown(target, *owner)
    link = tmp_path / "latest.csv"
    link.symlink_to(target)
    result = _export(runner, archive, str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == target
    assert len(_rows(target.read_bytes())) == len(ARTICLES)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert (target.stat().st_uid, target.stat().st_gid) == owner
    assert sorted(p.name for p in tmp_path.iterdir() if "mediamon.db" not in p.name) == ["articles.csv", "latest.csv"]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("a" * 300 + ".csv", "File name too long"),
        ("missing/dir/x.csv", "No such file or directory"),
        (".", "directory"),
    ],
)
def test_an_unwritable_name_is_one_line_and_exit_2(runner, archive, tmp_path, monkeypatch, name, reason):
    monkeypatch.chdir(tmp_path)
    result = _export(runner, archive, name)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: cannot write") and reason in lines[0], result.output
    assert sorted(p.name for p in tmp_path.iterdir() if "mediamon.db" not in p.name) == []
