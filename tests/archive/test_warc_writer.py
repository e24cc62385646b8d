"""The WARC writer: records readable by offset, request records beside responses, rotation, retention."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler.archive.reader import CaptureUnreadable, page_text, read_capture
from crawler.archive.writer import WarcArchive, prune_archive

PAGE = "<html><head><meta charset='windows-1251'></head><body>Новости дня</body></html>".encode("cp1251")


def _write(archive: WarcArchive, number: int):
    return archive.write(
        f"https://news.example/a/{number}?x=1",
        status=200,
        reason="OK",
        response_headers=[("Content-Type", "text/html; charset=windows-1251")],
        body=PAGE,
        request_headers=[("User-Agent", "mediamon-test")],
        fetched_at=datetime(2026, 5, 1, 12, 0, tzinfo=UTC),
    )


def test_each_capture_reads_back_by_offset_and_a_request_record_follows_it(tmp_path):
    archive = WarcArchive(tmp_path / "archive" / "news", "news")
    captures = [_write(archive, n) for n in range(3)]
    archive.close()
    assert len(archive.files) == 1 and archive.files[0].name.endswith(".warc.gz")
    for number, capture in enumerate(captures):
        page = read_capture(capture.warc_file, capture.warc_offset, capture.warc_length)
        assert (page.url, page.status) == (f"https://news.example/a/{number}?x=1", 200)
        assert page_text(page).endswith("<body>Новости дня</body></html>")  # decoded as the crawl decodes it
        assert capture.payload_digest.startswith("sha1:")
    with open(archive.files[0], "rb") as handle:
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Date")) for r in ArchiveIterator(handle)]
    assert [kind for kind, _ in records] == ["warcinfo"] + ["response", "request"] * 3
    assert records[1][1] == "2026-05-01T12:00:00Z"


def test_a_new_file_past_the_size_limit_and_per_run(tmp_path):
    archive = WarcArchive(tmp_path, "news", max_bytes=1000)
    captures = [_write(archive, n) for n in range(6)]
    archive.close()
    assert len(archive.files) >= 3
    assert all(os.path.getsize(f) < 1000 + 2 * captures[0].warc_length for f in archive.files)
    second_run = WarcArchive(tmp_path, "news")
    _write(second_run, 9)
    second_run.close()
    assert not set(second_run.files) & set(archive.files)


def test_retention_removes_old_files_only(tmp_path):
    archive = WarcArchive(tmp_path / "a", "news")
    _write(archive, 1)
    archive.close()
    old = archive.files[0]
    fresh = tmp_path / "a" / "fresh.warc.gz"
    fresh.write_bytes(old.read_bytes())
    other = tmp_path / "a" / "notes.txt"
    other.write_text("kept")
    month_ago = time.time() - 31 * 86400
    os.utime(old, (month_ago, month_ago))
    assert prune_archive(tmp_path, 0) == []  # 0 keeps everything
    assert prune_archive(tmp_path, 30) == [old]
    assert fresh.exists() and other.exists() and not old.exists()


def test_a_damaged_capture_is_reported_not_raised_as_anything_else(tmp_path):
    archive = WarcArchive(tmp_path, "news")
    capture = _write(archive, 1)
    archive.close()
    with pytest.raises(CaptureUnreadable):
        read_capture(capture.warc_file, capture.warc_offset + 3, capture.warc_length)
    with pytest.raises(CaptureUnreadable):
        read_capture(str(tmp_path / "gone.warc.gz"), 0, 10)
    with pytest.raises(CaptureUnreadable):
        read_capture(capture.warc_file, capture.warc_offset, capture.warc_length * 50)
