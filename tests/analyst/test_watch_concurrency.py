"""Watches report each match exactly once when two runs overlap, and none is lost when a run is SIGKILLed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from analyst_data import article, store

from crawler.cli import main

REPO = Path(__file__).resolve().parents[2]
STORMS = 30


def start_run(url: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "crawler.cli", "watch", "run", "--db", url],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def reported(stdout: str) -> list[tuple[str, int]]:
    return [(m["watch"], m["article_id"]) for m in map(json.loads, stdout.splitlines())]


def add_storms(url: str) -> None:
    when = datetime(2026, 8, 1, tzinfo=UTC)
    items = [
        article(f"storm/{i}", "lenta_ru", headline=f"Storm number {i}", article_body="Wind.", date_published=when)
        for i in range(STORMS)
    ]
    store(url, items)


def test_two_overlapping_runs_report_each_match_once(runner, archive_url, receiver):
    state, hook = receiver
    state.delay = 0.4  # each delivery is slow, so the two runs overlap
    for name, query in [("a_storm", "storm"), ("b_number", "number"), ("c_wind", "wind")]:
        assert runner.invoke(main, ["watch", "add", name, query, "--notify", hook, "--db", archive_url]).exit_code == 0
    assert runner.invoke(main, ["watch", "add", "d_plain", "storm", "--db", archive_url]).exit_code == 0
    add_storms(archive_url)
    first, second = start_run(archive_url), start_run(archive_url)
    outputs = [p.communicate(timeout=240) for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, outputs
    printed = Counter(pair for out, _err in outputs for pair in reported(out))
    expected = {(w, a) for w in ("a_storm", "b_number", "c_wind", "d_plain") for a in range(8, 8 + STORMS)}
    assert set(printed) == expected and set(printed.values()) == {1}
    posted = Counter(state.matches())
    assert set(posted) == {p for p in expected if p[0] != "d_plain"} and set(posted.values()) == {1}


def test_a_run_killed_mid_delivery_loses_nothing(runner, archive_url, receiver):
    state, hook = receiver
    assert (
        runner.invoke(main, ["watch", "add", "a_hook", "storm", "--notify", hook, "--db", archive_url]).exit_code == 0
    )
    assert runner.invoke(main, ["watch", "add", "b_plain", "number", "--db", archive_url]).exit_code == 0
    add_storms(archive_url)
    state.hang.set()  # the receiver holds the first POST: the run is inside its delivery
    killed = start_run(archive_url)
    assert state.got_one.wait(120), killed.communicate(timeout=5)
    killed.send_signal(signal.SIGKILL)
    out, _err = killed.communicate(timeout=30)
    assert killed.returncode == -signal.SIGKILL and out == ""
    state.hang.clear()
    state.release.set()
    again = start_run(archive_url)
    out, err = again.communicate(timeout=240)
    assert again.returncode == 0, err
    ids = range(8, 8 + STORMS)
    assert sorted(reported(out)) == sorted([("a_hook", a) for a in ids] + [("b_plain", a) for a in ids])
    assert sorted(state.matches()) == [("a_hook", a) for a in ids]
    third = start_run(archive_url)
    assert third.communicate(timeout=240)[0] == "" and third.returncode == 0
