"""The ops commands read by machines: runs (csv, jsonl, --since, --source), runs show and health as JSON, metrics.

The ledger is a real migrated SQLite database, its rows written through :mod:`storage.ledger`.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
import yaml
from click.testing import CliRunner

from crawler.cli import main
from crawler.exitcodes import ExitCode
from storage.db import make_engine, make_sessionmaker
from storage.ledger import RUN_COLUMNS, Event, add_events, finish_run, start_run
from storage.migrate import upgrade
from storage.models import CrawlRun

DOCS = os.path.join(os.path.dirname(__file__), "..", "..", "docs")
NOW = datetime.now(UTC)


def _run(session, source: str, *, status: str, reason: str, started: datetime, **counts: int) -> int:
    run_id = start_run(session, source=source, host="cronhost", pid=4242, log_path=f"/var/log/{source}.log")
    session.get(CrawlRun, run_id).started_at = started
    stats = {"item_scraped_count": counts.get("articles_new", 0), "extract/missing_date": 0, "store/unchanged": 2}
    finish_run(session, run_id, status=status, finish_reason=reason, counts=counts, stats=stats)
    session.get(CrawlRun, run_id).finished_at = started + timedelta(seconds=12.5)
    return run_id


@pytest.fixture
def ledger(tmp_path) -> tuple[str, dict[str, int]]:
    """A ledger of two sources: alpha healthy, beta whose last run failed for DNS."""
    url = f"sqlite:///{tmp_path / 'ops.db'}"
    upgrade(url)
    engine = make_engine(url)
    with make_sessionmaker(engine).begin() as session:
        dns = "no page fetched: DNS lookup failed for beta.invalid"
        plan = {  # key: (source, status, reason, started, counts)
            "alpha_old": ("alpha", "finished", "finished", timedelta(days=3), {"articles_new": 4}),
            "alpha": ("alpha", "finished", "finished", timedelta(hours=1), {"articles_new": 3, "articles_known": 5}),
            "beta": ("beta", "failed", dns, timedelta(minutes=30), {"errors": 2}),
        }
        ids = {
            key: _run(session, source, status=status, reason=reason, started=NOW - ago, **counts)
            for key, (source, status, reason, ago, counts) in plan.items()
        }
        add_events(
            session,
            ids["beta"],
            [Event("network_error", "DNS lookup failed for beta.invalid", "error", "http://beta.invalid/")] * 2,
        )
    engine.dispose()
    return url, ids


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_runs_csv_and_jsonl_carry_every_column(runner, ledger):
    url, ids = ledger
    as_csv = runner.invoke(main, ["runs", "--db", url, "--format", "csv"])
    assert as_csv.exit_code == 0, as_csv.output
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert tuple(rows[0]) == RUN_COLUMNS
    assert [int(r["id"]) for r in rows] == [ids["beta"], ids["alpha"], ids["alpha_old"]]  # newest first
    alpha = rows[1]
    assert (alpha["articles_known"], alpha["duration_s"]) == ("5", "12.5")
    assert (alpha["host"], alpha["pid"]) == ("cronhost", "4242")
    assert alpha["log_path"] == "/var/log/alpha.log" and alpha["finish_reason"] == "finished"

    as_jsonl = runner.invoke(main, ["runs", "--db", url, "--format", "jsonl", "--status", "failed"])
    (record,) = [json.loads(line) for line in as_jsonl.output.splitlines()]
    assert record["id"] == ids["beta"] and record["errors"] == 2 and record["duration_s"] == 12.5
    assert record["finish_reason"] == "no page fetched: DNS lookup failed for beta.invalid"
    assert set(record) == set(RUN_COLUMNS)

    table = runner.invoke(main, ["runs", "--db", url])
    header = table.output.splitlines()[1]
    assert [h.strip() for h in header.strip("┃").split("┃")] == [
        "id", "source", "started", "secs", "status", "pages", "new", "known", "errors", "reason"
    ]  # fmt: skip


def test_runs_since_and_unknown_source(runner, ledger):
    url, ids = ledger
    since = (NOW - timedelta(days=1)).date().isoformat()
    recent = runner.invoke(main, ["runs", "--db", url, "--format", "jsonl", "--since", since])
    assert [json.loads(line)["id"] for line in recent.output.splitlines()] == [ids["beta"], ids["alpha"]]
    bad_date = runner.invoke(main, ["runs", "--db", url, "--since", "yesterday"])
    assert bad_date.exit_code == ExitCode.USAGE
    assert "--since: 'yesterday' is not a date" in bad_date.output
    unknown = runner.invoke(main, ["runs", "--db", url, "--source", "nosuch"])
    assert unknown.exit_code == ExitCode.USAGE
    assert unknown.output.strip() == "Error: unknown source 'nosuch' (sources with runs: alpha, beta)"


def test_runs_show_prints_the_stats_and_gives_json(runner, ledger):
    url, ids = ledger
    text = runner.invoke(main, ["runs", "show", str(ids["alpha"]), "--db", url])
    assert text.exit_code == 0, text.output
    assert f"Run {ids['alpha']} of alpha: finished (finished)" in text.output
    assert "known 5" in text.output and "(12.5 s)" in text.output
    assert "Stats" in text.output and "store/unchanged" in text.output
    as_json = runner.invoke(main, ["runs", "show", str(ids["beta"]), "--db", url, "--format", "json"])
    document = json.loads(as_json.output)
    assert document["status"] == "failed" and document["stats"]["store/unchanged"] == 2
    assert document["events_by_kind"] == [{"kind": "network_error", "level": "error", "count": 2}]
    assert document["events"][0]["url"] == "http://beta.invalid/"
    missing = runner.invoke(main, ["runs", "show", "999", "--db", url, "--format", "json"])
    assert missing.exit_code == ExitCode.USAGE and "no run with id 999" in missing.output


def test_health_names_the_failed_run_as_text_and_json(runner, ledger):
    url, ids = ledger
    text = runner.invoke(main, ["health", "--db", url])
    assert text.exit_code == ExitCode.FINISHED_WITH_ERRORS
    beta = ids["beta"]
    assert (
        f"WARNING beta: last run failed: no page fetched: DNS lookup failed for beta.invalid "
        f"(run {beta}: mediamon runs show {beta})"
    ) in text.output
    as_json = runner.invoke(main, ["health", "--db", url, "--format", "json"])
    assert as_json.exit_code == ExitCode.FINISHED_WITH_ERRORS
    by_source = {h["source"]: h for h in json.loads(as_json.output)}
    assert by_source["alpha"]["healthy"] is True and by_source["alpha"]["warnings"] == []
    assert by_source["beta"]["healthy"] is False
    assert by_source["beta"]["last_run_status"] == "failed"
    assert by_source["beta"]["warnings"] == [
        {"message": "last run failed: no page fetched: DNS lookup failed for beta.invalid", "run_id": beta}
    ]


def test_metrics_as_openmetrics_and_as_an_atomic_textfile(runner, ledger, tmp_path):
    url, _ids = ledger
    result = runner.invoke(main, ["metrics", "--db", url])
    assert result.exit_code == 0, result.output
    from prometheus_client.openmetrics.parser import text_string_to_metric_families

    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(result.output)
        for s in family.samples
    }
    assert samples[("mediamon_last_run_status", (("source", "beta"), ("status", "failed")))] == 1
    assert samples[("mediamon_last_run_status", (("source", "alpha"), ("status", "finished")))] == 1
    assert samples[("mediamon_last_run_articles_new", (("source", "alpha"),))] == 3
    assert samples[("mediamon_last_run_articles_known", (("source", "alpha"),))] == 5
    assert samples[("mediamon_last_run_duration_seconds", (("source", "alpha"),))] == 12.5
    assert samples[("mediamon_last_run_errors", (("kind", "network_error"), ("source", "beta")))] == 2
    assert samples[("mediamon_health_warnings", (("source", "beta"),))] == 1
    assert ("mediamon_last_success_timestamp_seconds", (("source", "beta"),)) not in samples

    textfile = tmp_path / "collector" / "mediamon.prom"
    missing_dir = runner.invoke(main, ["metrics", "--db", url, "--textfile", str(textfile)])
    assert missing_dir.exit_code == ExitCode.USAGE and "does not exist" in missing_dir.output
    textfile.parent.mkdir()
    textfile.write_text("stale\n")
    written = runner.invoke(main, ["metrics", "--db", url, "--textfile", str(textfile)])
    assert written.exit_code == 0 and written.output == ""
    content = textfile.read_text()
    assert 'mediamon_last_run_status{source="beta",status="failed"} 1.0' in content
    assert list(textfile.parent.iterdir()) == [textfile]  # renamed into place: no temporary file left


def test_the_example_alerting_rules_are_valid(tmp_path):
    path = os.path.join(DOCS, "prometheus-alerts.yml")
    with open(path, encoding="utf-8") as file:
        rules = yaml.safe_load(file)
    alerts = {rule["alert"]: rule for group in rules["groups"] for rule in group["rules"]}
    assert {"MediamonSourceSilent", "MediamonLastRunFailed", "MediamonMissingDateJump"} <= set(alerts)
    for rule in alerts.values():
        assert "mediamon_" in rule["expr"] and rule["annotations"]["summary"]
    promtool = shutil.which("promtool")
    if promtool is None:
        return  # the YAML parse above is the check where Prometheus is not installed (.ci/run installs it)
    checked = subprocess.run([promtool, "check", "rules", path], capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout + checked.stderr
