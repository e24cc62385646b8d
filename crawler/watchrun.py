"""One run of the watches: claim each watch's matches, deliver them (stdout, webhook, mail), mark them.

Kept apart from the click commands so that ``mediamon crawl --watches`` (crawler/cli/crawl.py) and
the benchmarks call it without importing the CLI. Each run is a ``crawl_runs`` row of source
``watches``; a failed delivery is a ``watch_delivery_failed`` event, its matches are given
back and reported by the next run, and the exit code is 1.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
from collections.abc import Sequence
from typing import Any, TextIO

import click
from sqlalchemy import Engine

from crawler.exitcodes import ExitCode

log = logging.getLogger("mediamon.watches")


def _deliver(watch: Any, payload: list[dict[str, Any]]) -> None:
    from crawler.notify import mail_text, post_webhook, send_mail

    if not watch.notify:
        return
    if watch.notify.startswith("mailto:"):
        send_mail(watch.notify.removeprefix("mailto:"), *mail_text(watch.name, watch.query, payload))
    else:
        post_webhook(watch.notify, {"watch": watch.name, "query": watch.query, "matches": payload})


def run_watches(engine: Engine, names: Sequence[str] = (), out: TextIO | None = None) -> int:
    """Run the watches (all, or these); return the exit code (1 when a delivery failed)."""
    from crawler.notify import DeliveryFailed, masked_target
    from storage.db import make_sessionmaker
    from storage.ledger import Event, add_events, finish_run, start_run
    from storage.watches import claim, claimer, matches, settle, watches

    out = out or sys.stdout
    token = claimer()
    with engine.connect() as connection:
        chosen = watches(connection, names)
    sessions = make_sessionmaker(engine)
    with sessions.begin() as session:
        run_id = start_run(session, source="watches", host=socket.gethostname(), pid=os.getpid(), log_path=None)
    events: list[Event] = []
    reported = 0
    with engine.begin() as connection:
        held = claim(connection, chosen, token)
    with engine.connect() as connection:
        found = matches(connection, [w for w in chosen if w.id in held], token) if held else {}
    printed: list[int] = []  # watches whose matches are on stdout (or gone), marked together

    def mark_printed() -> None:
        if printed:
            with engine.begin() as connection:
                settle(connection, printed, token, delivered=True)
            printed.clear()

    for watch in chosen:
        if watch.id not in held:
            continue
        payload = [m.as_json() for m in found.get(watch.id, [])]
        if payload and watch.notify:
            mark_printed()  # before a delivery that may take long: what is printed is marked first
            try:
                _deliver(watch, payload)
            except DeliveryFailed as exc:
                message = f"watch {watch.name}: {len(payload)} match(es) not delivered, reported again next run: {exc}"
                events.append(Event("watch_delivery_failed", message, level="error", url=masked_target(watch.notify)))
                if logging.getLogger().hasHandlers():  # a crawl's log (crawl --watches)
                    log.error(message)
                else:
                    click.echo(f"Error: {message}", err=True)
                with engine.begin() as connection:
                    settle(connection, [watch.id], token, delivered=False)
                continue
        for match in payload:  # none when its articles were deleted since the claim: it is closed all the same
            out.write(json.dumps(match, ensure_ascii=False) + "\n")
        out.flush()
        printed.append(watch.id)
        reported += len(payload)
    mark_printed()
    failed = len(events)
    with sessions.begin() as session:
        add_events(session, run_id, events)
        finish_run(
            session,
            run_id,
            status="failed" if failed else "finished",
            finish_reason=f"{failed} watch(es) not delivered" if failed else "finished",
            counts={"errors": failed},
            stats={"watches": len(chosen), "reported": reported},
        )
    click.echo(f"{reported} match(es) of {len(chosen)} watch(es) reported; {failed} delivery failure(s).", err=True)
    return int(ExitCode.FINISHED_WITH_ERRORS if failed else ExitCode.OK)
