"""Watches on both backends: new matches reported once, webhooks that fail and then succeed, mail, bad input."""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime

import pytest
from analyst_data import article, store
from sqlalchemy import select

from crawler.cli import main
from crawler.exitcodes import ExitCode
from storage.db import make_engine
from storage.models import CrawlEvent, CrawlRun

FAST_RETRIES = {"MEDIAMON_WEBHOOK_BACKOFF": "0.01", "MEDIAMON_WEBHOOK_ATTEMPTS": "3"}


def lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def new_article(url: str, slug: str, headline: str, source: str = "lenta_ru") -> None:
    when = datetime(2026, 7, 21, 9, 0, tzinfo=UTC)
    store(url, [article(slug, source, headline=headline, article_body=headline, date_published=when, in_language="en")])


def run(runner, url, *args, env=None):
    return runner.invoke(main, ["watch", *args, "--db", url], env=env)


def test_new_matches_are_reported_once(runner, archive_url):
    assert run(runner, archive_url, "add", "parks", "park OR парк").exit_code == 0
    first = run(runner, archive_url, "run")
    assert first.exit_code == 0 and lines(first.stdout) == []  # stored before the watch: not new
    new_article(archive_url, "p1", "A new park in Kazan")
    new_article(archive_url, "x1", "Nothing to see")
    second = run(runner, archive_url, "run")
    assert second.exit_code == 0, second.output
    [match] = lines(second.stdout)
    assert match["watch"] == "parks" and match["headline"] == "A new park in Kazan"
    assert match["url"] == "https://lenta.ru/p1" and match["source"] == "lenta_ru"
    assert lines(run(runner, archive_url, "run").stdout) == []
    listed = run(runner, archive_url, "list", "--format", "csv")
    assert listed.stdout.splitlines()[1].endswith(",1,0")  # delivered 1, pending 0


def test_backfill_and_source(runner, archive_url):
    assert run(runner, archive_url, "add", "az", "park", "--source", "caliber_az", "--backfill").exit_code == 0
    new_article(archive_url, "p2", "Another park", source="lenta_ru")
    result = run(runner, archive_url, "run", "az")
    assert [m["url"] for m in lines(result.stdout)] == ["https://caliber.az/az/park"]


def test_webhook_that_fails_then_succeeds(runner, archive_url, receiver):
    state, hook = receiver
    state.statuses = [500, 503]
    assert run(runner, archive_url, "add", "london", "London", "--backfill", "--notify", hook).exit_code == 0
    result = run(runner, archive_url, "run", env=FAST_RETRIES)
    assert result.exit_code == 0, result.output
    assert len(state.received) == 3 and len(state.acknowledged) == 1
    assert sorted(state.matches()) == [("london", 5), ("london", 6)]
    assert len(lines(result.stdout)) == 2


def test_webhook_outage_is_an_event_and_the_matches_come_again(runner, archive_url, receiver):
    state, hook = receiver
    state.statuses = [500] * 3
    notify = hook.replace("http://", "http://hookuser:s3cret@")
    assert run(runner, archive_url, "add", "london", "London", "--backfill", "--notify", notify).exit_code == 0
    failed = run(runner, archive_url, "run", env=FAST_RETRIES)
    assert failed.exit_code == ExitCode.FINISHED_WITH_ERRORS
    assert lines(failed.stdout) == [] and "s3cret" not in failed.output
    engine = make_engine(archive_url)
    with engine.connect() as connection:
        status = connection.scalar(select(CrawlRun.status).where(CrawlRun.source == "watches"))
        [event] = connection.execute(select(CrawlEvent.kind, CrawlEvent.message, CrawlEvent.url)).all()
    engine.dispose()
    assert status == "failed" and event.kind == "watch_delivery_failed"
    assert "HTTP 500" in event.message and "s3cret" not in event.message + event.url
    assert "s3cret" not in run(runner, archive_url, "list").output
    again = run(runner, archive_url, "run", env=FAST_RETRIES)
    assert again.exit_code == 0 and len(lines(again.stdout)) == 2
    assert sorted(state.matches()) == [("london", 5), ("london", 6)]
    assert state.authorization[-1].startswith("Basic ")


def test_mail_through_smtp_on_localhost(runner, archive_url, monkeypatch):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    class Inbox:
        def __init__(self) -> None:
            self.messages: list = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope)
            return "250 OK"

    def authenticate(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=auth_data.login == b"mon" and auth_data.password == b"pa55word")

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=authenticate, auth_require_tls=False)
    controller.start()
    try:
        env = {
            "MEDIAMON_SMTP_HOST": "127.0.0.1",
            "MEDIAMON_SMTP_PORT": str(port),
            "MEDIAMON_SMTP_USER": "mon",
            "MEDIAMON_SMTP_PASSWORD": "pa55word",
            "MEDIAMON_SMTP_FROM": "monitor@example.invalid",
        }
        add = run(
            runner, archive_url, "add", "nato", "NATO", "--backfill", "--notify", "mailto:analyst@example.invalid"
        )
        assert add.exit_code == 0
        result = run(runner, archive_url, "run", env=env)
        assert result.exit_code == 0, result.output
        [mail] = inbox.messages
        assert mail.rcpt_tos == ["analyst@example.invalid"] and mail.mail_from == "monitor@example.invalid"
        text = mail.content.decode()
        assert "Subject: mediamon watch nato: 1 new article(s)" in text and "https://caliber.az/en/nato" in text
        wrong = run(runner, archive_url, "add", "park", "park", "--backfill", "--notify", "mailto:a@example.invalid")
        assert wrong.exit_code == 0
        bad_password = {**env, "MEDIAMON_SMTP_PASSWORD": "wrong-pa55", "MEDIAMON_NOTIFY_TIMEOUT": "2"}
        refused = run(runner, archive_url, "run", env=bad_password)
        assert refused.exit_code == ExitCode.FINISHED_WITH_ERRORS and "wrong-pa55" not in refused.output
        engine = make_engine(archive_url)
        with engine.connect() as connection:
            [message] = connection.scalars(select(CrawlEvent.message)).all()
        engine.dispose()
        assert message.startswith("watch park: 1 match(es) not delivered, reported again next run: mail to a@")
        assert "wrong-pa55" not in message
    finally:
        controller.stop()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "w", "NATO OR"], "Error: query: OR needs something on each side"),
        (["add", "w", "x", "--notify", "ftp://host/x"], "Error: --notify: 'ftp://host/x' is neither"),
        (["add", "w", "x", "--notify", "mailto:a@b.invalid, c@d.invalid"], "Error: --notify: 'a@b.invalid, c@d"),
        (["add", "w", "x", "--source", "nope"], "Error: unknown source 'nope'"),
        (["remove", "nope"], "Error: no watch named 'nope'"),
        (["run", "nope"], "Error: no watch named 'nope'"),
    ],
)
def test_bad_input_is_one_line(runner, archive_url, args, message):
    result = run(runner, archive_url, *args)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert result.output.startswith(message) and len(result.output.splitlines()) == 1


def test_a_name_is_added_once_and_removed(runner, archive_url):
    assert run(runner, archive_url, "add", "w", "x").exit_code == 0
    again = run(runner, archive_url, "add", "w", "y")
    assert again.exit_code == ExitCode.USAGE and again.output == "Error: a watch named 'w' exists already\n"
    assert run(runner, archive_url, "remove", "w").exit_code == 0
    assert run(runner, archive_url, "list", "--format", "csv").output.splitlines()[1:] == []
